using System.Globalization;
using PhoneNumbers;

namespace Lantern.Extraction.Facts;

/// <summary>
/// Reads what a listing sells: drugs (as INN or common names), strength, form, quantity, price, routes,
/// shipping and payment terms, and counterfeit/illicit-medicine indicators, each with its span.
/// Pure and fast: one tokenizing pass per field, then dictionary lookups over the tokens — no regular
/// expressions, no I/O. The title is read first: a listing is about what its title names.
/// </summary>
public sealed class FactsExtractor
{
    /// <summary>Raised whenever the rules change, so stored facts are extracted again (with the lexicon's version).</summary>
    public const int Version = 4;

    /// <summary>A page giving at least this many phone numbers, from at least two countries, carries the "several unrelated phone numbers" lead.</summary>
    public const int SeveralPhoneNumbers = 3;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly decimal Normalizer = 1.000000000000000000000000000000000m;

    private readonly FactLexicon lexicon;

    private FactsExtractor(FactLexicon lexicon) => this.lexicon = lexicon;

    public static FactsExtractor Default { get; } = new(FactLexicon.Default);

    /// <summary>The rules' and the lexicon's versions together, e.g. "1/2026.11.1+2026.11.1": stored with the facts.</summary>
    public string RulesVersion => $"{Version}/{lexicon.Version}";

    public IReadOnlyList<string> LexiconSources => lexicon.Sources;

    /// <summary>Every drug the lexicon knows, with its class: for documentation and facets.</summary>
    public IReadOnlyList<(string Drug, string Class)> Drugs => lexicon.Drugs.Select(drug => (drug.Drug, drug.Class)).ToList();

    public ListingFacts Extract(string? title, string? text)
    {
        var titleScan = string.IsNullOrWhiteSpace(title) ? null : Scan(title, FactField.Title);
        var textScan = string.IsNullOrWhiteSpace(text) ? null : Scan(text, FactField.Text);
        if (titleScan is null && textScan is null)
        {
            return ListingFacts.Empty;
        }

        var items = titleScan?.Items(weakAllowed: true) ?? [];
        if (items.Count == 0 && textScan is not null)
        {
            items = textScan.Items(weakAllowed: false);
        }

        var priceScan = titleScan?.Price is not null ? titleScan : textScan;
        var price = priceScan?.Price;
        FactUnitPrice? unitPrice = null;
        if (price is not null && priceScan!.PricePer is { } per)
        {
            unitPrice = new FactUnitPrice(price.Amount, price.Currency, per);
        }
        else if (price is not null && items.Count > 0 && items[0].Quantity is { Value: > 0 } quantity)
        {
            unitPrice = new FactUnitPrice(PerUnit(price.Amount, quantity.Value), price.Currency, quantity.Unit);
        }

        var routes = new List<FactRoute>();
        titleScan?.Routes(routes, lonePlacesAreRoutes: true);
        textScan?.Routes(routes, lonePlacesAreRoutes: false);
        // Nobody ships from "worldwide": a list of places that runs on into it ("ships from Netherlands worldwide") names the destination.
        for (var index = 0; index < routes.Count; index++)
        {
            if (routes[index] is { Direction: FactRoute.From, Code: RouteValue.Worldwide } route)
            {
                routes[index] = route with { Direction = FactRoute.To };
            }
        }

        var terms = new List<FactTerm>();
        var indicators = new List<FactIndicator>();
        titleScan?.TermsAndIndicators(terms, indicators);
        textScan?.TermsAndIndicators(terms, indicators);
        foreach (var item in items)
        {
            if (lexicon.Drug(item.Drug) is { PrescriptionOnly: true })
            {
                indicators.Add(new FactIndicator(IndicatorKinds.PrescriptionMedicine, item.Raw, item.Field, item.Start, item.End));
            }
        }

        titleScan?.BulkPowders(items, indicators);
        if (items.Count == 0)
        {
            // "fake", "clone", "generic" are pressed pills only where a drug is sold: a "fake payment address" is not one.
            indicators.RemoveAll(indicator => indicator.Kind == IndicatorKinds.PressedPill);
        }

        WorldwideShipping(routes, indicators);
        indicators = indicators.DistinctBy(indicator => (indicator.Kind, indicator.Field, indicator.Start)).ToList();
        return new ListingFacts(items, price, unitPrice,
            Codes(routes, FactRoute.From), Codes(routes, FactRoute.To), Codes(routes, FactRoute.Except),
            routes, terms.DistinctBy(term => (term.Kind, term.Field, term.Start)).ToList(), indicators);
    }

    /// <summary>
    /// The facts of a record whose structured columns (<c>--map ships_from=COL</c> …) say some of them:
    /// a route column normalized with <see cref="NormalizeRoute"/> wins over the routes read in free
    /// text, a price column with a currency wins over a price in the text, and a category column gives
    /// the items when title and text name no drug. Column facts carry the column's name as their field.
    /// </summary>
    public ListingFacts Extract(string? title, string? text, FactColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var facts = Extract(title, text);
        if (columns.IsEmpty)
        {
            return facts;
        }

        var items = facts.Items;
        if (items.Count == 0 && !string.IsNullOrWhiteSpace(columns.Category))
        {
            items = Extract(columns.Category, null).Items.Select(item => item with { Field = FactColumns.CategoryField }).ToList();
        }

        var price = facts.Price;
        var unitPrice = facts.UnitPrice;
        if (!string.IsNullOrWhiteSpace(columns.Price) && Extract(columns.Price, null).Price is { } columnPrice)
        {
            price = columnPrice with { Field = FactColumns.PriceField };
            unitPrice = items.Count > 0 && items[0].Quantity is { Value: > 0 } quantity
                ? new FactUnitPrice(PerUnit(price.Amount, quantity.Value), price.Currency, quantity.Unit)
                : null;
        }
        else if (!ReferenceEquals(items, facts.Items) && price is not null && unitPrice is null && items[0].Quantity is { Value: > 0 } categoryQuantity)
        {
            unitPrice = new FactUnitPrice(PerUnit(price.Amount, categoryQuantity.Value), price.Currency, categoryQuantity.Unit);
        }

        var routes = facts.Routes.ToList();
        var from = NormalizeRoute(columns.ShipsFrom);
        if (from.Countries.Count > 0)
        {
            routes.RemoveAll(route => route.Direction == FactRoute.From);
            routes.AddRange(from.Countries.Select(code => new FactRoute(FactRoute.From, code, columns.ShipsFrom!, FactColumns.ShipsFromField, 0, columns.ShipsFrom!.Length)));
        }

        var to = NormalizeRoute(columns.ShipsTo);
        if (to.Countries.Count > 0 || to.Except.Count > 0)
        {
            routes.RemoveAll(route => route.Direction is FactRoute.To or FactRoute.Except);
            routes.AddRange(to.Countries.Select(code => new FactRoute(FactRoute.To, code, columns.ShipsTo!, FactColumns.ShipsToField, 0, columns.ShipsTo!.Length)));
            routes.AddRange(to.Except.Select(code => new FactRoute(FactRoute.Except, code, columns.ShipsTo!, FactColumns.ShipsToField, 0, columns.ShipsTo!.Length)));
        }

        var indicators = facts.Indicators.ToList();
        WorldwideShipping(routes, indicators);
        if (!ReferenceEquals(items, facts.Items))
        {
            foreach (var item in items.Where(item => lexicon.Drug(item.Drug) is { PrescriptionOnly: true }))
            {
                indicators.Add(new FactIndicator(IndicatorKinds.PrescriptionMedicine, item.Raw, item.Field, item.Start, item.End));
            }
        }

        return new ListingFacts(items, price, unitPrice,
            Codes(routes, FactRoute.From), Codes(routes, FactRoute.To), Codes(routes, FactRoute.Except),
            routes, facts.Terms, indicators);
    }

    /// <summary>
    /// Adds to a surface-web page's facts what its selectors say: a page giving <see cref="SeveralPhoneNumbers"/> or more
    /// phone numbers from two or more countries (a US, a UK and an Indian number on one shop) carries the
    /// "several unrelated phone numbers" lead of illegal online pharmacies, one indicator per number as written. Other
    /// kinds of document (a forum post quoting numbers, a chat) are left as they are: the signal is a shop's.
    /// </summary>
    public static ListingFacts WithContacts(ListingFacts facts, string kind, IReadOnlyList<Mention> mentions)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(mentions);
        if (kind != "page")
        {
            return facts;
        }

        var phones = mentions.Where(mention => mention.Type == SelectorTypes.Phone).DistinctBy(mention => mention.Value).ToList();
        if (phones.Count < SeveralPhoneNumbers || phones.Select(mention => CountryCode(mention.Value)).Distinct().Count() < 2)
        {
            return facts;
        }

        return facts with
        {
            Indicators = facts.Indicators
                .Concat(phones.Select(phone => new FactIndicator(IndicatorKinds.SeveralPhoneNumbers, phone.Raw, FactField.Text, phone.Start, phone.End)))
                .ToList(),
        };
    }

    private static int CountryCode(string e164)
    {
        try
        {
            return Phones.Parse(e164, null).CountryCode;
        }
        catch (NumberParseException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Shipping to the whole world is one fact however it is said: a destination "worldwide" ("to worldwide", "a todo el
    /// mundo") is the same lead as the phrase "we ship worldwide", and that phrase names the destination when no other does.
    /// </summary>
    private static void WorldwideShipping(List<FactRoute> routes, List<FactIndicator> indicators)
    {
        var phrase = indicators.FirstOrDefault(indicator => indicator.Kind == IndicatorKinds.WorldwideShipping);
        var route = routes.FirstOrDefault(route => route is { Direction: FactRoute.To, Code: RouteValue.Worldwide });
        if (phrase is null && route is not null)
        {
            indicators.Add(new FactIndicator(IndicatorKinds.WorldwideShipping, route.Raw, route.Field, route.Start, route.End));
        }
        else if (phrase is not null && route is null && !routes.Any(other => other.Direction == FactRoute.To))
        {
            routes.Add(new FactRoute(FactRoute.To, RouteValue.Worldwide, phrase.Raw, phrase.Field, phrase.Start, phrase.End));
        }
    }

    /// <summary>
    /// Normalizes a structured origin or destination column ("United States", "Worldwide except USA", "EU",
    /// "Holland/Germany") to ISO 3166-1 alpha-2 codes, <c>EU</c> and <c>WW</c>; values naming no place give none.
    /// </summary>
    public RouteValue NormalizeRoute(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return RouteValue.None;
        }

        var scan = Scan(value, FactField.Text);
        var countries = new List<string>();
        var except = new List<string>();
        var excluding = false;
        foreach (var element in scan.Elements)
        {
            if (scan.IsPlace(element, columns: true))
            {
                (excluding ? except : countries).AddRange(element.Entry!.Places!);
            }
            else if (element.Entry?.Cue == RouteCue.Except)
            {
                excluding = true;
            }
        }

        return countries.Count == 0 && except.Count == 0 ? RouteValue.None : new RouteValue(countries.Distinct().ToList(), except.Distinct().ToList());
    }

    /// <summary>A price divided by a quantity, to eight decimals: a satoshi, so 0.002 BTC for 100 pills stays 0.00002 BTC each and not 0.</summary>
    private static decimal PerUnit(decimal amount, decimal quantity) => Math.Round(amount / quantity, 8) / Normalizer;

    private static List<string> Codes(List<FactRoute> routes, string direction) =>
        routes.Where(route => route.Direction == direction).Select(route => route.Code).Distinct().ToList();

    private FieldScan Scan(string text, string field)
    {
        var tokens = new List<Token>();
        FactTokenizer.Tokenize(text, tokens);
        DropArmor(text, tokens);
        var elements = new List<Element>(tokens.Count);
        Span<char> key = stackalloc char[160];
        var segment = 0;
        for (var index = 0; index < tokens.Count;)
        {
            var (entry, length) = Match(text, tokens, index, key);
            var first = tokens[index];
            if (first.LineBreak || IsSeparator(text, tokens, index))
            {
                segment++;
            }

            var last = tokens[index + length - 1];
            elements.Add(new Element(index, length, first.Start, last.End, first.Kind, first.Glued, entry, segment));
            index += length;
        }

        return new FieldScan(this, text, field, tokens, elements);
    }

    /// <summary>The longest phrase starting at a token, or (null, 1).</summary>
    private (PhraseEntry? Entry, int Length) Match(string text, List<Token> tokens, int start, Span<char> key)
    {
        PhraseEntry? found = null;
        var foundLength = 1;
        var used = 0;
        for (var index = start; index < tokens.Count && index - start < FactLexicon.MaxPhraseTokens; index++)
        {
            var token = tokens[index];
            if (index > start && (token.LineBreak || (token.Kind == TokenKind.Symbol && !token.Glued && IsSeparatorChar(text[token.Start]))))
            {
                break;
            }

            var needed = used + token.Length + (index > start && !token.Glued ? 1 : 0);
            if (needed > key.Length)
            {
                break;
            }

            if (index > start && !token.Glued)
            {
                key[used++] = ' ';
            }

            foreach (var c in text.AsSpan(token.Start, token.Length))
            {
                key[used++] = FactLexicon.Fold(c);
            }

            if (!lexicon.MayBeKey(key[..used]) || !lexicon.Keys.TryGetValue(key[..used], out var known))
            {
                break;
            }

            if (known.Entry is not null)
            {
                found = known.Entry;
                foundLength = index - start + 1;
            }

            if (!known.Longer)
            {
                break;
            }
        }

        return (found, foundLength);
    }

    private static bool IsSeparatorChar(char c) => c is '+' or '|' or ';' or '•' or '·';

    /// <summary>"+", "|", ";" and bullets part products ("Ketamine 1g + MDMA 1g"); a "+" glued to what it follows does not ("90%+", "AAA+").</summary>
    /// <summary>
    /// Drops the tokens of armored PGP blocks (keys, signatures: base64 and armor headers) and of a
    /// signed message's header lines: <c>Hash: SHA512</c> heads every clear-signed post and is no cannabis resin.
    /// One pass; the next END line is looked for only once it is passed, so unterminated blocks stay linear.
    /// </summary>
    private static void DropArmor(string text, List<Token> tokens)
    {
        const string ArmorBegin = "-----BEGIN PGP";
        const string ArmorEnd = "-----END PGP";
        const string SignedMessage = "-----BEGIN PGP SIGNED MESSAGE-----";
        var begin = text.IndexOf(ArmorBegin, StringComparison.Ordinal);
        if (begin < 0)
        {
            return;
        }

        var regions = new List<(int Start, int End)>();
        var nextEnd = -2;
        while (begin >= 0)
        {
            var lineEnd = LineEnd(text, begin);
            int end;
            if (text.AsSpan(begin).StartsWith(SignedMessage, StringComparison.Ordinal))
            {
                // Header lines ("Hash: …") run to the first line without a colon, normally the blank one.
                end = lineEnd;
                while (end < text.Length && LineEnd(text, end) is var next && text.AsSpan(end, next - end).Contains(':'))
                {
                    end = next;
                }
            }
            else
            {
                if (nextEnd != -1 && nextEnd < lineEnd)
                {
                    nextEnd = text.IndexOf(ArmorEnd, lineEnd, StringComparison.Ordinal);
                }

                end = nextEnd < 0 ? lineEnd : LineEnd(text, nextEnd);
            }

            regions.Add((begin, end));
            begin = end >= text.Length ? -1 : text.IndexOf(ArmorBegin, end, StringComparison.Ordinal);
        }

        var region = 0;
        tokens.RemoveAll(token =>
        {
            while (region < regions.Count && regions[region].End <= token.Start)
            {
                region++;
            }

            return region < regions.Count && token.Start >= regions[region].Start;
        });
    }

    /// <summary>Just past the line break that ends the line holding <paramref name="index"/>, or the text's end.</summary>
    private static int LineEnd(string text, int index)
    {
        var lineBreak = text.IndexOf('\n', index);
        return lineBreak < 0 ? text.Length : lineBreak + 1;
    }

    private static bool IsSeparator(string text, List<Token> tokens, int index)
    {
        var token = tokens[index];
        if (token.Kind != TokenKind.Symbol || !IsSeparatorChar(text[token.Start]))
        {
            return false;
        }

        return text[token.Start] != '+' || !token.Glued || (index + 1 < tokens.Count && tokens[index + 1].Glued);
    }

    internal readonly record struct Element(int Token, int Tokens, int Start, int End, TokenKind Kind, bool Glued, PhraseEntry? Entry, int Segment);

    private enum MeasureKind
    {
        Strength,
        Milligram,
        Mass,
        Volume,
        Count,
    }

    private readonly record struct Measure(MeasureKind Kind, decimal Value, string Unit, int Element, int Start, int End, int Segment);

    private readonly record struct DrugHit(DrugInfo Drug, int Element, bool Weak, bool Brand);

    /// <summary>One field's tokens and phrases, and the facts read from them.</summary>
    private sealed class FieldScan
    {
        private static readonly string[] ListWords = ["and", "und", "en", "et", "y", "e", "or", "oder", "of", "и", "или"];

        private readonly FactsExtractor owner;
        private readonly string text;
        private readonly string field;
        private readonly List<Token> tokens;
        private readonly List<Measure> measures = [];

        public FieldScan(FactsExtractor owner, string text, string field, List<Token> tokens, List<Element> elements)
        {
            this.owner = owner;
            this.text = text;
            this.field = field;
            this.tokens = tokens;
            Elements = elements;
            ReadMeasures();
        }

        public List<Element> Elements { get; }

        public FactPrice? Price { get; private set; }

        /// <summary>What the price is per when the listing says so ("$25 each", "€60/g").</summary>
        public string? PricePer { get; private set; }

        public bool IsPlace(Element element, bool columns)
        {
            var entry = element.Entry;
            if (entry?.Places is null)
            {
                return false;
            }

            if (!columns && entry.PlaceInColumnsOnly)
            {
                return false;
            }

            if (entry.PlaceIsCode)
            {
                return Capitals(element);
            }

            return columns || !entry.PlaceNeedsCapitals || Capitals(element);
        }

        private bool Capitals(Element element)
        {
            var letters = 0;
            foreach (var c in text.AsSpan(element.Start, element.End - element.Start))
            {
                if (char.IsLetter(c))
                {
                    if (!char.IsUpper(c))
                    {
                        return false;
                    }

                    letters++;
                }
            }

            return letters > 0;
        }

        private string Raw(Element element) => text[element.Start..element.End];

        private string Raw(int start, int end) => text[start..end];

        private bool IsNumber(int index) => index >= 0 && index < Elements.Count && Elements[index].Entry is null && Elements[index].Kind == TokenKind.Number;

        private UnitInfo? UnitAt(int index) => index >= 0 && index < Elements.Count ? Elements[index].Entry?.Unit : null;

        private char SymbolAt(int index) =>
            index >= 0 && index < Elements.Count && Elements[index].Kind == TokenKind.Symbol && Elements[index].Entry is null ? text[Elements[index].Start] : '\0';

        /// <summary>Amounts: "2mg", "x100", "100 pills", "1/2 oz", "5 x 1g", "84%", "$350", "0.02 BTC" — in one pass over the phrases.</summary>
        private void ReadMeasures()
        {
            var usedTimes = new HashSet<int>();
            for (var index = 0; index < Elements.Count; index++)
            {
                var element = Elements[index];
                var entry = element.Entry;
                // "QP", "half ounce", and "ounce" or "kilo" with no number: one of them.
                if (entry?.Unit is { Kind: UnitKind.ImpliedMass } or { Kind: UnitKind.Mass, Factor: > 1 } && !IsNumber(index - 1) && element.End - element.Start > 1)
                {
                    Add(MeasureKind.Mass, Round(entry.Unit.Factor), "g", index, index);
                    continue;
                }

                // "#4" names a grade, "/2ml" the volume a strength is given per.
                if (!IsNumber(index) || SymbolAt(index - 1) is '#' or '/')
                {
                    continue;
                }

                var raw = Raw(element);
                if (TryPrice(index, raw))
                {
                    continue;
                }

                if (!TryNumber(raw, out var value, out var fraction, out var combination))
                {
                    continue;
                }

                var unit = UnitAt(index + 1);
                if (combination is var (top, bottom))
                {
                    // "10/325" (Percocet), "100/8mg" (Tilidin): the first number is the strength in mg.
                    if (unit is { Kind: UnitKind.Milligram } || (unit is null or { Kind: UnitKind.Times } && bottom >= 200))
                    {
                        Add(MeasureKind.Strength, top, "mg", index, unit is { Kind: UnitKind.Milligram } ? index + 1 : index);
                    }

                    continue;
                }

                if (unit is null)
                {
                    if (fraction is { } ounces)
                    {
                        // A bare "1/8" or "1/2" in a listing is ounces.
                        Add(MeasureKind.Mass, Round(ounces * 28.3495m), "g", index, index);
                    }
                    else if (index > 0 && UnitAt(index - 1) is { Kind: UnitKind.Times } && !usedTimes.Contains(index - 1))
                    {
                        Add(MeasureKind.Count, value, "unit", index - 1, index);
                    }
                    else if (IsWhole(value) && value > 0 && NamesDrug(index + 1))
                    {
                        Add(MeasureKind.Count, value, "unit", index, index);
                    }

                    continue;
                }

                var amount = fraction ?? value;
                switch (unit.Kind)
                {
                    case UnitKind.Mass or UnitKind.ImpliedMass:
                        Add(MeasureKind.Mass, Round(amount * unit.Factor), "g", index, index + 1);
                        break;
                    case UnitKind.Volume:
                        Add(MeasureKind.Volume, amount * unit.Factor, "ml", index, index + 1);
                        break;
                    case UnitKind.Milligram:
                        Add(MeasureKind.Milligram, amount, "mg", index, index + 1);
                        break;
                    case UnitKind.Microgram:
                        Add(MeasureKind.Strength, amount, "ug", index, index + 1);
                        break;
                    case UnitKind.MilligramPerMillilitre:
                        Add(MeasureKind.Strength, amount, "mg/ml", index, index + 1);
                        break;
                    case UnitKind.Percent when amount is > 0 and < 100:
                        Add(MeasureKind.Strength, amount, "%", index, index + 1);
                        break;
                    case UnitKind.OunceFraction when amount is 2 or 4 or 8 or 16:
                        Add(MeasureKind.Mass, Round(unit.Factor / amount), "g", index, index + 1);
                        break;
                    case UnitKind.Count when IsWhole(amount) && !IsOrdinal(index, amount):
                        Add(MeasureKind.Count, amount, "unit", index, index + 1);
                        break;
                    case UnitKind.Times when IsWhole(amount) && amount > 0:
                        usedTimes.Add(index + 1);
                        Add(MeasureKind.Count, amount, "unit", index, index + 1);
                        break;
                }
            }
        }

        /// <summary>"1st", "21st" are ordinals; "100st" (Stück) is a count.</summary>
        private bool IsOrdinal(int index, decimal amount)
        {
            var unit = Raw(Elements[index + 1]).ToLowerInvariant();
            return unit == "st" && amount % 10 == 1 && amount % 100 != 11;
        }

        private bool NamesDrug(int index)
        {
            for (var next = index; next < Elements.Count && next <= index + 1; next++)
            {
                var entry = Elements[next].Entry;
                if (entry?.Drug is not null)
                {
                    return true;
                }

                // "100 Greenstone Xanax": a maker's name may come between.
                if (entry?.Manufacturer != true)
                {
                    return false;
                }
            }

            return false;
        }

        private bool TryPrice(int index, string raw)
        {
            var before = index > 0 ? Elements[index - 1].Entry : null;
            var after = index + 1 < Elements.Count ? Elements[index + 1].Entry : null;
            // A symbol after the amount must touch it ("50$"): in "x 50 $25" the $ belongs to the 25.
            var afterIsCurrency = after?.Currency is not null && after.Unit is null && (Elements[index + 1].Kind != TokenKind.Symbol || Elements[index + 1].Glued);
            var currency = before?.Currency is not null ? before : afterIsCurrency ? after : null;
            if (currency is null || !decimal.TryParse(raw.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || raw.Contains('/'))
            {
                return false;
            }

            var startElement = before?.Currency is not null ? index - 1 : index;
            var endElement = before?.Currency is not null ? index : index + 1;
            var start = Elements[startElement].Start;
            var end = Elements[endElement].End;
            if (Price is null)
            {
                Price = new FactPrice(amount * currency.CurrencyFactor / Normalizer, currency.Currency!, field, start, end, Raw(start, end));
                PricePer = endElement + 1 < Elements.Count ? Elements[endElement + 1].Entry?.PricePer : null;
            }

            return true;
        }

        private void Add(MeasureKind kind, decimal value, string unit, int firstElement, int lastElement)
        {
            var start = Elements[firstElement].Start;
            var end = Elements[lastElement].End;
            measures.Add(new Measure(kind, value / Normalizer, unit, firstElement, start, end, Elements[firstElement].Segment));
        }

        private static decimal Round(decimal grams) => decimal.IsInteger(grams) ? grams : Math.Round(grams, 2);

        private static bool IsWhole(decimal value) => decimal.IsInteger(value);

        /// <summary>
        /// "2", "0,5", "1.5", "1,000" (thousands), "1/2" (a fraction of what follows), "10/325" (a combination of two strengths).
        /// </summary>
        private static bool TryNumber(string raw, out decimal value, out decimal? fraction, out (decimal Top, decimal Bottom)? combination)
        {
            fraction = null;
            combination = null;
            var slash = raw.IndexOf('/');
            if (slash > 0)
            {
                if (!TryNumber(raw[..slash], out var top, out _, out _) || !TryNumber(raw[(slash + 1)..], out var bottom, out _, out _) || bottom == 0)
                {
                    value = 0;
                    return false;
                }

                if (top < bottom && bottom is 2 or 3 or 4 or 8 or 16 or 32)
                {
                    fraction = top / bottom;
                }
                else
                {
                    combination = (top, bottom);
                }

                value = top;
                return true;
            }

            var text = raw;
            var comma = raw.IndexOf(',');
            if (comma > 0)
            {
                var thousands = raw.Length - comma - 1 == 3 && raw[0] != '0' && !raw.Contains('.');
                text = thousands ? raw.Replace(",", string.Empty, StringComparison.Ordinal) : raw.Replace(',', '.');
            }

            return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>The products named in this field, the first one first, with the amounts of their part of it.</summary>
        public List<FactItem> Items(bool weakAllowed)
        {
            var hits = new List<DrugHit>();
            for (var index = 0; index < Elements.Count; index++)
            {
                if (Elements[index].Entry is { Drug: { } drug } entry)
                {
                    hits.Add(new DrugHit(drug, index, entry.WeakDrug, entry.Brand));
                }
            }

            // A weak word (a strain, "crystal", an imprint) names a drug only in a title naming no other and giving an amount.
            var strong = hits.Where(hit => !hit.Weak).ToList();
            if (strong.Count > 0 || !weakAllowed || measures.Count == 0)
            {
                hits = strong;
            }

            if (hits.Count == 0)
            {
                return [];
            }

            var segments = Elements[^1].Segment + 1;
            var firstDrugOfSegment = new DrugInfo?[segments];
            foreach (var hit in hits)
            {
                var segment = Elements[hit.Element].Segment;
                firstDrugOfSegment[segment] ??= hit.Drug;
            }

            var measuresOf = new Dictionary<string, List<Measure>>(StringComparer.Ordinal);
            var segmentsOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            for (var segment = 0; segment < segments; segment++)
            {
                if (OwnerOf(firstDrugOfSegment, segment) is { } owner)
                {
                    if (!segmentsOf.TryGetValue(owner.Drug, out var set))
                    {
                        segmentsOf[owner.Drug] = set = [];
                    }

                    set.Add(segment);
                }
            }

            foreach (var measure in measures)
            {
                if (OwnerOf(firstDrugOfSegment, measure.Segment) is { } owner)
                {
                    if (!measuresOf.TryGetValue(owner.Drug, out var list))
                    {
                        measuresOf[owner.Drug] = list = [];
                    }

                    list.Add(measure);
                }
            }

            var items = new List<FactItem>();
            foreach (var hit in hits.DistinctBy(hit => hit.Drug.Drug))
            {
                var element = Elements[hit.Element];
                var forms = FormWords(segmentsOf.GetValueOrDefault(hit.Drug.Drug) ?? [element.Segment]);
                var form = forms.Count == 0 ? hit.Drug.Form : forms[0].Contains(hit.Drug.Form) ? hit.Drug.Form : forms[0][0];
                var (strength, strengthSpan, quantity, quantitySpan) = Amounts(form, measuresOf.GetValueOrDefault(hit.Drug.Drug) ?? []);
                items.Add(new FactItem(hit.Drug.Drug, hit.Drug.Class, strength, form, quantity, element.Start, element.End, field, Raw(element), strengthSpan, quantitySpan));
            }

            return items;
        }

        /// <summary>A segment's measures belong to its first drug; a segment naming none to the nearest before it, else after it.</summary>
        private static DrugInfo? OwnerOf(DrugInfo?[] firstDrugOfSegment, int segment)
        {
            for (var before = segment; before >= 0; before--)
            {
                if (firstDrugOfSegment[before] is { } drug)
                {
                    return drug;
                }
            }

            for (var after = segment + 1; after < firstDrugOfSegment.Length; after++)
            {
                if (firstDrugOfSegment[after] is { } drug)
                {
                    return drug;
                }
            }

            return null;
        }

        /// <summary>The form words of some segments, in order: each the forms it may mean ("tabs": tablet or blotter).</summary>
        private List<List<string>> FormWords(HashSet<int> segments)
        {
            var forms = new List<List<string>>();
            Span<char> key = stackalloc char[64];
            foreach (var element in Elements)
            {
                if (!segments.Contains(element.Segment))
                {
                    continue;
                }

                if (element.Entry?.Forms is { } own)
                {
                    forms.Add(own);
                    continue;
                }

                // A form word inside a drug's name ("Ecstasy pills", "MDMA crystal").
                for (var index = element.Token; element.Tokens > 1 && index < element.Token + element.Tokens; index++)
                {
                    var token = tokens[index];
                    if (token.Kind != TokenKind.Word || token.Length > key.Length)
                    {
                        continue;
                    }

                    for (var at = 0; at < token.Length; at++)
                    {
                        key[at] = FactLexicon.Fold(text[token.Start + at]);
                    }

                    if (owner.lexicon.Keys.TryGetValue(key[..token.Length], out var known) && known.Entry?.Forms is { } inner)
                    {
                        forms.Add(inner);
                    }
                }
            }

            return forms;
        }

        private static (FactAmount? Strength, FactSpan? StrengthSpan, FactAmount? Quantity, FactSpan? QuantitySpan) Amounts(string form, List<Measure> measures)
        {
            var count = measures.FirstOrDefault(measure => measure.Kind == MeasureKind.Count);
            var mass = measures.FirstOrDefault(measure => measure.Kind == MeasureKind.Mass);
            var volume = measures.FirstOrDefault(measure => measure.Kind == MeasureKind.Volume);
            var hasCount = measures.Any(measure => measure.Kind == MeasureKind.Count);
            var hasMass = measures.Any(measure => measure.Kind == MeasureKind.Mass);
            var hasVolume = measures.Any(measure => measure.Kind == MeasureKind.Volume);

            // Milligrams of a powder with no count are its weight ("5-MeO-DMT 500mg"); of a pill, its strength.
            var solidForm = form is "powder" or "crystal" or "plant" or "resin" or "other";
            var milligramsAreWeight = !hasCount && !hasMass && !hasVolume && solidForm && measures.FirstOrDefault(measure => measure.Kind == MeasureKind.Milligram) is { Value: >= 100 };
            var strengthMeasure = measures.FirstOrDefault(measure => measure.Kind == MeasureKind.Strength || (measure.Kind == MeasureKind.Milligram && !milligramsAreWeight));
            var hasStrength = measures.Any(measure => measure.Kind == MeasureKind.Strength || (measure.Kind == MeasureKind.Milligram && !milligramsAreWeight));
            FactAmount? strength = hasStrength ? new FactAmount(strengthMeasure.Value, strengthMeasure.Unit) : null;
            FactSpan? strengthSpan = hasStrength ? new FactSpan(strengthMeasure.Start, strengthMeasure.End) : null;

            if (milligramsAreWeight)
            {
                mass = measures.First(measure => measure.Kind == MeasureKind.Milligram);
                mass = mass with { Value = mass.Value / 1000m / Normalizer, Unit = "g" };
                hasMass = true;
            }

            FactAmount? quantity = null;
            FactSpan? quantitySpan = null;
            if (hasMass)
            {
                // "5 x 1g" is five grams.
                var grams = hasCount ? mass.Value * count.Value : mass.Value;
                quantity = new FactAmount(grams / Normalizer, "g");
                quantitySpan = Span(hasCount ? [count, mass] : [mass]);
            }
            else if (hasVolume)
            {
                quantity = new FactAmount((hasCount ? volume.Value * count.Value : volume.Value) / Normalizer, "ml");
                quantitySpan = Span(hasCount ? [count, volume] : [volume]);
            }
            else if (hasCount)
            {
                quantity = new FactAmount(count.Value, "unit");
                quantitySpan = new FactSpan(count.Start, count.End);
            }

            return (strength, strengthSpan, quantity, quantitySpan);
        }

        private static FactSpan Span(Measure[] parts) => new(parts.Min(part => part.Start), parts.Max(part => part.End));

        /// <summary>
        /// Ships from / to: "ships from X", "X to Y", "X-Y", "X only", "worldwide except X, Y"; a place named alone
        /// in a title is the origin (worldwide alone: the destination).
        /// </summary>
        public void Routes(List<FactRoute> routes, bool lonePlacesAreRoutes)
        {
            var mode = RouteCue.None;
            var lone = new List<Element>();
            var words = 0;
            for (var index = 0; index < Elements.Count; index++)
            {
                var element = Elements[index];
                if (IsPlace(element, columns: false))
                {
                    switch (mode)
                    {
                        case RouteCue.From:
                            AddRoute(routes, FactRoute.From, element);
                            break;
                        case RouteCue.To:
                            AddRoute(routes, FactRoute.To, element);
                            break;
                        case RouteCue.Except:
                            AddRoute(routes, FactRoute.Except, element);
                            break;
                        default:
                            lone.Add(element);
                            break;
                    }

                    words = 0;
                    continue;
                }

                var cue = element.Entry?.Cue ?? RouteCue.None;
                var afterPlace = index > 0 && IsPlace(Elements[index - 1], columns: false);
                switch (cue)
                {
                    case RouteCue.From:
                        mode = RouteCue.From;
                        words = 0;
                        continue;
                    case RouteCue.To:
                        Flush(routes, lone, FactRoute.From);
                        mode = RouteCue.To;
                        words = 0;
                        continue;
                    case RouteCue.Except:
                        Flush(routes, lone, FactRoute.To);
                        mode = RouteCue.Except;
                        words = 0;
                        continue;
                    case RouteCue.Toward when afterPlace:
                        Flush(routes, lone, FactRoute.From);
                        mode = RouteCue.To;
                        words = 0;
                        continue;
                    case RouteCue.Arrow when afterPlace && index + 1 < Elements.Count && IsPlace(Elements[index + 1], columns: false):
                        Flush(routes, lone, FactRoute.From);
                        mode = RouteCue.To;
                        words = 0;
                        continue;
                    case RouteCue.Only when afterPlace:
                        Flush(routes, lone, FactRoute.To);
                        mode = RouteCue.None;
                        continue;
                }

                if (element.Entry is null && element.Kind == TokenKind.Symbol)
                {
                    var symbol = text[element.Start];
                    if (symbol is '.' or '!' or '?' or '|' or ';' or '\n')
                    {
                        mode = RouteCue.None;
                    }

                    continue;
                }

                if (Elements[index].Token > 0 && tokens[element.Token].LineBreak)
                {
                    mode = RouteCue.None;
                }

                // Up to three other words may come between a cue and its place ("ships from the Netherlands"); list words do not count.
                if (mode != RouteCue.None && !(element.Entry is null && element.Kind == TokenKind.Word && IsListWord(text.AsSpan(element.Start, element.End - element.Start))) && ++words > 3)
                {
                    mode = RouteCue.None;
                }
            }

            if (lonePlacesAreRoutes)
            {
                foreach (var element in lone)
                {
                    AddRoute(routes, element.Entry!.Places!.Contains(RouteValue.Worldwide) ? FactRoute.To : FactRoute.From, element);
                }
            }
        }

        private static bool IsListWord(ReadOnlySpan<char> word)
        {
            foreach (var listWord in ListWords)
            {
                if (word.Equals(listWord, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private void Flush(List<FactRoute> routes, List<Element> lone, string direction)
        {
            foreach (var element in lone)
            {
                AddRoute(routes, direction, element);
            }

            lone.Clear();
        }

        private void AddRoute(List<FactRoute> routes, string direction, Element element)
        {
            foreach (var code in element.Entry!.Places!)
            {
                routes.Add(new FactRoute(direction, code, Raw(element), field, element.Start, element.End));
            }
        }

        public void TermsAndIndicators(List<FactTerm> terms, List<FactIndicator> indicators)
        {
            foreach (var element in Elements)
            {
                if (element.Entry is not { } entry)
                {
                    continue;
                }

                if (entry.Term is { } term)
                {
                    terms.Add(new FactTerm(term, Raw(element), field, element.Start, element.End));
                }

                if (entry.Indicator is { } kind)
                {
                    indicators.Add(new FactIndicator(kind, Raw(element), field, element.Start, element.End));
                }

                if (entry.Manufacturer || (entry.Brand && entry.Drug is { PrescriptionOnly: true }))
                {
                    indicators.Add(new FactIndicator(IndicatorKinds.PharmaBrand, Raw(element), field, element.Start, element.End));
                }
            }
        }

        /// <summary>A prescription medicine sold as powder ("Alprazolam powder 10g") is bulk active ingredient: what pill presses are fed.</summary>
        public void BulkPowders(List<FactItem> items, List<FactIndicator> indicators)
        {
            foreach (var item in items.Where(item => item.Field == field && item.Form == "powder"))
            {
                if (owner.lexicon.Drug(item.Drug) is not { PrescriptionOnly: true })
                {
                    continue;
                }

                foreach (var element in Elements)
                {
                    if (element.Entry?.Forms?.Contains("powder") == true)
                    {
                        indicators.Add(new FactIndicator(IndicatorKinds.BulkApi, Raw(element), field, element.Start, element.End));
                        break;
                    }
                }
            }
        }
    }
}
