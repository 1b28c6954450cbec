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
        var fallbackSite = options.Site ?? Path.GetFileNameWithoutExtension(file.Path);
        SlashDateOrder? slashDates = null;
        foreach (var record in Records(file, options, layout))
        {
            if (record.Problem is not null)
            {
                yield return record.Problem;
                continue;
            }

            if (slashDates is null && NumericDates.TrySlashNumbers(record.Fields.GetValueOrDefault(RecordFields.PostedAt), out _, out _))
            {
                // Only a file with slash dates is read twice: its first one sends a pass over every record's date.
                var survey = SlashDateSurvey.Of(Records(file, options, layout)
                    .Where(other => other.Problem is null)
                    .Select(other => (other.Fields.GetValueOrDefault(RecordFields.PostedAt), other.Location)));
                slashDates = survey.Order;
                if (survey.Warning is { } warning)
                {
                    yield return new IngestProblem(file.DisplayPath, "file", warning, ProblemSeverity.Warning);
                }
            }

            var item = TabularRecord.ToDocument(record.Fields, record.Metadata, file, record.Location, options.Site, fallbackSite, defaultSourceId: null, slashDates ?? SlashDateOrder.MonthFirst, options.Kind);
            yield return item.Document is { } document && record.Repairs is { } repaired ? document with { Repairs = repaired } : item;
        }
    }

    /// <summary>A line's values by document field and its other keys, or a problem with the line (a warning may precede its record).</summary>
    private sealed record Line(
        IReadOnlyDictionary<string, string> Fields,
        Dictionary<string, string> Metadata,
        RecordLocation Location,
        string? Repairs,
        IngestProblem? Problem = null)
    {
        public static Line Refused(IngestProblem problem) => new(new Dictionary<string, string>(), [], default, null, problem);
    }

    private static IEnumerable<Line> Records(SourceFile file, ReadOptions options, FileLayout layout)
    {
        using var stream = File.OpenRead(file.Path);
        var repairs = new TextRepairs();
        foreach (var line in LineReader.ReadLines(stream, options.MaxRecordBytes, layout))
        {
            var location = new RecordLocation(line.Start, line.End, line.Number);
            if (line.TooLong)
            {
                yield return Line.Refused(new IngestProblem(file.DisplayPath, location.ToString(), $"line is {line.End - line.Start:N0} bytes, over the {options.MaxRecordBytes:N0}-byte record limit; skipped"));
                continue;
            }

            // UTF-8 that needs no repair is parsed as it stands; anything else is decoded and repaired first.
            var bytes = line.Bytes;
            repairs.Clear();
            if (layout.Encoding != SourceEncoding.Utf8 || !System.Text.Ascii.IsValid(bytes.Span))
            {
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
                yield return Line.Refused(LoneSurrogatesRepaired(file, location.ToString(), surrogates));
            }

            yield return ParseLine(file, json, location, repairs.Describe());
        }
    }

    private static Line ParseLine(SourceFile file, ReadOnlyMemory<byte> line, RecordLocation location, string? repairs)
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
            return Line.Refused(new IngestProblem(file.DisplayPath, location.ToString(), reason));
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Line.Refused(new IngestProblem(file.DisplayPath, location.ToString(), $"expected a JSON object, found {json.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
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
            return new Line(fields, metadata, location, repairs);
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
