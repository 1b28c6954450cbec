namespace Lantern.Ingest;

/// <summary>
/// One document as a reader found it, before it is stored: the DESIGN §3 fields plus where in the
/// source file it came from. <see cref="SourceId"/> is the id the record has on its site, when the
/// data gives one.
/// </summary>
public sealed record SourceDocument(
    string Site,
    string? SourceId,
    string? Author,
    string? Title,
    string Text,
    DateTimeOffset? PostedAt,
    string? Url,
    string Kind,
    string? Thread,
    IReadOnlyDictionary<string, string>? Metadata,
    RecordLocation Location)
{
    /// <summary>
    /// False when <see cref="SourceId"/> was made up by the reader (a CSV row number), so it does
    /// not identify the record across files and the content hash must.
    /// </summary>
    public bool SourceIdIdentifies { get; init; } = true;

    /// <summary>What decoding repaired in the record (invalid bytes, double-encoded UTF-8), or null when it read cleanly.</summary>
    public string? Repairs { get; init; }
}

/// <summary>Where a record sits in its file: a byte range, and the line and record number where the format has them.</summary>
public readonly record struct RecordLocation(long ByteStart, long ByteEnd, long? Line = null, long? Record = null)
{
    public override string ToString() =>
        Record is { } record && Line is { } line ? $"record {record} (line {line})"
        : Line is { } onlyLine ? $"line {onlyLine}"
        : Record is { } onlyRecord ? $"record {onlyRecord} (bytes {ByteStart}-{ByteEnd})"
        : $"bytes {ByteStart}-{ByteEnd}";
}

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>Something wrong with the input, named precisely enough for the analyst to find it.</summary>
public sealed record IngestProblem(string File, string Location, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public override string ToString() => $"{File}: {Location}: {Message}";
}

/// <summary>What a reader yields: a document, or a problem with one record (the reader then goes on with the next).</summary>
public readonly record struct ReadItem(SourceDocument? Document, IngestProblem? Problem)
{
    public static implicit operator ReadItem(SourceDocument document) => new(document, null);

    public static implicit operator ReadItem(IngestProblem problem) => new(null, problem);
}

/// <summary>A file handed to a reader, already hashed.</summary>
public sealed record SourceFile(string Path, string DisplayPath, string Sha256, long Size);

/// <summary>What the analyst told ingest about the files: a site override and CSV column mapping.</summary>
public sealed record ReadOptions(string? Site = null, IReadOnlyDictionary<string, string>? ColumnMap = null)
{
    /// <summary>The encoding every file is read in (<c>--encoding</c>); null decides per file.</summary>
    public SourceEncoding? Encoding { get; init; }

    /// <summary>The kind of records that do not name one (<c>--kind</c>): CSV listings are listings.</summary>
    public string? Kind { get; init; }

    /// <summary>Largest single record (a JSON line, a CSV row, a Telegram message) read; larger ones are reported and skipped.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest file read as a single document (HTML page, plain text).</summary>
    public long MaxDocumentFileBytes { get; init; } = 64L * 1024 * 1024;
}

/// <summary>One input format. Readers stream: they never hold more than one record in memory.</summary>
public interface IDocumentReader
{
    string Format { get; }

    IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options);
}
