using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lantern.Ingest;

/// <summary>
/// A saved web page: one document of kind <c>page</c> with its visible text and title. The site and
/// URL come from the page itself (canonical link, <c>og:url</c>, the browser's "saved from" note),
/// else from <c>--site</c> or the folder the page was saved in.
/// </summary>
internal sealed partial class HtmlReader : IDocumentReader
{
    public string Format => "html";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        if (SingleDocumentFile.CheckSize(file, options) is { } tooLarge)
        {
            yield return tooLarge;
            yield break;
        }

        HtmlPage page;
        string? savedFrom;
        using (var stream = File.OpenRead(file.Path))
        {
            var head = new byte[2048];
            var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            savedFrom = SavedFrom().Match(System.Text.Encoding.UTF8.GetString(head, 0, length)) is { Success: true } match ? match.Groups[1].Value : null;
            stream.Position = 0;
            page = HtmlText.Parse(stream);
        }

        if (page.Problem is { } problem)
        {
            yield return new IngestProblem(file.DisplayPath, "file", problem, ProblemSeverity.Warning);
        }

        var url = AbsoluteUrl(page.CanonicalUrl) ?? AbsoluteUrl(savedFrom);
        var site = options.Site
            ?? (url is not null ? new Uri(url).Host.ToLowerInvariant() : null)
            ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file.Path))) ?? "web";
        var metadata = page.Links.Count > 0
            ? new Dictionary<string, string> { ["links"] = JsonSerializer.Serialize(page.Links) }
            : null;
        yield return new Document(
            site,
            url,
            null,
            RecordFields.NullIfBlank(page.Title),
            page.Text,
            null,
            url,
            "page",
            null,
            metadata)
        {
            Location = SingleDocumentFile.WholeFile(file),
        };
    }

    private static string? AbsoluteUrl(string? candidate) =>
        candidate is not null && Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;

    [GeneratedRegex(@"saved from url=\(\d+\)(\S+?)\s*-->", RegexOptions.IgnoreCase)]
    private static partial Regex SavedFrom();
}
