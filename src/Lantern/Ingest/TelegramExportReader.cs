using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lantern.Ingest;

/// <summary>
/// Telegram Desktop's JSON export (<c>result.json</c>) of one chat or channel. Each message is a
/// document (<c>source_id</c> = message id, <c>author</c> = <c>from</c>); service messages (joins,
/// pins) are skipped. Streams the messages array, so exports of any size read in bounded memory.
/// </summary>
internal sealed class TelegramExportReader : IDocumentReader
{
    private static readonly string[] MetadataKeys =
    [
        "from_id", "reply_to_message_id", "forwarded_from", "saved_from", "via_bot", "edited", "author",
        "media_type", "mime_type", "file", "photo", "sticker_emoji", "duration_seconds",
    ];

    public string Format => "telegram";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        using var stream = File.OpenRead(file.Path);
        var streamer = new JsonArrayStreamer("messages", options.MaxRecordBytes);
        foreach (var slice in streamer.Read(stream))
        {
            var location = new RecordLocation(slice.Start, slice.End, Record: slice.Index + 1);
            if (slice.Bytes is not { } bytes)
            {
                yield return new IngestProblem(file.DisplayPath, location.ToString(), $"message is over the {options.MaxRecordBytes:N0}-byte record limit; skipped");
                continue;
            }

            var site = options.Site
                ?? (streamer.TopLevelScalars.TryGetValue("name", out var name) && name.Length > 0 ? name : Path.GetFileNameWithoutExtension(file.Path));
            var (json, repaired) = JsonEscapes.RepairLoneSurrogates(bytes);
            if (repaired > 0)
            {
                yield return JsonLinesReader.LoneSurrogatesRepaired(file, location.ToString(), repaired);
            }

            var item = ParseMessage(file, json, location, site);
            if (item is { } value)
            {
                yield return value;
            }
        }

        if (!streamer.ArrayFound)
        {
            yield return new IngestProblem(file.DisplayPath, "file", "not a Telegram chat export: no top-level \"messages\" array");
        }
    }

    private static ReadItem? ParseMessage(SourceFile file, ReadOnlyMemory<byte> bytes, RecordLocation location, string site)
    {
        if (!LineReader.TryDecode(bytes.Span, out _, out var encodingError))
        {
            return new IngestProblem(file.DisplayPath, location.ToString(), encodingError!);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = JsonLinesReader.MaxDepth });
        }
        catch (JsonException exception)
        {
            return new IngestProblem(file.DisplayPath, location.ToString(), $"message is not valid JSON ({exception.Message.Split(". ")[0]})");
        }

        using (json)
        {
            var message = json.RootElement;
            if (message.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (String(message, "type") is { } type && type != "message")
            {
                return null;
            }

            var text = message.TryGetProperty("text", out var textElement) ? FlattenText(textElement) : string.Empty;
            if (message.TryGetProperty("caption", out var caption))
            {
                text = string.IsNullOrEmpty(text) ? FlattenText(caption) : text + "\n" + FlattenText(caption);
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in MetadataKeys)
            {
                if (message.TryGetProperty(key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    metadata[key] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                }
            }

            var postedAt = MessageTime(message, out var timeProblem);
            if (timeProblem is not null)
            {
                return new IngestProblem(file.DisplayPath, location.ToString(), $"{timeProblem}; message skipped");
            }

            var author = String(message, "from") ?? String(message, "author") ?? site;
            return new Document(
                site,
                String(message, "id"),
                author,
                null,
                text,
                postedAt,
                null,
                "message",
                String(message, "reply_to_message_id"),
                metadata.Count > 0 ? metadata : null)
            {
                Location = location,
            };
        }
    }

    private static DateTimeOffset? MessageTime(JsonElement message, out string? problem)
    {
        problem = null;
        if (String(message, "date_unixtime") is { } unix)
        {
            if (long.TryParse(unix, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxUnixSeconds)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            problem = $"date_unixtime '{(unix.Length > 40 ? unix[..40] + "…" : unix)}' is not a time between 1970 and 9999";
        }

        if (RecordFields.TryParseDate(String(message, "date"), out var date))
        {
            problem = null;
            return date;
        }

        return null;
    }

    /// <summary>The last second of year 9999, the latest a <see cref="DateTimeOffset"/> holds.</summary>
    private const long MaxUnixSeconds = 253402300799;

    /// <summary>Telegram's text is a string, or an array of strings and entities (<c>{type, text, href}</c>); links keep their target.</summary>
    public static string FlattenText(JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()!;
        }

        if (text.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var part in text.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                builder.Append(part.GetString());
            }
            else if (part.ValueKind == JsonValueKind.Object)
            {
                var partText = String(part, "text") ?? string.Empty;
                builder.Append(partText);
                if (String(part, "href") is { } href && href != partText)
                {
                    builder.Append(" (").Append(href).Append(')');
                }
            }
        }

        return builder.ToString();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        }
        : null;
}
