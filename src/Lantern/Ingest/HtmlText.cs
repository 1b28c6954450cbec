using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Lantern.Ingest;

/// <summary>What a reader sees on a saved page: its visible text, title and links.</summary>
public sealed record HtmlPage(string Title, string Text, IReadOnlyList<string> Links, string? CanonicalUrl);

/// <summary>
/// Turns untrusted HTML into visible text. The parser has no loader and no scripting, so a scraped
/// page is only data: nothing it references is fetched and nothing in it runs.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
        "option", "button", "label", "caption", "title",
    };

    public static HtmlPage Parse(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        return FromDocument(document);
    }

    public static HtmlPage Parse(Stream html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        return FromDocument(document);
    }

    public static string ToVisibleText(string html) => Parse(html).Text;

    private static HtmlPage FromDocument(IHtmlDocument document)
    {
        var builder = new StringBuilder();
        if (document.Body is { } body)
        {
            Walk(body, builder);
        }

        var links = document.QuerySelectorAll("a[href]")
            .Select(anchor => anchor.GetAttribute("href")!.Trim())
            .Where(href => href.Length > 0 && !href.StartsWith('#') && !href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var canonical = document.QuerySelector("link[rel=canonical][href]")?.GetAttribute("href")
            ?? document.QuerySelector("meta[property='og:url'][content]")?.GetAttribute("content");
        return new HtmlPage(Collapse(document.Title ?? string.Empty), Tidy(builder), links, canonical?.Trim());
    }

    private static void Walk(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AppendInline(builder, text.Data);
                    break;
                case IElement element when Hidden.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                    }
                    else if (element.LocalName is "img" && element.GetAttribute("alt") is { Length: > 0 } alt)
                    {
                        AppendInline(builder, " " + alt + " ");
                    }

                    Walk(element, builder);
                    if (block)
                    {
                        builder.Append('\n');
                    }
                    else if (element.LocalName is "td" or "th")
                    {
                        builder.Append(' ');
                    }

                    break;
            }
        }
    }

    private static void AppendInline(StringBuilder builder, string data)
    {
        foreach (var character in data)
        {
            if (char.IsWhiteSpace(character))
            {
                if (builder.Length > 0 && builder[^1] is not (' ' or '\n'))
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(character);
            }
        }
    }

    private static string Tidy(StringBuilder builder)
    {
        var lines = builder.ToString().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
