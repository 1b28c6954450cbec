using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Lantern.Ingest;

/// <summary>
/// What a reader sees on a saved page: its visible text, title and links; <see cref="Problem"/> says
/// why the page structure was not used (the text is then taken from the markup directly).
/// </summary>
internal sealed record HtmlPage(string Title, string Text, IReadOnlyList<string> Links, string? CanonicalUrl, string? Problem = null);

/// <summary>
/// Turns untrusted HTML into visible text. The parser has no loader and no scripting, so a scraped
/// page is only data: nothing it references is fetched and nothing in it runs. Building the tree
/// costs the square of its depth (the parser checks the open elements for every tag), so markup
/// nested deeper than <see cref="MaxNestingDepth"/> is not parsed into a tree: its text is taken
/// from the markup in one pass, and the page says so in <see cref="HtmlPage.Problem"/>.
/// </summary>
internal static class HtmlText
{
    /// <summary>Real pages nest a few dozen levels; a megabyte of nested <c>&lt;div&gt;</c> nests two hundred thousand.</summary>
    public const int MaxNestingDepth = 2048;

    internal static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas",
    };

    internal static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
        "option", "button", "label", "caption", "title",
    };

    public static HtmlPage Parse(string html)
    {
        if (MarkupDepth.Exceeds(html.AsSpan(), MaxNestingDepth))
        {
            return MarkupDepth.FlatText(html);
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        return FromDocument(document);
    }

    public static HtmlPage Parse(Stream html)
    {
        using var buffer = new MemoryStream();
        html.CopyTo(buffer);
        if (MarkupDepth.Exceeds(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), MaxNestingDepth))
        {
            return MarkupDepth.FlatText(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        buffer.Position = 0;
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(buffer);
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

    /// <summary>Visible text in document order, walked with a stack of its own (no recursion, whatever the depth).</summary>
    private static void Walk(INode root, StringBuilder builder)
    {
        var pending = new Stack<(INode Node, bool Closing)>();
        PushChildren(root, pending);
        while (pending.Count > 0)
        {
            var (node, closing) = pending.Pop();
            if (closing)
            {
                var element = (IElement)node;
                if (Blocks.Contains(element.LocalName))
                {
                    builder.Append('\n');
                }
                else if (element.LocalName is "td" or "th")
                {
                    builder.Append(' ');
                }

                continue;
            }

            switch (node)
            {
                case IText text:
                    AppendInline(builder, text.Data);
                    break;
                case IElement element when Hidden.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element:
                    if (Blocks.Contains(element.LocalName))
                    {
                        builder.Append('\n');
                    }
                    else if (element.LocalName is "img" && element.GetAttribute("alt") is { Length: > 0 } alt)
                    {
                        AppendInline(builder, " " + alt + " ");
                    }

                    pending.Push((element, true));
                    PushChildren(element, pending);
                    break;
            }
        }
    }

    private static void PushChildren(INode node, Stack<(INode Node, bool Closing)> pending)
    {
        var children = node.ChildNodes;
        for (var index = children.Length - 1; index >= 0; index--)
        {
            pending.Push((children[index], false));
        }
    }

    internal static void AppendInline(StringBuilder builder, string data)
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

    internal static string Tidy(StringBuilder builder)
    {
        var lines = builder.ToString().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    internal static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
