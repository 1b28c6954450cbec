namespace Lantern.Extraction.Types;

/// <summary>
/// What Lantern knows about one kind of selector, in one place (FollowTheMoney's habit): its name,
/// how a person calls it, how a value is written canonically, and whether a written value can be one
/// at all (checksums, lengths, alphabets). The extractor finds candidates in text; these decide what a
/// value typed by an analyst (a query, a path's end) means.
/// </summary>
internal abstract class SelectorType
{
    /// <summary>The type's name in queries, JSON and the database (<see cref="SelectorTypes"/>).</summary>
    public abstract string Name { get; }

    /// <summary>What the type is called in messages to a person.</summary>
    public abstract string Label { get; }

    /// <summary>The canonical form of a value of this type, as stored; <paramref name="region"/> is the case's phone region.</summary>
    public virtual string Normalize(string value, string? region) => value.Trim();

    /// <summary>Null when the canonical value can be one of this type, else why not (said to the analyst).</summary>
    public abstract string? Problem(string normalized);
}

/// <summary>Every selector type, by name.</summary>
internal static class SelectorTypeRegistry
{
    private static readonly Dictionary<string, SelectorType> ByName = new SelectorType[]
    {
        new EmailType(), new PhoneType(), new Ipv4Type(), new Ipv6Type(), new OnionType(), new UrlType(), new BitcoinType(), new EthereumType(), new MoneroType(),
        new PgpType(), new TelegramType(), new SessionType(), new WickrType(), new ThreemaType(), new SignalType(), new IcqType(),
    }.ToDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>The type of a name from <see cref="SelectorTypes.All"/>; every name there has one (a test checks it).</summary>
    public static SelectorType Get(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new BadInputException($"'{name}' is not a selector type; use one of {string.Join(", ", SelectorTypes.All)}");

    public static IReadOnlyCollection<SelectorType> All => ByName.Values;
}
