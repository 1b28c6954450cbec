using System.Text.RegularExpressions;

namespace Lantern.Graph;

/// <summary>
/// Whose a selector is. Listings and profiles advertise their author. In posts and messages a buyer or a
/// reviewer quotes a vendor's contact as often as a vendor gives its own, and reviews are written in every
/// language a market has, so a quote is told three ways: words around the selector that point at someone
/// else ("message him", "got mine from", "его контакт", "is … legit?"), in a few languages; and, in any
/// language, another handle's name in the same clause ("Bei SpeedySwiss bestellt, Kontakt über …").
/// </summary>
public static partial class AliasResolver
{
    /// <summary>
    /// Of the mentions posted as their handles' own (<see cref="IsOwn"/> without names), those that stay so once the case's
    /// handles (<paramref name="names"/>) are read: not naming someone else, not about the handle that advertises the selector.
    /// </summary>
    internal static List<HandleMention> OwnMentions(IReadOnlyList<HandleMention> posted, KnownNames names)
    {
        var advertisers = Advertisers(posted);
        return posted.Where(mention => !NamesSomeoneElse(mention, names) && !QuotesItsAdvertiser(mention, advertisers)).ToList();
    }

    /// <summary>Per selector, the loose names of the handles that advertise it in a listing or profile.</summary>
    internal static Dictionary<(string Type, string Value), HashSet<string>> Advertisers(IEnumerable<HandleMention> mentions)
    {
        var advertisers = new Dictionary<(string Type, string Value), HashSet<string>>();
        foreach (var mention in mentions.Where(mention => mention.Kind is "listing" or "profile"))
        {
            (advertisers.TryGetValue((mention.Type, mention.Value), out var names) ? names : advertisers[(mention.Type, mention.Value)] = new(StringComparer.Ordinal))
                .Add(LooseName(mention.Handle));
        }

        return advertisers;
    }

    /// <summary>
    /// A post that names, anywhere (its title too), a handle that advertises the selector in a listing or profile is about that
    /// handle: a review titled after its vendor, an advert pasted with "anyone tried?", wherever the selector sits in it.
    /// </summary>
    internal static bool QuotesItsAdvertiser(HandleMention mention, Dictionary<(string Type, string Value), HashSet<string>> advertisers) =>
        mention.Kind is not ("listing" or "profile") && mention.Named is { Count: > 0 } named
        && advertisers.TryGetValue((mention.Type, mention.Value), out var names) && named.Any(names.Contains);

    /// <summary>Whether a mention is the author's own; <paramref name="names"/> are the case's handles, for quotes that name their vendor.</summary>
    internal static bool IsOwn(HandleMention mention, KnownNames? names = null)
    {
        if (mention.Kind is "listing" or "profile")
        {
            return true;
        }

        if (mention.Kind == "email" && HeaderLine(mention.Before) is { } header)
        {
            // In a message's headers the sender's addresses are its own and the recipients' are not.
            return header is "from" or "reply-to" or "sender";
        }

        return !ThirdPerson().IsMatch(LastClause(mention.Before)) && !QuoteAfter().IsMatch(FirstClause(mention.After))
            && (names is null || !NamesSomeoneElse(mention, names));
    }

    /// <summary>
    /// Whether a post's clause around the mention names another handle. A vendor speaking for itself may name a competitor or
    /// its own other account ("unlike Apollo we ship in 2 days", "Kontakt über mich"): a clause in the first person names no one.
    /// </summary>
    private static bool NamesSomeoneElse(HandleMention mention, KnownNames names) =>
        mention.Kind is not ("listing" or "profile") && !(mention.Kind == "email" && HeaderLine(mention.Before) is not null)
        && !ClaimsOwn(mention) && names.NamesSomeoneElse(mention.Handle, LastClause(mention.Before), FirstClause(mention.After));

    /// <summary>Whether a mention speaks for its poster in so many words ("we", "мой контакт", "also on … as …").</summary>
    internal static bool ClaimsOwn(HandleMention mention) =>
        LastClause(mention.Before) is var before && (FirstPerson().IsMatch(before) || SelfReference().IsMatch(before));

    /// <summary>The header name (lower case) when the selector sits on an e-mail header line ("To: …", "From: …").</summary>
    private static string? HeaderLine(string before)
    {
        var line = before[(before.LastIndexOf('\n') + 1)..];
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? line[..colon].Trim().ToLowerInvariant() : string.Empty;
        return name is "from" or "to" or "cc" or "bcc" or "reply-to" or "sender" or "delivered-to" or "return-path" ? name : null;
    }

    /// <summary>
    /// The words of the clause before a selector; for a block that starts a line of its own (a pasted key block or signed
    /// message), the line before it ("Got this from him:\n-----BEGIN PGP SIGNED MESSAGE-----").
    /// </summary>
    private static string LastClause(string before)
    {
        var cut = before.LastIndexOfAny(['.', '!', '\n']);
        if (cut >= 0 && before[cut] == '\n' && string.IsNullOrWhiteSpace(before[(cut + 1)..]))
        {
            var previous = before[..cut].TrimEnd();
            var start = previous.LastIndexOf('\n');
            return previous[(start + 1)..];
        }

        return cut >= 0 ? before[(cut + 1)..] : before;
    }

    /// <summary>The words after a selector up to the end of its sentence, a question mark included.</summary>
    private static string FirstClause(string after)
    {
        var cut = after.IndexOfAny(['.', '!', '\n', '?']);
        return cut < 0 ? after : after[..(after[cut] == '?' ? cut + 1 : cut)];
    }

    [GeneratedRegex(@"\b(?:him|his|her|hers|he|she|them|their|they|from|vendor|seller|ask|got\s+mine|ordered|bought|recommend|is\s+legit|legit\??|scam\w*|fake|real\s+one" +
        @"|try|probier\w*|probeer|попробуй|(?:this|that|the|my|legit|good)\s+(?:guy|dude|plug|vendor|seller)|ihm|ihn|seine[nm]?|bei\s+\w+\s+bestellt|hem|bij\s+hem|zijn\s+contact|его|её|у\s+него|у\s+неё|брал|заказывал|lui|chez\s+lui|son\s+contact|su\s+contacto|de\s+él|dele|dela|seu\s+contato)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ThirdPerson();

    /// <summary>The poster speaking for itself or its shop: "we", "our", "mich", "мой", "notre" … ("my" is left out: "my plug" is someone else).</summary>
    [GeneratedRegex(@"\b(?:we|our|us|me|ich|wir|uns|mich|mir|unser\w*|wij|ons|onze|мой|моя|мои|мы|наш\w*|nous|notre|nos|nosotros|nuestro\w*|nós|nosso\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    /// <summary>A vendor pointing at its own other account: "also on deepsea as VoltPills", "auch auf …", "также на …".</summary>
    [GeneratedRegex(@"\b(?:also\s+(?:on|at)|find\s+(?:us|me)|auch\s+auf|ook\s+op|также\s+на|aussi\s+sur|también\s+en|também\s+n[ao])\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelfReference();

    /// <summary>After the selector: a question about it, or a verdict on it ("… anyone tried?", "… is legit").</summary>
    [GeneratedRegex(@"\?|\b(?:legit|scam\w*|fake|reliable|trusted|anyone|vouch\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteAfter();
}

/// <summary>
/// The loose names (letters and digits, lower case) of the case's handles, to find a quote that names its
/// vendor. Names of fewer than four characters, without a letter, or that are the words a contact is given
/// with (a handle called "wickr" or "contact") name no one.
/// </summary>
internal sealed class KnownNames(IEnumerable<string> handles)
{
    private static readonly HashSet<string> ContactWords = new(StringComparer.Ordinal)
    {
        "wickr", "wickrme", "telegram", "session", "signal", "threema", "whatsapp", "jabber", "xmpp", "email", "mail", "phone", "number", "nummer",
        "bitcoin", "monero", "wallet", "address", "adres", "contact", "kontakt", "contacto", "contato", "pgpkey", "fingerprint",
    };

    /// <summary>Names shorter than this are common words too, and count only capitalized.</summary>
    private const int ShortName = 6;

    /// <summary>The longest selector written inline (an e-mail, a wallet, a Session ID); longer spans are blocks of text.</summary>
    private const int MaxSelectorLength = 200;

    private readonly HashSet<string> names = handles.Select(AliasResolver.LooseName)
        .Where(name => name.Length >= 4 && name.Any(char.IsLetter) && !ContactWords.Contains(name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a loose name (letters and digits, lower case) is a handle's.</summary>
    public bool Contains(ReadOnlySpan<char> looseName) => names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(looseName);

    /// <summary>Whether the words name a handle other than <paramref name="handle"/> (or a variant of its own name).</summary>
    public bool NamesSomeoneElse(string handle, string before, string after) => Others(handle, before) is not null || Others(handle, after) is not null;

    /// <summary>
    /// The loose names of the handles other than <paramref name="handle"/> that a document names, each once. The document's
    /// selectors (<paramref name="selectorSpans"/>) and @-handles name no one: a vendor's Telegram or Wickr ID is often its name elsewhere.
    /// </summary>
    public IReadOnlyCollection<string> Named(string handle, string title, string text, IEnumerable<(int Start, int End)> selectorSpans)
    {
        var chars = text.ToCharArray();
        // A signed message or key block is a selector spanning text of its own, whose names still count.
        foreach (var (start, end) in selectorSpans.Where(span => span.End - span.Start <= MaxSelectorLength))
        {
            Array.Fill(chars, ' ', Math.Clamp(start, 0, chars.Length), Math.Clamp(end, start, chars.Length) - Math.Clamp(start, 0, chars.Length));
        }

        return (IReadOnlyCollection<string>?)Others(handle, title + "\n" + new string(chars))?.ToHashSet(StringComparer.Ordinal) ?? [];
    }

    /// <summary>
    /// The names of other handles among a text's words, one word or two run together ("Ket King"), or null when there are none.
    /// Read without allocating, as it runs on every mention's context: a string is made only for a name found.
    /// </summary>
    private List<string>? Others(string handle, string text)
    {
        const int longest = 64;
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> previous = stackalloc char[longest];
        Span<char> current = stackalloc char[longest];
        Span<char> pair = stackalloc char[2 * longest];
        var previousLength = 0;
        List<string>? found = null;
        var index = 0;
        while (index < text.Length)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
            {
                index++;
            }

            var start = index;
            while (index < text.Length && !char.IsWhiteSpace(text[index]))
            {
                index++;
            }

            var word = text.AsSpan(start, index - start).Trim(",;:()\"'");
            var length = word.StartsWith('@') ? 0 : Loose(word, current);
            // A short name is also a word ("sweet as candy", "max"): it names someone only written as a name is, capitalized.
            if (length >= 4 && (length >= ShortName || char.IsUpper(word[0])) && lookup.Contains(current[..length]))
            {
                Add(current[..length]);
            }

            if (length > 0 && previousLength > 0)
            {
                previous[..previousLength].CopyTo(pair);
                current[..length].CopyTo(pair[previousLength..]);
                if (lookup.Contains(pair[..(previousLength + length)]))
                {
                    Add(pair[..(previousLength + length)]);
                }
            }

            current[..length].CopyTo(previous);
            previousLength = length;
        }

        return found;

        void Add(ReadOnlySpan<char> name)
        {
            var word = new string(name);
            // A variant of the poster's own name ("Speedy_Swiss2" for Speedy_Swiss) names no one else.
            if (AliasResolver.NameKey("/" + word) != AliasResolver.NameKey(handle) && AliasResolver.NameSimilarity(handle, "/" + word) < 0.8)
            {
                (found ??= []).Add(word);
            }
        }
    }

    /// <summary>A word's letters and digits in lower case, written into <paramref name="loose"/>; 0 when it is too long to be a name.</summary>
    private static int Loose(ReadOnlySpan<char> word, Span<char> loose)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (length == loose.Length)
            {
                return 0;
            }

            loose[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }
}
