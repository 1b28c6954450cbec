using System.Net;
using Lantern.Search;
using Microsoft.AspNetCore.Html;

namespace Lantern.Web.Pages;

/// <summary>Turns scraped text into safe HTML: everything is encoded; only the highlighter's own marks survive.</summary>
public static class Present
{
    public static IHtmlContent Snippet(string snippet) =>
        new HtmlString(WebUtility.HtmlEncode(snippet)
            .Replace(WebUtility.HtmlEncode(SearchService.MarkStart), "<mark>", StringComparison.Ordinal)
            .Replace(WebUtility.HtmlEncode(SearchService.MarkEnd), "</mark>", StringComparison.Ordinal));

    public static string HandleUrl(string handle)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "/" : $"/handles/{Uri.EscapeDataString(handle[..slash])}/{Uri.EscapeDataString(handle[(slash + 1)..])}";
    }

    public static string SelectorUrl(string type, string value) => $"/selectors/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(value)}";
}
