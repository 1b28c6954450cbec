using System.Net;
using System.Numerics;
using System.Text;

namespace Lantern.Ingest;

/// <summary>
/// Reads markup as a flat run of tags, in one pass and without building a tree: how deep its
/// elements nest (before a parser is trusted with it), and, for markup too deep to parse, its
/// visible text. Tags that cannot contain others (void elements, <c>/&gt;</c>) and those a parser
/// closes by itself (<c>p</c>, <c>li</c>, table cells…) do not count as nesting.
/// </summary>
internal static class MarkupDepth
{
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> ClosedByParser = new(StringComparer.Ordinal)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp",
    };

    /// <summary>Elements whose content is not markup: their text runs to the matching end tag.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    };

    /// <summary>Whether elements in <paramref name="markup"/> nest deeper than <paramref name="limit"/>.</summary>
    public static bool Exceeds<T>(ReadOnlySpan<T> markup, int limit)
        where T : unmanaged, IBinaryInteger<T>
    {
        var depth = 0;
        var position = 0;
        while (NextTag(markup, ref position) is { } tag)
        {
            if (tag.Kind == TagKind.Close)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (tag.Kind == TagKind.Open && ++depth > limit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The visible text of markup read without a tree: tags dropped, hidden elements' content skipped, entities decoded.</summary>
    public static HtmlPage FlatText(string markup)
    {
        var builder = new StringBuilder();
        var title = string.Empty;
        var position = 0;
        while (true)
        {
            var textStart = position;
            var tag = NextTag(markup.AsSpan(), ref position);
            HtmlText.AppendInline(builder, WebUtility.HtmlDecode(markup[textStart..(tag?.Start ?? markup.Length)]));
            if (tag is not { } found)
            {
                break;
            }

            if (found.Name == "title")
            {
                title = HtmlText.Collapse(WebUtility.HtmlDecode(markup[found.ContentStart..found.ContentEnd]));
            }
            else if (found.Name == "textarea")
            {
                HtmlText.AppendInline(builder, WebUtility.HtmlDecode(markup[found.ContentStart..found.ContentEnd]));
            }

            if (HtmlText.Blocks.Contains(found.Name))
            {
                builder.Append('\n');
            }
        }

        return new HtmlPage(title, HtmlText.Tidy(builder), [], null,
            $"markup nested deeper than {HtmlText.MaxNestingDepth:N0} levels; its text was taken without the page structure (no links or canonical URL)");
    }

    private enum TagKind
    {
        Open,
        Close,

        /// <summary>A tag that does not change the depth: void, self-closed, closed by the parser, or a raw-text element with its content.</summary>
        Leaf,
    }

    /// <summary>A tag at <c>[Start, position)</c>; for a raw-text element, its content is <c>[ContentStart, ContentEnd)</c>.</summary>
    private readonly record struct Tag(string Name, TagKind Kind, int Start, int ContentStart, int ContentEnd);

    /// <summary>
    /// The next start or end tag from <paramref name="position"/>, which is moved past it (and past a
    /// raw-text element's content and end tag). Comments, doctypes and stray <c>&lt;</c> are passed over.
    /// </summary>
    private static Tag? NextTag<T>(ReadOnlySpan<T> markup, ref int position)
        where T : unmanaged, IBinaryInteger<T>
    {
        Span<char> name = stackalloc char[16];
        while (position < markup.Length)
        {
            var open = markup[position..].IndexOf(T.CreateTruncating('<'));
            if (open < 0)
            {
                position = markup.Length;
                return null;
            }

            var start = position + open;
            var index = start + 1;
            if (index < markup.Length && Char(markup[index]) == '!')
            {
                var comment = index + 2 < markup.Length && Char(markup[index + 1]) == '-' && Char(markup[index + 2]) == '-';
                position = comment ? After(markup, index + 3, "-->") : After(markup, index, ">");
                continue;
            }

            var closing = index < markup.Length && Char(markup[index]) == '/';
            index += closing ? 1 : 0;
            var length = 0;
            while (index < markup.Length && char.IsAsciiLetterOrDigit(Char(markup[index])) && length < name.Length)
            {
                name[length++] = char.ToLowerInvariant(Char(markup[index++]));
            }

            if (length == 0 || length == name.Length)
            {
                position = start + 1;
                continue;
            }

            var end = markup[index..].IndexOf(T.CreateTruncating('>'));
            position = end < 0 ? markup.Length : index + end + 1;
            var selfClosing = end > 0 && Char(markup[index + end - 1]) == '/';
            var tagName = new string(name[..length]);
            if (!closing && !selfClosing && RawText.Contains(tagName))
            {
                var contentStart = position;
                var contentEnd = IndexOfEndTag(markup, contentStart, tagName);
                position = contentEnd < 0 ? markup.Length : After(markup, contentEnd, ">");
                return new Tag(tagName, TagKind.Leaf, start, contentStart, contentEnd < 0 ? markup.Length : contentEnd);
            }

            var kind = selfClosing || Void.Contains(tagName) || ClosedByParser.Contains(tagName) ? TagKind.Leaf
                : closing ? TagKind.Close
                : TagKind.Open;
            return new Tag(tagName, kind, start, position, position);
        }

        return null;
    }

    private static int IndexOfEndTag<T>(ReadOnlySpan<T> markup, int from, string name)
        where T : unmanaged, IBinaryInteger<T>
    {
        var position = from;
        while (position < markup.Length)
        {
            var open = markup[position..].IndexOf(T.CreateTruncating('<'));
            if (open < 0)
            {
                return -1;
            }

            var start = position + open;
            if (start + 2 + name.Length <= markup.Length && Char(markup[start + 1]) == '/')
            {
                var matches = true;
                for (var i = 0; i < name.Length && matches; i++)
                {
                    matches = char.ToLowerInvariant(Char(markup[start + 2 + i])) == name[i];
                }

                if (matches)
                {
                    return start;
                }
            }

            position = start + 1;
        }

        return -1;
    }

    private static int After<T>(ReadOnlySpan<T> markup, int from, string terminator)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var index = from; index + terminator.Length <= markup.Length; index++)
        {
            var matches = true;
            for (var i = 0; i < terminator.Length && matches; i++)
            {
                matches = Char(markup[index + i]) == terminator[i];
            }

            if (matches)
            {
                return index + terminator.Length;
            }
        }

        return markup.Length;
    }

    private static char Char<T>(T value)
        where T : unmanaged, IBinaryInteger<T> => (char)ushort.CreateTruncating(value);
}
