namespace Lantern.Ingest;

/// <summary>What a reader yields: a document, or a problem with one record (the reader then goes on with the next).</summary>
internal readonly record struct ReadItem(Document? Document, IngestProblem? Problem)
{
    public static implicit operator ReadItem(Document document) => new(document, null);

    public static implicit operator ReadItem(IngestProblem problem) => new(null, problem);
}

/// <summary>What the analyst told ingest about the files: a site override and CSV column mapping.</summary>
internal sealed record ReadOptions(string? Site = null, IReadOnlyDictionary<string, string>? ColumnMap = null)
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
internal interface IDocumentReader
{
    string Format { get; }

    IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options);
}
