using System.Globalization;

namespace Lantern.Ingest;

/// <summary>
/// CSV with a header row. Columns map to document fields by <c>--map FIELD=COLUMN</c>, else by the
/// names scrapers and well-known marketplace dumps use (<c>Vendor</c>, <c>Item</c>, <c>Item Description</c>…).
/// Unmapped columns are kept as metadata.
/// </summary>
internal sealed class CsvReader : IDocumentReader
{
    public string Format => "csv";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        var layout = FileLayout.Detect(file.Path, options.Encoding, quotedFields: true);
        var delimiter = CsvRecordReader.SniffDelimiter(file.Path, layout);
        var fallbackSite = options.Site ?? Path.GetFileNameWithoutExtension(file.Path);
        SlashDateOrder? slashDates = null;
        foreach (var row in Rows(file, options, layout, delimiter))
        {
            if (row.Problem is not null)
            {
                yield return row.Problem;
                continue;
            }

            if (slashDates is null && NumericDates.TrySlashNumbers(row.Fields.GetValueOrDefault(RecordFields.PostedAt), out _, out _))
            {
                // Only a file with slash dates is read twice: its first one sends a pass over every row's date.
                var survey = SlashDateSurvey.Of(Rows(file, options, layout, delimiter)
                    .Where(other => other.Problem is null)
                    .Select(other => (other.Fields.GetValueOrDefault(RecordFields.PostedAt), other.Location)));
                slashDates = survey.Order;
                if (survey.Warning is { } warning)
                {
                    yield return new IngestProblem(file.DisplayPath, "file", warning, ProblemSeverity.Warning);
                }
            }

            var item = TabularRecord.ToDocument(row.Fields, row.Metadata, file, row.Location, options.Site, fallbackSite, row.Number, slashDates ?? SlashDateOrder.MonthFirst, options.Kind);
            if (item.Document is { } document)
            {
                yield return document with { SourceIdIdentifies = row.IdMapped, Repairs = row.Repairs };
            }
            else
            {
                yield return item;
            }
        }
    }

    /// <summary>A data row's fields by document field, its other columns, or why it cannot be used.</summary>
    private sealed record Row(
        IReadOnlyDictionary<string, string> Fields,
        Dictionary<string, string> Metadata,
        RecordLocation Location,
        string Number,
        bool IdMapped,
        string? Repairs,
        IngestProblem? Problem = null)
    {
        public static Row Refused(IngestProblem problem) => new(new Dictionary<string, string>(), [], default, string.Empty, false, null, problem);
    }

    private static IEnumerable<Row> Rows(SourceFile file, ReadOptions options, FileLayout layout, byte delimiter)
    {
        using var stream = File.OpenRead(file.Path);
        IReadOnlyList<string>? header = null;
        Dictionary<string, int>? mapping = null;
        foreach (var record in CsvRecordReader.Read(stream, delimiter, options.MaxRecordBytes, layout))
        {
            var location = new RecordLocation(record.ByteStart, record.ByteEnd, record.Line, record.Number - 1);
            if (header is null)
            {
                if (record.Error is not null)
                {
                    yield return Row.Refused(new IngestProblem(file.DisplayPath, "header (line 1)", record.Error));
                    yield break;
                }

                header = record.Fields;
                var mapped = MapColumns(header, options.ColumnMap);
                if (mapped.Problem is not null)
                {
                    yield return Row.Refused(new IngestProblem(file.DisplayPath, "header (line 1)", mapped.Problem));
                    yield break;
                }

                mapping = mapped.Mapping;
                continue;
            }

            if (record.Error is not null)
            {
                yield return Row.Refused(new IngestProblem(file.DisplayPath, location.ToString(), record.Error));
                continue;
            }

            if (record.Fields.Count != header.Count)
            {
                yield return Row.Refused(new IngestProblem(file.DisplayPath, location.ToString(), $"has {record.Fields.Count} columns, the header has {header.Count}; skipped"));
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var used = new HashSet<int>();
            foreach (var (field, column) in mapping!)
            {
                fields[field] = record.Fields[column];
                used.Add(column);
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var column = 0; column < header.Count; column++)
            {
                if (!used.Contains(column) && record.Fields[column].Length > 0)
                {
                    metadata[header[column]] = record.Fields[column];
                }
            }

            var rowNumber = (record.Number - 1).ToString(CultureInfo.InvariantCulture);
            yield return new Row(fields, metadata, location, rowNumber, mapping!.ContainsKey(RecordFields.Id), record.Repairs);
        }

        if (header is null)
        {
            yield return Row.Refused(new IngestProblem(file.DisplayPath, "file", "no header row"));
        }
    }

    private static (Dictionary<string, int> Mapping, string? Problem) MapColumns(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? explicitMap)
    {
        var normalized = header.Select(RecordFields.NormalizeName).ToList();
        var mapping = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, column) in explicitMap ?? new Dictionary<string, string>())
        {
            var index = normalized.IndexOf(RecordFields.NormalizeName(column));
            if (index < 0)
            {
                return (mapping, $"--map {field}={column}: no column named '{column}' (columns: {string.Join(", ", header)})");
            }

            mapping[field] = index;
        }

        foreach (var (field, names) in RecordFields.CommonNames)
        {
            if (mapping.ContainsKey(field))
            {
                continue;
            }

            foreach (var name in names)
            {
                var index = normalized.IndexOf(name);
                if (index >= 0 && !mapping.ContainsValue(index))
                {
                    mapping[field] = index;
                    break;
                }
            }
        }

        return (mapping, null);
    }

}
