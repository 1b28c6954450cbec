using System.Globalization;

namespace Lantern.Ingest;

/// <summary>A link between two handles read from a relationship table (a call record, a transaction).</summary>
internal sealed record Relation(string Source, string Target, double Weight, DateTimeOffset? At, long Line);

/// <summary>
/// Relationship tables: <c>edges</c> — rows of <c>source,target[,weight][,time]</c>, with or without
/// a header — and <c>matrix</c> — an adjacency matrix whose first row and column are node ids and
/// whose cells count links from the row's node to the column's. Node ids become handles
/// <c>site/id</c>, the site being <c>--site</c> or the file's name.
/// </summary>
public static class RelationReader
{
    public static readonly IReadOnlyList<string> Formats = ["edges", "matrix"];

    internal static IEnumerable<(Relation? Relation, IngestProblem? Problem)> Read(SourceFile file, string format, ReadOptions options)
    {
        var site = options.Site ?? Path.GetFileNameWithoutExtension(file.Path);
        var layout = FileLayout.Detect(file.Path, options.Encoding, quotedFields: true);
        var delimiter = CsvRecordReader.SniffDelimiter(file.Path, layout);

        using var stream = File.OpenRead(file.Path);
        List<string>? header = null;
        var first = true;
        foreach (var record in CsvRecordReader.Read(stream, delimiter, options.MaxRecordBytes, layout))
        {
            var location = $"line {record.Line}";
            if (record.Error is not null)
            {
                yield return (null, new IngestProblem(file.DisplayPath, location, record.Error));
                continue;
            }

            var fields = record.Fields.Select(field => field.Trim()).ToList();
            if (format == "matrix")
            {
                if (header is null)
                {
                    header = fields;
                    var unnamed = Enumerable.Range(1, header.Count - 1).Where(column => header[column].Length == 0).Select(column => column + 1).ToList();
                    if (unnamed.Count > 0)
                    {
                        yield return (null, new IngestProblem(file.DisplayPath, location, $"column{(unnamed.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unnamed)} ha{(unnamed.Count > 1 ? "ve" : "s")} no node id; {(unnamed.Count > 1 ? "their" : "its")} cells are skipped", ProblemSeverity.Warning));
                    }

                    continue;
                }

                if (fields.Count != header.Count)
                {
                    yield return (null, new IngestProblem(file.DisplayPath, location, $"has {fields.Count} cells, the header has {header.Count}; skipped"));
                    continue;
                }

                if (fields[0].Length == 0)
                {
                    yield return (null, new IngestProblem(file.DisplayPath, location, "row has no node id; skipped"));
                    continue;
                }

                for (var column = 1; column < fields.Count; column++)
                {
                    if (fields[column].Length == 0 || header[column].Length == 0)
                    {
                        continue;
                    }

                    if (!double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count < 0)
                    {
                        yield return (null, new IngestProblem(file.DisplayPath, $"{location}, column {column + 1}", $"'{fields[column]}' is not a count"));
                        continue;
                    }

                    if (count > 0)
                    {
                        yield return (new Relation($"{site}/{fields[0]}", $"{site}/{header[column]}", count, null, record.Line), null);
                    }
                }

                continue;
            }

            if (first)
            {
                first = false;
                if (fields.Count >= 2 && fields[0].Equals("source", StringComparison.OrdinalIgnoreCase) || fields.Count >= 2 && fields[1].Equals("target", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }

            if (fields.Count < 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                yield return (null, new IngestProblem(file.DisplayPath, location, "expected source,target[,weight][,time]"));
                continue;
            }

            var weight = 1.0;
            if (fields.Count > 2 && fields[2].Length > 0 && !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            {
                yield return (null, new IngestProblem(file.DisplayPath, location, $"weight '{fields[2]}' is not a number"));
                continue;
            }

            DateTimeOffset? at = null;
            if (fields.Count > 3 && fields[3].Length > 0)
            {
                if (!RecordFields.TryParseDate(fields[3], out var parsed))
                {
                    yield return (null, new IngestProblem(file.DisplayPath, location, $"time '{fields[3]}' is not a date"));
                    continue;
                }

                at = parsed;
            }

            yield return (new Relation(Handle(site, fields[0]), Handle(site, fields[1]), weight, at, record.Line), null);
        }
    }

    /// <summary>A node already written <c>site/author</c> is kept; a bare id gets the table's site.</summary>
    private static string Handle(string site, string node) => node.Contains('/', StringComparison.Ordinal) ? node : $"{site}/{node}";
}
