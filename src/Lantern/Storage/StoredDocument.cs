namespace Lantern.Storage;

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

/// <summary>A document as the workspace holds it. <see cref="Id"/> is stable: derived from the document's identity, not from insertion order.</summary>
public sealed record StoredDocument(
    long RowId,
    string Id,
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
    string ContentSha256,
    Provenance Provenance)
{
    /// <summary>What decoding repaired when the record was read (invalid bytes, double-encoded UTF-8), or null.</summary>
    public string? Repairs { get; init; }

    /// <summary>The listing this document is a version of (see <see cref="DocumentStore.ListingId"/>); its own id when it has no other version.</summary>
    public string Listing { get; init; } = string.Empty;

    /// <summary>The handle that wrote it, written <c>site/author</c> as in DESIGN §7.</summary>
    public string? Handle => Author is null ? null : $"{Site}/{Author}";
}
