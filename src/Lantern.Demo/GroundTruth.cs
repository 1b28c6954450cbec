namespace Lantern.Demo;

/// <summary>A selector placed in a demo document: normalized value, the text as written, and whether it was obfuscated.</summary>
public sealed record TruthSelector(string Type, string Value, string Raw, bool Obfuscated);

/// <summary>A checksum-invalid look-alike placed in a document: it must never be accepted as a selector.</summary>
public sealed record TruthLookAlike(string Type, string Raw);

/// <summary>A document the demo placed, with the selectors in it and, for listings and shop pages, what a labeller says it sells.</summary>
public sealed record TruthDocument(string Site, string SourceId, string? Author, string Kind, IReadOnlyList<TruthSelector> Selectors, IReadOnlyList<TruthLookAlike> LookAlikes, TruthFacts? Facts = null);

/// <summary>An amount as a labeller writes it after unit normalization (DESIGN §7): mg, ug, mg/ml or % for strength; g, ml or unit for quantity.</summary>
public sealed record TruthAmount(decimal Value, string Unit);

/// <summary>
/// What a listing sells, labelled by hand: its drugs (lower-case INN or common name; the first is what the listing is
/// about), the first item's strength and quantity, the routes (ISO codes, EU, WW) and the counterfeit and
/// illicit-medicine leads it carries — null where the indicators were not labelled.
/// </summary>
public sealed record TruthFacts(
    string Language,
    IReadOnlyList<string> Drugs,
    TruthAmount? Strength,
    TruthAmount? Quantity,
    IReadOnlyList<string> ShipsFrom,
    IReadOnlyList<string> ShipsTo,
    IReadOnlyList<string>? Indicators);

/// <summary>
/// One actor and the handles it uses. <see cref="StrongHandles"/> share selectors the actor
/// advertises as its own; <see cref="WeakHandles"/> are the actor's too but linked only by name,
/// writing style and signature.
/// </summary>
public sealed record TruthActor(string Id, string Name, IReadOnlyList<string> StrongHandles, IReadOnlyList<string> WeakHandles, IReadOnlyList<TruthSelector> OwnSelectors);

public sealed record TruthImpostor(string Handle, string Imitates, string Reason);

public sealed record TruthHub(string Type, string Value, string Role);

/// <summary>A handle that reposts other vendors' adverts (a "plug" channel, a reposting forum account): it carries these actors and owns none of them.</summary>
public sealed record TruthRelay(string Handle, string Kind, IReadOnlyList<string> Carries);

/// <summary>An actor's handle under a new name with fresh contacts (<see cref="Handle"/>), and the actor's earlier handles it continues.</summary>
public sealed record TruthRename(string Actor, string Handle, IReadOnlyList<string> Earlier);

/// <summary>Two accounts of one actor on one site whose names differ only in separators, case or digits.</summary>
public sealed record TruthNameVariant(string Actor, string Handle, string VariantOf);

/// <summary>What the demo corpus really holds: the answers later checks score Lantern against.</summary>
public sealed record GroundTruth(
    int Seed,
    IReadOnlyList<TruthActor> Actors,
    IReadOnlyList<TruthImpostor> Impostors,
    IReadOnlyList<TruthHub> Hubs,
    IReadOnlyList<TruthDocument> Documents)
{
    /// <summary>Relays in the corpus; none in truth files written before relays were modelled.</summary>
    public IReadOnlyList<TruthRelay> Relays { get; init; } = [];

    public IReadOnlyList<TruthRename> Renamed { get; init; } = [];

    public IReadOnlyList<TruthNameVariant> NameVariants { get; init; } = [];
}
