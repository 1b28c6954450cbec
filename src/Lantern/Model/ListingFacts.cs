namespace Lantern.Model;

/// <summary>Where a fact was read: the document's title or its text. Offsets are UTF-16 indices into that field.</summary>
public static class FactField
{
    public const string Title = "title";
    public const string Text = "text";
}

/// <summary>An amount with its normalized unit: strengths in mg, ug, mg/ml or %; quantities in g, ml or unit.</summary>
public sealed record FactAmount(decimal Value, string Unit);

/// <summary>The characters a fact was read from.</summary>
public sealed record FactSpan(int Start, int End);

/// <summary>
/// One product a listing offers: the drug as a lower-case INN or common name, its class, strength,
/// form and quantity. <see cref="Start"/>–<see cref="End"/> is the drug's name in <see cref="Field"/>.
/// </summary>
public sealed record FactItem(
    string Drug,
    string Class,
    FactAmount? Strength,
    string Form,
    FactAmount? Quantity,
    int Start,
    int End,
    string Field,
    string Raw,
    FactSpan? StrengthSpan,
    FactSpan? QuantitySpan);

public sealed record FactPrice(decimal Amount, string Currency, string Field, int Start, int End, string Raw);

/// <summary>The price divided by the first item's quantity, per <c>g</c>, <c>ml</c> or <c>unit</c>.</summary>
public sealed record FactUnitPrice(decimal Amount, string Currency, string Per);

/// <summary>A country or region a listing ships from, to, or not to: ISO 3166-1 alpha-2, <c>EU</c> or <c>WW</c>.</summary>
public sealed record FactRoute(string Direction, string Code, string Raw, string Field, int Start, int End)
{
    public const string From = "from";
    public const string To = "to";
    public const string Except = "except";
}

/// <summary>A shipping or payment term: <c>escrow</c>, <c>fe</c> (finalize early), <c>stealth</c>, <c>tracked</c>.</summary>
public sealed record FactTerm(string Kind, string Raw, string Field, int Start, int End);

/// <summary>
/// A counterfeit or illicit-medicine lead with its evidence: never a verdict. Kinds are listed in
/// <see cref="IndicatorKinds"/>.
/// </summary>
public sealed record FactIndicator(string Kind, string Raw, string Field, int Start, int End);

public static class IndicatorKinds
{
    /// <summary>A prescription-only medicine is offered (outside a pharmacy, that is without a prescription).</summary>
    public const string PrescriptionMedicine = "prescription_medicine";

    /// <summary>The listing says no prescription is needed.</summary>
    public const string NoPrescription = "no_prescription";

    /// <summary>A pharmaceutical brand or manufacturer named outside pharmacy channels.</summary>
    public const string PharmaBrand = "pharma_brand";

    /// <summary>Pressed, replica, generic or fake pills, or an imprint pressed pills copy (M30, A215).</summary>
    public const string PressedPill = "pressed_pill";

    /// <summary>Pill presses, dies, punches and binders.</summary>
    public const string PillPress = "pill_press";

    /// <summary>Bulk active ingredient: raw powder of a medicine.</summary>
    public const string BulkApi = "bulk_api";

    /// <summary>Chemical precursors (BMK, PMK, 4-ANPP).</summary>
    public const string Precursor = "precursor";

    /// <summary>Ordering through a messenger (WhatsApp, Telegram, Wickr): an illegal-pharmacy signal.</summary>
    public const string MessengerOrdering = "messenger_ordering";

    /// <summary>Payment in cryptocurrency: an illegal-pharmacy signal on a surface shop.</summary>
    public const string CryptoPayment = "crypto_payment";

    /// <summary>Payment by money transfer or gift card: an illegal-pharmacy signal.</summary>
    public const string MoneyTransferPayment = "money_transfer_payment";

    /// <summary>Shipping worldwide: an illegal-pharmacy signal on a surface shop.</summary>
    public const string WorldwideShipping = "worldwide_shipping";

    /// <summary>A web page giving several phone numbers from different countries: an illegal-pharmacy signal on a surface shop.</summary>
    public const string SeveralPhoneNumbers = "several_phone_numbers";
}

/// <summary>
/// What a listing says about the trade: the products (first the one the listing is about), price,
/// routes, terms and counterfeit/illicit-medicine indicators — each with the span it came from.
/// </summary>
public sealed record ListingFacts(
    IReadOnlyList<FactItem> Items,
    FactPrice? Price,
    FactUnitPrice? UnitPrice,
    IReadOnlyList<string> ShipsFrom,
    IReadOnlyList<string> ShipsTo,
    IReadOnlyList<string> ShipsToExcept,
    IReadOnlyList<FactRoute> Routes,
    IReadOnlyList<FactTerm> Terms,
    IReadOnlyList<FactIndicator> Indicators)
{
    public static ListingFacts Empty { get; } = new([], null, null, [], [], [], [], [], []);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Items.Count == 0 && Price is null && Routes.Count == 0 && Terms.Count == 0 && Indicators.Count == 0;
}

/// <summary>A route column normalized: the countries or regions it names, and those it excludes.</summary>
public sealed record RouteValue(IReadOnlyList<string> Countries, IReadOnlyList<string> Except)
{
    /// <summary>The code for "anywhere in the world".</summary>
    public const string Worldwide = "WW";

    public static RouteValue None { get; } = new([], []);
}

/// <summary>
/// What a record's structured columns say about the trade: mapped at ingest
/// (<c>--map ships_from=COL --map ships_to=COL --map price=COL --map category=COL</c>) and kept in
/// its metadata under these names, or named so by the data itself.
/// </summary>
public sealed record FactColumns(string? ShipsFrom, string? ShipsTo, string? Price, string? Category)
{
    public const string ShipsFromField = "ships_from";
    public const string ShipsToField = "ships_to";
    public const string PriceField = "price";
    public const string CategoryField = "category";

    /// <summary>The metadata keys mapped fact columns are kept under, in the order of this record.</summary>
    public static IReadOnlyList<string> Fields { get; } = [ShipsFromField, ShipsToField, PriceField, CategoryField];

    public static FactColumns None { get; } = new(null, null, null, null);

    public bool IsEmpty => ShipsFrom is null && ShipsTo is null && Price is null && Category is null;

    /// <summary>
    /// The fact columns a record's metadata holds: those mapped with <c>--map</c>, else columns whose
    /// own name says it (<c>Ships From</c>, <c>ships-to</c>, <c>Price</c>, <c>Category</c>, compared
    /// in lower case with runs of other characters than letters and digits as one '_').
    /// </summary>
    public static FactColumns From(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return None;
        }

        string? Value(string field)
        {
            if (metadata.TryGetValue(field, out var mapped) && !string.IsNullOrWhiteSpace(mapped))
            {
                return mapped;
            }

            foreach (var (key, value) in metadata)
            {
                if (!string.IsNullOrWhiteSpace(value) && NormalizeName(key) == field)
                {
                    return value;
                }
            }

            return null;
        }

        return new FactColumns(Value(ShipsFromField), Value(ShipsToField), Value(PriceField), Value(CategoryField));
    }

    private static string NormalizeName(string key)
    {
        var builder = new System.Text.StringBuilder(key.Length);
        foreach (var c in key.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }
}

/// <summary>The stored facts of one document, as <c>lantern facts</c> lists them (DESIGN §7).</summary>
public sealed record DocumentFacts(
    string Doc,
    string Site,
    string? SourceId,
    IReadOnlyList<FactItem> Items,
    FactPrice? Price,
    FactUnitPrice? UnitPrice,
    IReadOnlyList<string> ShipsFrom,
    IReadOnlyList<string> ShipsTo,
    IReadOnlyList<string> ShipsToExcept,
    IReadOnlyList<FactRoute> Routes,
    IReadOnlyList<FactTerm> Terms,
    IReadOnlyList<FactIndicator> Indicators)
{
    public static DocumentFacts Of(string doc, string site, string? sourceId, ListingFacts facts) =>
        new(doc, site, sourceId, facts.Items, facts.Price, facts.UnitPrice, facts.ShipsFrom, facts.ShipsTo, facts.ShipsToExcept, facts.Routes, facts.Terms, facts.Indicators);
}
