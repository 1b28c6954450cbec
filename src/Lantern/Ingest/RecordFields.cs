using System.Globalization;

namespace Lantern.Ingest;

/// <summary>The document fields of DESIGN §3 and the parsing rules every tabular reader shares.</summary>
public static class RecordFields
{
    public const string Id = "id";
    public const string Site = "site";
    public const string Url = "url";
    public const string Author = "author";
    public const string Title = "title";
    public const string Text = "text";
    public const string Html = "html";
    public const string PostedAt = "posted_at";
    public const string Thread = "thread";
    public const string Kind = "kind";

    public static readonly IReadOnlyList<string> All = [Id, Site, Url, Author, Title, Text, Html, PostedAt, Thread, Kind];

    public static readonly IReadOnlyList<string> Kinds = ["post", "listing", "profile", "message", "page", "email"];

    /// <summary>ISO 8601 (a time without zone is taken as UTC), RFC 1123, or Unix seconds or milliseconds.</summary>
    public static bool TryParseDate(string? raw, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        raw = raw.Trim();
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            if (epoch <= 0)
            {
                return false;
            }

            value = epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>A kind the data names, if it is one of ours; otherwise the reader's default.</summary>
    public static string NormalizeKind(string? kind, string fallback)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return fallback;
        }

        var lower = kind.Trim().ToLowerInvariant();
        return lower switch
        {
            "comment" or "reply" or "thread" or "topic" => "post",
            "item" or "product" or "offer" => "listing",
            "user" or "vendor" or "member" => "profile",
            "mail" => "email",
            "review" or "feedback" => "post",
            _ => Kinds.Contains(lower) ? lower : fallback,
        };
    }

    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
