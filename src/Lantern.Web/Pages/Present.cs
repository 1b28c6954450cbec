using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lantern.Search;
using Microsoft.AspNetCore.Html;

namespace Lantern.Web.Pages;

/// <summary>Turns scraped text into safe HTML: everything is encoded; only the highlighter's own marks survive.</summary>
public static class Present
{
    public static IHtmlContent Snippet(string snippet) =>
        new HtmlString(WebUtility.HtmlEncode(snippet)
            .Replace(WebUtility.HtmlEncode(SearchHit.MarkStart), "<mark>", StringComparison.Ordinal)
            .Replace(WebUtility.HtmlEncode(SearchHit.MarkEnd), "</mark>", StringComparison.Ordinal));

    public static string HandleUrl(string handle)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "/" : $"/handles/{Uri.EscapeDataString(handle[..slash])}/{Uri.EscapeDataString(handle[(slash + 1)..])}";
    }

    public static string VendorUrl(string handle) => "/vendor?handle=" + Uri.EscapeDataString(handle);

    /// <summary>
    /// A record as the JSON a page hands its script in a <c>&lt;script type="application/json"&gt;</c> block: the
    /// API's shape, with &lt;, &gt;, &amp; and quotes escaped so scraped text can never close the block.
    /// </summary>
    public static IHtmlContent PageData<T>(T value) => new HtmlString(JsonSerializer.Serialize(value, PageDataJson));

    private static readonly JsonSerializerOptions PageDataJson = new(LanternJson.Options) { Encoder = JavaScriptEncoder.Default };

    public static string SelectorUrl(string type, string value) => $"/selectors/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(value)}";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Stored JSON as a person reads it: quotes, accents and emoji as themselves rather than \u0022 escapes. Only for
    /// display — Razor HTML-encodes the result on output, so the relaxed escaping never reaches the page as markup.
    /// </summary>
    public static string Json(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Readable);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
