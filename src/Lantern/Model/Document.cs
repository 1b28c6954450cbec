namespace Lantern.Model;

/// <summary>
/// One document: the DESIGN §3 fields as a reader found them, and, once the workspace holds it,
/// its stable id, content hash and provenance. Readers, the store, the index and both shells share
/// this one record. <see cref="SourceId"/> is the id the record has on its site, when the data gives one.
/// </summary>
public sealed record Document(
    string Site,
    string? SourceId,
    string? Author,
    string? Title,
    string Text,
    DateTimeOffset? PostedAt,
    string? Url,
    string Kind,
    string? Thread,
    IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>Where the reader found the record in its file.</summary>
    public RecordLocation Location { get; init; }

    /// <summary>
    /// False when <see cref="SourceId"/> was made up by the reader (a CSV row number), so it does
    /// not identify the record across files and the content hash must.
    /// </summary>
    public bool SourceIdIdentifies { get; init; } = true;

    /// <summary>What decoding repaired in the record (invalid bytes, double-encoded UTF-8), or null when it read cleanly.</summary>
    public string? Repairs { get; init; }

    /// <summary>The workspace's row number; 0 until stored.</summary>
    public long RowId { get; init; }

    /// <summary>The stable id, derived from the document's identity rather than insertion order; empty until stored.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The hash of everything the record says; empty until stored.</summary>
    public string ContentSha256 { get; init; } = string.Empty;

    /// <summary>Where the stored document came from; null until stored.</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>The listing this document is a version of; its own id when it has no other version.</summary>
    public string Listing { get; init; } = string.Empty;

    /// <summary>The handle that wrote it, or null for an anonymous document.</summary>
    public Handle? Handle => Author is null ? null : new Handle(Site, Author);
}

/// <summary>Where a stored document came from: the file, its hash, the record's place in it, and who ingested it when.</summary>
public sealed record Provenance(
    string SourcePath,
    string SourceSha256,
    long? Line,
    long? Record,
    long ByteStart,
    long ByteEnd,
    DateTimeOffset IngestedAt,
    string IngestedBy);

/// <summary>Where a record sits in its file: a byte range, and the line and record number where the format has them.</summary>
public readonly record struct RecordLocation(long ByteStart, long ByteEnd, long? Line = null, long? Record = null)
{
    public override string ToString() =>
        Record is { } record && Line is { } line ? $"record {record} (line {line})"
        : Line is { } onlyLine ? $"line {onlyLine}"
        : Record is { } onlyRecord ? $"record {onlyRecord} (bytes {ByteStart}-{ByteEnd})"
        : $"bytes {ByteStart}-{ByteEnd}";
}

/// <summary>A file handed to a reader, already hashed.</summary>
public sealed record SourceFile(string Path, string DisplayPath, string Sha256, long Size);
