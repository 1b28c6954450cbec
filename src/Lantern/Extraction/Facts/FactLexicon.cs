using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lantern.Extraction.Facts;

internal sealed record DrugInfo(string Drug, string Class, string Form, bool PrescriptionOnly);

internal enum UnitKind : byte
{
    /// <summary>A weight; <see cref="UnitInfo.Factor"/> converts to grams.</summary>
    Mass,

    /// <summary>A volume; the factor converts to millilitres.</summary>
    Volume,

    /// <summary>Pills, tabs, pieces, hits.</summary>
    Count,

    /// <summary>The "x" of "100x", "x100" and "5 x 80mg".</summary>
    Times,

    /// <summary>Milligrams: a pill's strength, or the weight of a powder.</summary>
    Milligram,

    /// <summary>Micrograms (ug, mcg, µg, and µ read as ε or μ).</summary>
    Microgram,

    Percent,

    MilligramPerMillilitre,

    /// <summary>"8th": the number divides an ounce.</summary>
    OunceFraction,

    /// <summary>A weight that needs no number (QP, half ounce); the factor is the weight in grams.</summary>
    ImpliedMass,
}

internal sealed record UnitInfo(UnitKind Kind, decimal Factor);

/// <param name="Entry">What the phrase means, or null when the key only begins longer phrases.</param>
/// <param name="Longer">Longer phrases begin with this key.</param>
internal sealed record PhraseKey(PhraseEntry? Entry, bool Longer);

internal enum RouteCue : byte
{
    None,
    From,
    To,
    Except,

    /// <summary>"-", ">", "->" between two places: the first is the origin.</summary>
    Arrow,

    /// <summary>"USA only": the place before is the destination.</summary>
    Only,

    /// <summary>
    /// A short word that leads to a destination only right after a place ("desde Colombia a España", "de Portugal para o
    /// Brasil", "из России в Казахстан"): alone it is too common a word to be a cue.
    /// </summary>
    Toward,
}

/// <summary>Everything a phrase can mean; one phrase may mean several things ("btc": a currency and a crypto-payment signal).</summary>
internal sealed class PhraseEntry
{
    public DrugInfo? Drug { get; set; }

    public bool WeakDrug { get; set; }

    public bool Brand { get; set; }

    public List<string>? Forms { get; set; }

    public UnitInfo? Unit { get; set; }

    public string? Currency { get; set; }

    public decimal CurrencyFactor { get; set; } = 1m;

    public string[]? Places { get; set; }

    /// <summary>In free text the phrase is a place only when written in capitals (codes, "AUS", "GER").</summary>
    public bool PlaceNeedsCapitals { get; set; }

    /// <summary>An ISO alpha-2 or alpha-3 code: read only in capitals, in columns too.</summary>
    public bool PlaceIsCode { get; set; }

    /// <summary>An ISO code that is an everyday word or a unit in free text (IN, IT, MG): read in columns only.</summary>
    public bool PlaceInColumnsOnly { get; set; }

    public RouteCue Cue { get; set; }

    public string? Term { get; set; }

    /// <summary>After a price, what it is per ("each", "per gram"): <c>unit</c> or <c>g</c>.</summary>
    public string? PricePer { get; set; }

    public string? Indicator { get; set; }

    public bool Manufacturer { get; set; }
}

/// <summary>
/// The facts extractor's data: the drug lexicon (Extraction/Facts/drug-lexicon.json), the street names of
/// the search lexicon (read as data, from its embedded resource), the ISO 3166 country table
/// (Extraction/Facts/countries.json), and the units, currencies and route words of listings.
/// Every phrase is keyed by its lower-case tokens, so lookups in text need no allocation.
/// </summary>
internal sealed class FactLexicon
{
    public const int MaxPhraseTokens = 8;

    private const string DrugResource = "Lantern.Extraction.Facts.drug-lexicon.json";
    private const string CountryResource = "Lantern.Extraction.Facts.countries.json";

    private readonly FrozenDictionary<string, PhraseKey> keys;
    private readonly FrozenDictionary<string, DrugInfo> drugsByName;
    private readonly ulong[] keyFilter;

    private FactLexicon(string version, IReadOnlyList<string> sources, Dictionary<string, PhraseEntry> phrases, HashSet<string> prefixes, IReadOnlyList<DrugInfo> drugs)
    {
        Version = version;
        Sources = sources;
        Drugs = drugs;
        // Phrases and the beginnings of longer phrases in one table: one lookup a token.
        var merged = phrases.ToDictionary(pair => pair.Key, pair => new PhraseKey(pair.Value, prefixes.Contains(pair.Key)), StringComparer.Ordinal);
        foreach (var prefix in prefixes)
        {
            merged.TryAdd(prefix, new PhraseKey(null, true));
        }

        keys = merged.ToFrozenDictionary(StringComparer.Ordinal);
        keyFilter = BuildFilter(merged.Keys);
        drugsByName = drugs.ToFrozenDictionary(drug => drug.Drug, StringComparer.Ordinal);
        Keys = keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static FactLexicon Default { get; } = LoadEmbedded();

    /// <summary>The drug lexicon's version and the country table's, e.g. "2026.11.1+2026.11.1".</summary>
    public string Version { get; }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<DrugInfo> Drugs { get; }

    public DrugInfo? Drug(string name) => drugsByName.GetValueOrDefault(name);

    /// <summary>Keys of phrases and of the beginnings of longer ones, by lower-case, accent-folded token text.</summary>
    public FrozenDictionary<string, PhraseKey>.AlternateLookup<ReadOnlySpan<char>> Keys { get; }

    public static FactLexicon LoadEmbedded()
    {
        var assembly = typeof(FactLexicon).Assembly;
        return Parse(EmbeddedText.Read(assembly, DrugResource), EmbeddedText.Read(assembly, CountryResource), name => EmbeddedText.Read(assembly, name));
    }

    /// <param name="readResource">Reads another embedded resource the drug lexicon names (the search lexicon).</param>
    public static FactLexicon Parse(string drugJson, string countryJson, Func<string, string> readResource)
    {
        var builder = new Builder();
        using var drugs = JsonDocument.Parse(drugJson);
        using var countries = JsonDocument.Parse(countryJson);
        var root = drugs.RootElement;
        var drugList = builder.AddDrugs(root);
        builder.AddSearchLexicon(root.GetProperty("search_lexicon"), readResource);
        foreach (var (form, words) in Strings(root.GetProperty("forms")))
        {
            foreach (var word in words)
            {
                var entry = builder.Entry(word);
                entry.Forms ??= [];
                entry.Forms.Add(form);
            }
        }

        foreach (var (kind, words) in Strings(root.GetProperty("indicators")))
        {
            foreach (var word in words)
            {
                builder.Each(word, entry => entry.Indicator = kind);
            }
        }

        foreach (var (kind, words) in Strings(root.GetProperty("terms")))
        {
            foreach (var word in words)
            {
                builder.Each(word, entry => entry.Term = kind);
            }
        }

        foreach (var word in root.GetProperty("manufacturers").EnumerateArray())
        {
            builder.Each(word.GetString()!, entry => entry.Manufacturer = true);
        }

        builder.AddCountries(countries.RootElement);
        builder.AddGrammar();
        var sources = root.GetProperty("sources").EnumerateArray().Select(source => source.GetString()!)
            .Concat(countries.RootElement.GetProperty("sources").EnumerateArray().Select(source => source.GetString()!)).ToList();
        var version = $"{root.GetProperty("version").GetString()}+{countries.RootElement.GetProperty("version").GetString()}";
        return new FactLexicon(version, sources, builder.Phrases, builder.Prefixes, drugList);
    }

    private static IEnumerable<(string Key, List<string> Words)> Strings(JsonElement map) =>
        map.EnumerateObject().Select(property => (property.Name, property.Value.EnumerateArray().Select(word => word.GetString()!).ToList()));

    /// <summary>The key a phrase is stored under: its lower-case tokens, a space where the text had white space.</summary>
    public static string Key(string phrase)
    {
        var tokens = new List<Token>();
        FactTokenizer.Tokenize(phrase, tokens);
        var key = new StringBuilder();
        foreach (var token in tokens)
        {
            if (key.Length > 0 && !token.Glued)
            {
                key.Append(' ');
            }

            foreach (var c in phrase.AsSpan(token.Start, token.Length))
            {
                key.Append(Fold(c));
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// Lower case, and Latin letters without their accents ("Cocaína", "cocaina" and "COCAÏNE" share a key);
    /// other scripts keep theirs (Cyrillic й is not и).
    /// </summary>
    public static char Fold(char c) => c < LatinFolds.Table.Length ? LatinFolds.Table[c] : char.ToLowerInvariant(c);

    /// <summary>Whether a key may be in the table, from its first two characters and length: most words of a text are not, and skip the lookup.</summary>
    public bool MayBeKey(ReadOnlySpan<char> key) => (keyFilter[FilterSlot(key) >> 6] & (1UL << (FilterSlot(key) & 63))) != 0;

    private static int FilterSlot(ReadOnlySpan<char> key) =>
        ((key[0] & 127) << 12) | ((key.Length > 1 ? key[1] & 127 : 0) << 5) | Math.Min(key.Length, 31);

    private static ulong[] BuildFilter(IEnumerable<string> keys)
    {
        var filter = new ulong[(128 << 12) / 64];
        foreach (var key in keys)
        {
            var slot = FilterSlot(key);
            filter[slot >> 6] |= 1UL << (slot & 63);
        }

        return filter;
    }

    /// <summary>Its own class, so the table exists before <see cref="Default"/> is built.</summary>
    private static class LatinFolds
    {
        public static readonly char[] Table = Build();

        private static char[] Build()
        {
            var folds = new char[0x250];
            for (var c = 0; c < folds.Length; c++)
            {
                var lower = char.ToLowerInvariant((char)c);
                var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
                folds[c] = lower >= 0xC0 && decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0]) ? decomposed[0] : lower;
            }

            return folds;
        }
    }

    private sealed class Builder
    {
        public Dictionary<string, PhraseEntry> Phrases { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Prefixes { get; } = new(StringComparer.Ordinal);

        /// <summary>The entry of a phrase exactly as written (its key), created when new.</summary>
        public PhraseEntry Entry(string phrase)
        {
            var key = Key(phrase);
            if (!Phrases.TryGetValue(key, out var entry))
            {
                Phrases[key] = entry = new PhraseEntry();
                AddPrefixes(phrase);
            }

            return entry;
        }

        /// <summary>Applies to the phrase and its spellings without hyphens and with hyphens as spaces.</summary>
        public void Each(string phrase, Action<PhraseEntry> apply)
        {
            foreach (var variant in Variants(phrase))
            {
                apply(Entry(variant));
            }
        }

        private void AddPrefixes(string phrase)
        {
            var tokens = new List<Token>();
            FactTokenizer.Tokenize(phrase, tokens);
            var key = new StringBuilder();
            for (var index = 0; index < tokens.Count - 1; index++)
            {
                if (key.Length > 0 && !tokens[index].Glued)
                {
                    key.Append(' ');
                }

                foreach (var c in phrase.AsSpan(tokens[index].Start, tokens[index].Length))
                {
                    key.Append(Fold(c));
                }

                Prefixes.Add(key.ToString());
            }
        }

        private static IEnumerable<string> Variants(string phrase)
        {
            return phrase.Contains('-', StringComparison.Ordinal)
                ? [phrase, phrase.Replace("-", string.Empty, StringComparison.Ordinal), phrase.Replace('-', ' ')]
                : [phrase];
        }

        public List<DrugInfo> AddDrugs(JsonElement root)
        {
            var drugs = new List<DrugInfo>();
            var weakTerms = new List<(string Term, DrugInfo Drug)>();
            foreach (var element in root.GetProperty("drugs").EnumerateArray())
            {
                var drug = new DrugInfo(element.GetProperty("drug").GetString()!, element.GetProperty("class").GetString()!,
                    element.GetProperty("form").GetString()!, element.GetProperty("rx").GetBoolean());
                drugs.Add(drug);
                foreach (var list in new[] { "names", "brands", "slang", "misspellings" })
                {
                    foreach (var term in element.GetProperty(list).EnumerateArray())
                    {
                        Each(term.GetString()!, entry =>
                        {
                            entry.Drug = drug;
                            entry.WeakDrug = false;
                            entry.Brand |= list == "brands";
                        });
                    }
                }

                weakTerms.AddRange(element.GetProperty("weak").EnumerateArray().Select(term => (term.GetString()!, drug)));
            }

            // A word is weak only where no drug names it outright.
            foreach (var (term, drug) in weakTerms)
            {
                Each(term, entry =>
                {
                    if (entry.Drug is null)
                    {
                        entry.Drug = drug;
                        entry.WeakDrug = true;
                    }
                });
            }

            return drugs;
        }

        /// <summary>
        /// Street names from the search lexicon, read from its embedded JSON (no code of Search is used): a name
        /// this lexicon already knows keeps its meaning here, and words that are no drug name in a listing are skipped.
        /// </summary>
        public void AddSearchLexicon(JsonElement settings, Func<string, string> readResource)
        {
            var mapping = settings.GetProperty("drugs").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString()!, StringComparer.Ordinal);
            var skipped = settings.GetProperty("not_drug_names").EnumerateArray().Select(word => Key(word.GetString()!)).ToHashSet(StringComparer.Ordinal);
            var byName = Phrases.Values.Where(entry => entry.Drug is not null).Select(entry => entry.Drug!).DistinctBy(drug => drug.Drug).ToDictionary(drug => drug.Drug, StringComparer.Ordinal);
            using var search = JsonDocument.Parse(readResource(settings.GetProperty("resource").GetString()!));
            foreach (var element in search.RootElement.GetProperty("drugs").EnumerateArray())
            {
                var name = element.GetProperty("drug").GetString()!;
                if (!mapping.TryGetValue(name, out var target) || !byName.TryGetValue(target, out var drug))
                {
                    throw new InvalidDataException($"drug-lexicon.json: search_lexicon.drugs maps no drug for the search lexicon's '{name}'");
                }

                foreach (var term in element.GetProperty("names").EnumerateArray().Concat(element.GetProperty("slang").EnumerateArray()))
                {
                    var key = Key(term.GetString()!);
                    if (skipped.Contains(key) || (Phrases.TryGetValue(key, out var known) && known.Drug is not null))
                    {
                        continue;
                    }

                    Each(term.GetString()!, entry => entry.Drug ??= drug);
                }
            }
        }

        public void AddCountries(JsonElement root)
        {
            var textCodes = root.GetProperty("text_codes").EnumerateArray().Select(code => code.GetString()!).ToHashSet(StringComparer.Ordinal);
            foreach (var country in root.GetProperty("countries").EnumerateArray())
            {
                var code = country.GetProperty("code").GetString()!;
                AddPlace(code, [code], capitals: true, columnsOnly: !textCodes.Contains(code), isCode: true);
                AddPlace(country.GetProperty("alpha3").GetString()!, [code], capitals: true, columnsOnly: true, isCode: true);
                foreach (var name in country.GetProperty("names").EnumerateArray().Concat(country.GetProperty("aliases").EnumerateArray()))
                {
                    var text = name.GetString()!;
                    AddPlace(text, [code], capitals: text.Length <= 3, columnsOnly: false, isCode: false);
                }
            }

            foreach (var region in root.GetProperty("regions").EnumerateObject())
            {
                foreach (var name in region.Value.EnumerateArray())
                {
                    var text = name.GetString()!;
                    AddPlace(text, [region.Name], capitals: text.Length <= 2, columnsOnly: false, isCode: false);
                }
            }

            foreach (var region in root.GetProperty("regions_in_columns_only").EnumerateObject())
            {
                foreach (var name in region.Value.EnumerateArray())
                {
                    AddPlace(name.GetString()!, [region.Name], capitals: false, columnsOnly: true, isCode: false);
                }
            }

            foreach (var group in root.GetProperty("groups").EnumerateObject())
            {
                AddPlace(group.Name, group.Value.EnumerateArray().Select(code => code.GetString()!).ToArray(), capitals: false, columnsOnly: false, isCode: false);
            }
        }

        private void AddPlace(string name, string[] places, bool capitals, bool columnsOnly, bool isCode)
        {
            Each(name, entry =>
            {
                // A name keeps the laxest reading it has (UK is a code of nothing but a name everywhere).
                if (entry.Places is null)
                {
                    entry.Places = places;
                    entry.PlaceNeedsCapitals = capitals;
                    entry.PlaceInColumnsOnly = columnsOnly;
                    entry.PlaceIsCode = isCode;
                }
                else if (entry.Places.SequenceEqual(places))
                {
                    entry.PlaceNeedsCapitals &= capitals;
                    entry.PlaceInColumnsOnly &= columnsOnly;
                    entry.PlaceIsCode &= isCode;
                }
            });
        }

        /// <summary>Units, currencies and route words: the grammar of listing titles, the same in every case.</summary>
        public void AddGrammar()
        {
            const decimal Ounce = 28.3495m;
            const decimal Pound = 453.592m;
            Units(UnitKind.Mass, 1m, "g", "g.", "gr", "gr.", "grs", "gm", "gms", "gram", "grams", "gramm", "gramme", "grammes", "gramos", "gramo", "gramas", "grama", "grammi", "г", "гр", "грамм", "грамма", "граммов", "gramov", "gramm");
            Units(UnitKind.Mass, 1000m, "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramm", "kilogramos", "кг", "кило");
            Units(UnitKind.Mass, Ounce, "oz", "oz.", "ozs", "ounce", "ounces", "onza", "onzas", "unze", "unzen", "once", "onces", "унция", "zip", "zips");
            Units(UnitKind.Mass, Pound, "lb", "lbs", "lb.", "pound", "pounds", "pfund", "libra", "libras", "фунт");
            Units(UnitKind.ImpliedMass, Pound / 4, "qp", "quarter pound", "quarter p", "quarter lb", "quarter pounder");
            Units(UnitKind.ImpliedMass, Pound / 2, "half pound", "half lb", "half a pound");
            Units(UnitKind.ImpliedMass, Ounce / 2, "half ounce", "half oz", "half an ounce", "half o");
            Units(UnitKind.ImpliedMass, Ounce / 4, "quarter ounce", "quarter oz", "quarter o", "q oz");
            Units(UnitKind.ImpliedMass, Ounce / 8, "eighth", "an eighth", "eight ball", "8 ball", "8ball");
            Units(UnitKind.OunceFraction, Ounce, "th");
            Units(UnitKind.Volume, 1m, "ml", "mls", "ml.", "millilitre", "milliliter", "millilitres", "milliliters", "мл", "cc");
            Units(UnitKind.Volume, 10m, "cl");
            Units(UnitKind.Volume, 1000m, "l", "liter", "litre", "liters", "litres", "ltr", "литр", "литра", "литров");
            Units(UnitKind.Milligram, 1m, "mg", "mg.", "mgs", "milligram", "milligrams", "milligramm", "miligramos", "мг", "mgr");
            Units(UnitKind.Microgram, 1m, "ug", "µg", "μg", "εg", "mcg", "mcgs", "mkg", "мкг", "mic", "mics", "mikes", "microgram", "micrograms", "mikrogramm", "ug/h", "mcg/h", "µg/h", "μg/h", "mcg/hr", "ug/hr");
            Units(UnitKind.Percent, 1m, "%", "pct", "percent", "prozent", "procent", "porciento", "процентов");
            Units(UnitKind.MilligramPerMillilitre, 1m, "mg/ml", "mg / ml", "mg per ml", "mg/1ml", "mg/cc", "мг/мл");
            Units(UnitKind.Times, 1m, "x", "×", "х");
            Units(UnitKind.Count, 1m, "pcs", "pcs.", "pc", "pc.", "piece", "pieces", "pills", "pill", "tabs", "tab", "tablets", "tablet", "tabletten", "tabl", "caps", "cap",
                "capsules", "capsule", "kapseln", "pellets", "pellet", "blotters", "blotter", "hits", "hit", "units", "unit", "ct", "count", "stk", "stk.", "stück", "stueck", "stuck",
                "st", "st.", "stuks", "stuk", "comprimés", "comprimes", "comprimidos", "comprimido", "pastillas", "pastilla", "pastilles", "pilules", "pillen", "шт", "шт.", "штук",
                "штуки", "таблеток", "таблетки", "таблетка", "sht", "bars", "bar", "strips", "strip", "patches", "patch", "vials", "ampoules", "amps", "doses", "dose",
                "squares", "gel tabs", "sachets", "softgels", "ea", "ks", "szt", "kpl", "marki", "марки", "марок");
            Currency("USD", 1m, "$", "usd", "us$", "dollar", "dollars", "bucks", "долларов");
            Currency("EUR", 1m, "€", "eur", "euro", "euros", "евро");
            Currency("GBP", 1m, "£", "gbp", "quid");
            Currency("BTC", 1m, "btc", "₿", "bitcoin", "bitcoins", "xbt");
            Currency("BTC", 0.001m, "mbtc");
            Currency("XMR", 1m, "xmr", "monero");
            Currency("LTC", 1m, "ltc", "litecoin");
            Currency("ETH", 1m, "eth");
            Currency("CAD", 1m, "cad", "c$", "ca$");
            Currency("AUD", 1m, "aud", "a$", "au$");
            Currency("CHF", 1m, "chf");
            Currency("RUB", 1m, "rub", "₽", "руб", "руб.", "рублей");
            Currency("SEK", 1m, "sek");
            Currency("PLN", 1m, "pln", "zł");
            Cue(RouteCue.From, "from", "ships from", "ship from", "shipping from", "shipped from", "ships from country", "sent from", "sending from", "dispatched from", "dispatch from",
                "dispatches from", "posted from", "origin", "origin country", "country of origin", "located in", "based in", "location", "vendor location", "stock in", "aus", "versand aus",
                "verzending vanuit", "verzonden vanuit", "vanuit", "uit", "desde", "envío desde", "envio desde", "enviado desde", "depuis", "expédié de", "expédition depuis", "envoi depuis",
                "из", "отправка из", "doprava z");
            Cue(RouteCue.To, "to", "ships to", "ship to", "shipping to", "shipped to", "ships", "delivery to", "deliver to", "delivers to", "destination", "destinations", "shipping",
                "nach", "versand nach", "lieferung nach", "naar", "verzending naar", "envío a", "envio a", "hacia", "vers", "livraison", "livraison vers", "доставка в", "доставка по",
                "into", "domestic to");
            Cue(RouteCue.Except, "except", "except for", "excluding", "exclude", "excl", "excl.", "exc", "exc.", "but not", "not to", "no shipping to", "does not ship to", "do not ship to",
                "außer", "ausser", "ausgenommen", "behalve", "sauf", "excepté", "excepto", "menos", "salvo", "кроме", "except to");
            Cue(RouteCue.Toward, "a", "à", "para", "pra", "в", "во");
            Cue(RouteCue.Arrow, "-", ">", "->", "-->", "=>", "→", "—", "–", "»", ">>");
            PricePer("unit", "each", "ea", "per pill", "per tab", "per tablet", "per piece", "per unit", "a pill", "a tab", "a piece", "pp", "/pill", "/tab", "/unit", "/ea", "per blotter", "per hit", "pro stück", "pro stk", "la pieza", "la pastilla", "за штуку");
            PricePer("g", "per g", "per gram", "/g", "/gram", "a gram", "per gramm", "pro gramm", "/gr", "el gramo", "le gramme", "за грамм", "per gr", "pg");
            Cue(RouteCue.Only, "only", "nur", "alleen", "seulement", "solo", "только", "domestic");
        }

        private void Units(UnitKind kind, decimal factor, params string[] words)
        {
            foreach (var word in words)
            {
                Entry(word).Unit ??= new UnitInfo(kind, factor);
            }
        }

        private void Currency(string code, decimal factor, params string[] words)
        {
            foreach (var word in words)
            {
                var entry = Entry(word);
                entry.Currency ??= code;
                entry.CurrencyFactor = factor;
            }
        }

        private void PricePer(string per, params string[] words)
        {
            foreach (var word in words)
            {
                Entry(word).PricePer ??= per;
            }
        }

        private void Cue(RouteCue cue, params string[] words)
        {
            foreach (var word in words)
            {
                var entry = Entry(word);
                if (entry.Cue == RouteCue.None)
                {
                    entry.Cue = cue;
                }
            }
        }
    }
}

/// <summary>Reads an embedded text resource of the library by its logical name.</summary>
internal static class EmbeddedText
{
    public static string Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
