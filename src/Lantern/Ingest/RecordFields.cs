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

    /// <summary>Fields only an explicit <c>--map</c> fills, kept in metadata under these names for listing facts.</summary>
    public static IReadOnlyList<string> Mappable => [.. All, .. FactColumns.Fields];

    public static readonly IReadOnlyList<string> Kinds = ["post", "listing", "profile", "message", "page", "email"];

    /// <summary>
    /// Names that scrapers and well-known marketplace dumps give the fields, tried in order when the
    /// canonical name is absent (compared after <see cref="NormalizeName"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> CommonNames = new Dictionary<string, string[]>
    {
        [Id] = ["id", "item_id", "listing_id", "post_id", "message_id", "msg_id", "record_id", "hash", "uid"],
        [Site] = ["site", "market", "marketplace", "forum", "source", "channel", "domain"],
        [Url] = ["url", "link", "href", "page_url", "listing_url", "permalink"],
        [Author] = ["author", "vendor", "seller", "user", "username", "user_name", "handle", "from", "sender", "poster", "vendor_name", "seller_name", "nick", "nickname"],
        [Title] = ["title", "item", "item_name", "subject", "listing", "listing_title", "product", "product_name", "thread_title", "topic_title", "name"],
        [Text] = ["text", "item_description", "description", "body", "content", "message", "post", "post_text", "details", "listing_description", "comment"],
        [Html] = ["html", "raw_html", "body_html"],
        [PostedAt] = ["posted_at", "date", "timestamp", "time", "datetime", "created", "created_at", "posted", "post_date", "published", "date_posted"],
        [Thread] = ["thread", "thread_id", "topic", "topic_id", "conversation"],
        [Kind] = ["kind", "type", "doc_type", "record_type"],
    };

    /// <summary>A column or key name as compared with <see cref="CommonNames"/>: lower case, words joined by '_'.</summary>
    public static string NormalizeName(string name) =>
        string.Join('_', name.Trim().ToLowerInvariant().Split([' ', '-', '.', '_'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// ISO 8601 (a time without zone is taken as UTC), RFC 1123, Unix seconds or milliseconds, or a
    /// numeric date: dotted dates (11.04.2026) day-first, slash dates (04/11/2026) month-first.
    /// </summary>
    public static bool TryParseDate(string? raw, out DateTimeOffset value) => TryParseDate(raw, SlashDateOrder.MonthFirst, out value);

    /// <summary>As <see cref="TryParseDate(string?, out DateTimeOffset)"/>, slash dates read in the order their file uses.</summary>
    internal static bool TryParseDate(string? raw, SlashDateOrder slashes, out DateTimeOffset value)
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

        // Before the general parse, which reads 11.04.2026 month-first and 20.04.2026 not at all.
        var numeric = NumericDates.TryParse(raw, slashes, out value);
        if (numeric != NumericDateOutcome.OtherForm)
        {
            return numeric == NumericDateOutcome.Parsed;
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
