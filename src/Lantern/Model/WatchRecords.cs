using System.Text.Json.Serialization;

namespace Lantern.Model;

/// <summary>
/// Something the case watches for in new material: a selector (<c>btc:bc1q…</c>, normalized), a handle
/// (<c>site/author</c>, with its confirmed aliases) or a query. <see cref="Kind"/> is <c>selector</c>,
/// <c>handle</c> or <c>query</c>; <see cref="Target"/> is what is watched, as it is matched.
/// </summary>
public sealed record Watch(long Id, string Kind, string Target, string? Reason, string AddedBy, DateTimeOffset AddedAt)
{
    public const string SelectorKind = "selector";
    public const string HandleKind = "handle";
    public const string QueryKind = "query";

    /// <summary>The watch as <c>lantern watch add</c> takes it: <c>selector:btc:…</c>, <c>handle:site/author</c>, <c>query:…</c>.</summary>
    public string Spec => $"{Kind}:{Target}";
}

/// <summary>A document an alert points to: its id, where it was posted and by whom.</summary>
public sealed record AlertDocument(
    [property: JsonPropertyName("doc")] string Doc,
    string Site,
    string? SourceId,
    string? Author,
    string? Title);

/// <summary>Who acknowledged an alert, and when.</summary>
public sealed record AlertAcknowledgement(string By, DateTimeOffset At);

/// <summary>
/// What one ingest run found for one watch: every new document that matched it. A document is in at
/// most one alert of a watch, and only documents stored after the watch was added are.
/// <see cref="Acknowledged"/> is the reading member's acknowledgement, or null while it is unread for them.
/// </summary>
public sealed record Alert(long Id, Watch Watch, DateTimeOffset RaisedAt, string RaisedBy, IReadOnlyList<AlertDocument> Documents, AlertAcknowledgement? Acknowledged);

/// <summary>The alerts asked for, and how many of the case's alerts the member has not acknowledged.</summary>
public sealed record AlertList(IReadOnlyList<Alert> Alerts, int Unread);
