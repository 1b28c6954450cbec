namespace Lantern.Ingest;

/// <summary>A plain text file: one document, identified by its content.</summary>
internal sealed class PlainTextReader : IDocumentReader
{
    public string Format => "text";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        if (SingleDocumentFile.CheckSize(file, options) is { } tooLarge)
        {
            yield return tooLarge;
            yield break;
        }

        var bytes = File.ReadAllBytes(file.Path);
        var layout = FileLayout.Detect(bytes, options.Encoding, quotedFields: false);
        var repairs = new TextRepairs();
        var text = TextDecoder.Decode(bytes.AsSpan(layout.BomLength), layout.Encoding, repairs);

        var site = options.Site ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file.Path))) ?? "files";
        yield return new Document(
            site,
            null,
            null,
            null,
            text.Trim(),
            null,
            null,
            "page",
            null,
            null)
        {
            Location = SingleDocumentFile.WholeFile(file),
            Repairs = repairs.Describe(),
        };
    }
}
