namespace Lantern.Model;

/// <summary>The selector types of DESIGN §4.</summary>
public static class SelectorTypes
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Ipv4 = "ipv4";
    public const string Ipv6 = "ipv6";
    public const string Onion = "onion";
    public const string Url = "url";
    public const string Btc = "btc";
    public const string Eth = "eth";
    public const string Xmr = "xmr";
    public const string Pgp = "pgp";
    public const string Telegram = "telegram";
    public const string Session = "session";
    public const string Wickr = "wickr";
    public const string Threema = "threema";
    public const string Signal = "signal";
    public const string Icq = "icq";

    public static readonly IReadOnlyList<string> All =
        [Email, Phone, Ipv4, Ipv6, Onion, Url, Btc, Eth, Xmr, Pgp, Telegram, Session, Wickr, Threema, Signal, Icq];

    /// <summary>A type as a person may write it (any case), or the types there are when it is none of them.</summary>
    public static string Parse(string type) =>
        All.FirstOrDefault(known => known.Equals(type.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new BadInputException($"'{type}' is not a selector type; use one of {string.Join(", ", All)}");
}

/// <summary>How sure a mention is; one threshold decides which mentions link handles.</summary>
public static class MentionConfidence
{
    /// <summary>
    /// Mentions at or above this confidence count as evidence in link analysis (aliases, links,
    /// paths, the entity graph); those below it (an IPv4 with no address cue) are shown, never linked.
    /// </summary>
    public const double Linkable = 0.7;
}

/// <summary>
/// One occurrence of a selector in a text. <see cref="Start"/> and <see cref="End"/> are UTF-16
/// indices into the text (as .NET strings count), end exclusive: <c>text[Start..End] == Raw</c>.
/// </summary>
public sealed record Mention(string Type, string Value, string Raw, int Start, int End, double Confidence, bool Obfuscated, string Rule)
{
    /// <summary>The selector as DESIGN §7 writes it: <c>type:value</c>.</summary>
    public string Key => $"{Type}:{Value}";
}

/// <summary>Something that looked like a selector but failed validation, and why; never shown as a selector.</summary>
public sealed record RejectedCandidate(string Type, string Raw, int Start, int End, string Reason);

public sealed record ExtractionResult(IReadOnlyList<Mention> Mentions, IReadOnlyList<RejectedCandidate> Rejected)
{
    public static ExtractionResult Empty { get; } = new([], []);
}
