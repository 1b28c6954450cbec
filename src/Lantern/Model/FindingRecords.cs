namespace Lantern.Model;

/// <summary>
/// Something an analyst marked as a finding for the case report, with a note: a document
/// (<c>doc</c>), an alias cluster (<c>cluster</c>), a path between two handles or selectors
/// (<c>path</c>, target <c>A..B</c>) or a document's listing facts (<c>facts</c>).
/// </summary>
public sealed record Finding(long Id, string Kind, string Target, string Note, string AddedBy, DateTimeOffset AddedAt)
{
    public static readonly IReadOnlyList<string> Kinds = ["doc", "cluster", "path", "facts"];

    /// <summary>The finding as <c>lantern finding add</c> takes it.</summary>
    public string Spec => $"{Kind}:{Target}";
}

/// <summary>A case report as written: where, the audit entry that records it, and the documents it cites with their hashes.</summary>
public sealed record CaseReportSummary(string Output, long AuditSeq, string AuditHash, int Findings, IReadOnlyList<CitedDocument> Documents);

/// <summary>A document a report cites: its id, the SHA-256 of its content as stored, and its source file with that file's SHA-256.</summary>
public sealed record CitedDocument(string Doc, string ContentSha256, string SourcePath, string SourceSha256);

/// <summary>A case report: the self-contained HTML and what it cites.</summary>
public sealed record CaseReport(string Html, CaseReportSummary Summary);
