namespace Lantern.Ingest;

/// <summary>Limits shared by the formats where one file is one document.</summary>
internal static class SingleDocumentFile
{
    public static IngestProblem? CheckSize(SourceFile file, ReadOptions options) =>
        file.Size > options.MaxDocumentFileBytes
            ? new IngestProblem(file.DisplayPath, "file", $"{file.Size:N0} bytes is over the {options.MaxDocumentFileBytes:N0}-byte limit for a single-document file; skipped")
            : null;

    public static RecordLocation WholeFile(SourceFile file) => new(0, file.Size, 1);
}
