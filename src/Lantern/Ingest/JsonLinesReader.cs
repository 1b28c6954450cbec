using System.Text.Json;

namespace Lantern.Ingest;

/// <summary>
/// Canonical JSON Lines: one object a line with <c>id, site, url, author, title, text|html,
/// posted_at, thread, kind</c>; other keys are kept as metadata.
/// </summary>
internal sealed class JsonLinesReader : IDocumentReader
{
    public const int MaxDepth = 64;

    public string Format => "jsonl";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        var layout = FileLayout.Detect(file.Path, options.Encoding, quotedFields: false);
        using var stream = File.OpenRead(file.Path);
        var fallbackSite = options.Site ?? Path.GetFileNameWithoutExtension(file.Path);
        var repairs = new TextRepairs();
        foreach (var line in LineReader.ReadLines(stream, options.MaxRecordBytes, layout))
        {
            var location = new RecordLocation(line.Start, line.End, line.Number);
            if (line.TooLong)
            {
                yield return new IngestProblem(file.DisplayPath, location.ToString(), $"line is {line.End - line.Start:N0} bytes, over the {options.MaxRecordBytes:N0}-byte record limit; skipped");
                continue;
            }

            // UTF-8 that needs no repair is parsed as it stands; anything else is decoded and repaired first.
            var bytes = line.Bytes;
            if (layout.Encoding != SourceEncoding.Utf8 || !System.Text.Ascii.IsValid(bytes.Span))
            {
                repairs.Clear();
                var text = TextDecoder.Decode(bytes.Span, layout.Encoding, repairs);
                if (layout.Encoding != SourceEncoding.Utf8 || repairs.Any)
                {
                    bytes = System.Text.Encoding.UTF8.GetBytes(text);
                }
            }

            if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                continue;
            }

            var (json, surrogates) = JsonEscapes.RepairLoneSurrogates(bytes);
            if (surrogates > 0)
            {
                repairs.LoneSurrogates = surrogates;
                yield return LoneSurrogatesRepaired(file, location.ToString(), surrogates);
            }

            var item = ParseLine(file, json, location, options.Site, fallbackSite, options.Kind);
            yield return item.Document is { } document && repairs.Describe() is { } repaired ? document with { Repairs = repaired } : item;
            repairs.Clear();
        }
    }

    private static ReadItem ParseLine(SourceFile file, ReadOnlyMemory<byte> line, RecordLocation location, string? siteOverride, string fallbackSite, string? defaultKind)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"JSON nested deeper than {MaxDepth} levels"
                : $"not valid JSON ({FirstSentence(exception.Message)})";
            return new IngestProblem(file.DisplayPath, location.ToString(), reason);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new IngestProblem(file.DisplayPath, location.ToString(), $"expected a JSON object, found {json.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => property.Value.GetRawText(),
                };
                if (value is null)
                {
                    continue;
                }

                values[property.Name] = value;
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                {
                    scalars.TryAdd(RecordFields.NormalizeName(property.Name), property.Name);
                }
            }

            // Canonical keys first; a scraper's own names (username, content, timestamp…) stand in for missing ones.
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (field, names) in RecordFields.CommonNames)
            {
                foreach (var name in names)
                {
                    if (scalars.TryGetValue(name, out var key) && !used.Contains(key))
                    {
                        fields[field] = values[key];
                        used.Add(key);
                        break;
                    }
                }
            }

            var metadata = values.Where(pair => !used.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

            return TabularRecord.ToDocument(fields, metadata, file, location, siteOverride, fallbackSite, defaultSourceId: null, defaultKind);
        }
    }

    internal static IngestProblem LoneSurrogatesRepaired(SourceFile file, string location, int count) =>
        new(file.DisplayPath, location, $"{count} lone UTF-16 surrogate escape{(count == 1 ? string.Empty : "s")} (\\ud800-\\udfff without its pair) replaced by U+FFFD", ProblemSeverity.Warning);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
