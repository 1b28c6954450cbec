using System.Globalization;
using System.Text;
using Lantern.Extraction;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Lantern.Search;

/// <summary>
/// Lucene's classic syntax over title and text (AND is the default operator), with two additions:
/// <c>posted_at</c> takes dates (<c>posted_at:[2024-01-01 TO 2024-06-30]</c>, <c>posted_at:2024-03</c>),
/// whole days and months included; the unit prices of listing facts take numbers
/// (<c>price_per_g:[5 TO 12.5]</c>, <c>price_per_unit:[* TO 2]</c>); and, when asked, each drug term is expanded to its street
/// names and emoji from the <see cref="SlangLexicon"/>.
/// </summary>
internal sealed class LanternQueryParser : MultiFieldQueryParser
{
    private static readonly string[] DefaultFields = [IndexFields.Title, IndexFields.Text];
    private static readonly Dictionary<string, float> Boosts = new() { [IndexFields.Title] = 2f, [IndexFields.Text] = 1f };

    private readonly SlangLexicon? lexicon;
    private readonly string? defaultRegion;
    private readonly List<string> expandedTerms = [];

    /// <summary>The fields every case has: the document's own, and <c>selector</c> with each selector type.</summary>
    public static readonly IReadOnlyList<string> FixedFields =
    [
        IndexFields.Title, IndexFields.Text, IndexFields.Site, IndexFields.Author, IndexFields.Kind, IndexFields.PostedAt, IndexFields.Selector,
        IndexFields.Drug, IndexFields.DrugClass, IndexFields.ShipsFrom, IndexFields.ShipsTo, IndexFields.Indicator,
        IndexFields.PricePerGram, IndexFields.PricePerMillilitre, IndexFields.PricePerUnit,
    ];

    private readonly Dictionary<string, string> knownFields = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="indexFields">The fields the case's index holds (metadata columns among them); they may be searched too.</param>
    public LanternQueryParser(LanternAnalyzer analyzer, SlangLexicon? lexicon, string? defaultRegion = null, IEnumerable<string>? indexFields = null)
        : base(LanternAnalyzer.Version, DefaultFields, analyzer, Boosts)
    {
        this.lexicon = lexicon;
        this.defaultRegion = defaultRegion;
        foreach (var field in FixedFields.Concat(SelectorTypes.All).Concat((indexFields ?? []).Where(IsSearchable)))
        {
            knownFields.TryAdd(field, field);
        }

        DefaultOperator = AND_OPERATOR;
        AllowLeadingWildcard = true;
        LowercaseExpandedTerms = true;
    }

    /// <summary>Whether the last query looked up selectors (btc:…, email:…), which the case may require a justification for.</summary>
    public bool UsesSelectors { get; private set; }

    /// <summary>The street names and emoji the last parse expanded drug terms to.</summary>
    public IReadOnlyList<string> ExpandedTerms => expandedTerms;

    /// <summary>Each term the last parse expanded to, with the query that matches it, so a hit can say which terms it matched.</summary>
    public IReadOnlyList<(string Term, Query Query)> ExpansionParts => expansionParts;

    private readonly List<(string Term, Query Query)> expansionParts = [];

    public Query ParseQuery(string query)
    {
        expandedTerms.Clear();
        expansionParts.Clear();
        UsesSelectors = false;
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ParseException("the query is empty");
        }

        var (prepared, insertedAt) = QuoteSelectorValues(query);
        try
        {
            return Parse(prepared);
        }
        catch (ParseException exception)
        {
            throw new SearchQueryException(QueryErrors.Explain(query, prepared, insertedAt, exception), exception);
        }
    }

    /// <summary>
    /// A selector pasted as <c>lantern selectors</c> prints it (<c>phone:+13474602546</c>,
    /// <c>url:http://x.org/a</c>, <c>email:a@b.c</c>) holds characters the query syntax reads as
    /// operators; outside quotes, the value after a selector field is quoted (unless it is a
    /// wildcard). Returns the query and where quotes were inserted, so errors point into what was typed.
    /// </summary>
    private static (string Query, List<int> InsertedAt) QuoteSelectorValues(string query)
    {
        var builder = new StringBuilder(query.Length + 8);
        var inserted = new List<int>();
        var inQuotes = false;
        for (var index = 0; index < query.Length; index++)
        {
            var c = query[index];
            if (c == '\\' && index + 1 < query.Length)
            {
                builder.Append(c).Append(query[++index]);
                continue;
            }

            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && char.IsAsciiLetter(c) && (index == 0 || query[index - 1] is ' ' or '(' or '+' or '-' or '\t'))
            {
                var colon = index;
                while (colon < query.Length && (char.IsAsciiLetterOrDigit(query[colon]) || query[colon] == '_'))
                {
                    colon++;
                }

                var name = query[index..colon];
                var valueEnd = colon + 1;
                while (valueEnd < query.Length && !char.IsWhiteSpace(query[valueEnd]) && query[valueEnd] is not ('"' or '(' or ')'))
                {
                    valueEnd++;
                }

                var value = colon + 1 < query.Length ? query[(colon + 1)..valueEnd] : "";
                if (colon < query.Length && query[colon] == ':' && value.Length > 0 && value[0] is not ('[' or '{')
                    && (SelectorTypes.All.Contains(name, StringComparer.OrdinalIgnoreCase) || name.Equals(IndexFields.Selector, StringComparison.OrdinalIgnoreCase))
                    && value.IndexOfAny(['*', '?']) < 0)
                {
                    builder.Append(query, index, colon + 1 - index).Append('"').Append(value).Append('"');
                    inserted.Add(colon + 1);
                    inserted.Add(valueEnd);
                    index = valueEnd - 1;
                    continue;
                }
            }

            builder.Append(c);
        }

        return (builder.ToString(), inserted);
    }

    /// <summary>The fields a query may name, in order: the fixed ones, selector types, then the case's own.</summary>
    public IReadOnlyList<string> KnownFields => knownFields.Values.ToList();

    private static bool IsSearchable(string indexField) => indexField is not (IndexFields.Id or IndexFields.PostedAtSort) && !indexField.StartsWith('_');

    /// <summary>A field as typed (<c>Author</c>, <c>AUTHOR</c>) as the index names it; a field the case does not have is an error listing those it has.</summary>
    private string? KnownField(string? field)
    {
        if (field is null)
        {
            return null;
        }

        if (knownFields.TryGetValue(field, out var known))
        {
            return known;
        }

        var fixedAndTypes = FixedFields.Concat(SelectorTypes.All).ToHashSet(StringComparer.Ordinal);
        var own = knownFields.Values.Where(name => !fixedAndTypes.Contains(name)).Order(StringComparer.Ordinal).ToList();
        throw new SearchQueryException(
            $"there is no field '{field}' in this case; search one of {string.Join(", ", FixedFields)}, a selector type ({string.Join(", ", SelectorTypes.All)})"
            + (own.Count > 0 ? $" or the case's own fields ({string.Join(", ", own)})" : "")
            + $", or write {field}\\:… to search the words themselves");
    }

    protected override Query GetFieldQuery(string field, string queryText, bool quoted)
    {
        field = KnownField(field)!;
        if (field == IndexFields.PostedAt)
        {
            return DateQuery(queryText, queryText, true, true);
        }

        if (field is not null && IndexFields.NumericFacts.Contains(field))
        {
            return NumberQuery(field, queryText, queryText, true, true);
        }

        if (field is IndexFields.ShipsFrom or IndexFields.ShipsTo && RouteQuery(field, queryText) is { } route)
        {
            return route;
        }

        if (SelectorQuery(field, queryText) is { } selector)
        {
            return selector;
        }

        if (lexicon is not null && (field is null || field is IndexFields.Title or IndexFields.Text))
        {
            var variants = lexicon.Expand(queryText);
            if (variants.Count > 1)
            {
                var expansion = new BooleanQuery(disableCoord: true);
                var typed = SlangLexicon.Normalize(queryText);
                foreach (var variant in variants)
                {
                    var part = variant != typed && lexicon.NeedsContext(variant)
                        ? NearDrugContext(field, variant)
                        : base.GetFieldQuery(field!, variant, variant.Contains(' ', StringComparison.Ordinal));
                    if (part is not null)
                    {
                        expansion.Add(part, Occur.SHOULD);
                        expansionParts.Add((variant, part));
                    }

                    if (!expandedTerms.Contains(variant))
                    {
                        expandedTerms.Add(variant);
                    }
                }

                return expansion;
            }
        }

        return base.GetFieldQuery(field!, queryText, quoted);
    }

    /// <summary>How many positions may separate an ambiguous street name from the drug context that confirms it.</summary>
    public const int ContextSlop = 6;

    /// <summary>
    /// An ambiguous street name (crack, coca, bars) only within <see cref="ContextSlop"/> words of
    /// drug context, either side: a context word of the lexicon or a quantity with a unit (5g, 100mg).
    /// A span query, so the index answers it: "cracked software" and "Coca-Cola" do not match.
    /// </summary>
    private BooleanQuery NearDrugContext(string? field, string variant)
    {
        var fields = field is null ? DefaultFields : [field];
        var query = new BooleanQuery(disableCoord: true);
        foreach (var name in fields)
        {
            var words = variant.Split(' ');
            SpanQuery term = words.Length == 1
                ? new SpanTermQuery(new Term(name, words[0]))
                : new SpanNearQuery([.. words.Select(word => (SpanQuery)new SpanTermQuery(new Term(name, word)))], 0, true);
            var context = new SpanOrQuery([
                .. lexicon!.ContextTerms.Select(word => (SpanQuery)new SpanTermQuery(new Term(name, word))),
                new SpanMultiTermQueryWrapper<RegexpQuery>(new RegexpQuery(new Term(name, QuantityPattern))),
            ]);
            var near = new SpanNearQuery([term, context], ContextSlop, false);
            if (Boosts.TryGetValue(name, out var boost))
            {
                near.Boost = boost;
            }

            query.Add(near, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>
    /// A number glued to a unit, as indexed (lower case): a street quantity of grams (1g to 29g, 3.5g
    /// indexes as 5g), a dose (100mg, 250ug, 10ml), ounces or a count (100x). Larger weights (200g,
    /// 1kg, 2lb) are left out: recipes and shop listings are full of them.
    /// </summary>
    private const string QuantityPattern = "([0-9]|[12][0-9])(g|gr)|[0-9]+(mg|mcg|ug|ml|oz|x)";

    /// <summary>Quoted values reach the parser here ("…"~slop); selectors and dates take them whole.</summary>
    protected override Query GetFieldQuery(string field, string queryText, int slop)
    {
        field = KnownField(field)!;
        if (field == IndexFields.PostedAt)
        {
            return DateQuery(queryText, queryText, true, true);
        }

        if (field is IndexFields.ShipsFrom or IndexFields.ShipsTo && RouteQuery(field, queryText) is { } route)
        {
            return route;
        }

        return SelectorQuery(field, queryText) ?? base.GetFieldQuery(field, queryText, slop);
    }

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
    {
        field = KnownField(field)!;
        return field == IndexFields.PostedAt ? DateQuery(part1, part2, startInclusive, endInclusive)
            : IndexFields.NumericFacts.Contains(field) ? NumberQuery(field, part1, part2, startInclusive, endInclusive)
            : base.GetRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        field = KnownField(field)!;
        return IsSelectorField(field) ? SelectorLookup(new WildcardQuery(new Term(IndexFields.Selector, $"{field}:{SelectorCase(field, termStr)}"))) : base.GetWildcardQuery(field, Fold(termStr));
    }

    protected override Query GetPrefixQuery(string field, string termStr)
    {
        field = KnownField(field)!;
        return IsSelectorField(field) ? SelectorLookup(new PrefixQuery(new Term(IndexFields.Selector, $"{field}:{SelectorCase(field, termStr)}"))) : base.GetPrefixQuery(field, Fold(termStr));
    }

    protected override Query GetRegexpQuery(string field, string termStr) => base.GetRegexpQuery(KnownField(field)!, termStr);

    private Query SelectorLookup(Query query)
    {
        UsesSelectors = true;
        return query;
    }

    private static bool IsSelectorField(string? field) => field is not null && SelectorTypes.All.Contains(field);

    /// <summary>Base58 wallets are case-sensitive; every other selector is stored in one case.</summary>
    private static string SelectorCase(string type, string partial) => type switch
    {
        SelectorTypes.Btc when !partial.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) => partial,
        SelectorTypes.Xmr => partial,
        SelectorTypes.Pgp or SelectorTypes.Threema => partial.ToUpperInvariant(),
        _ => partial.ToLowerInvariant(),
    };

    /// <summary>
    /// <c>btc:1Fs…</c>, <c>email:X@Y.org</c>, <c>phone:"+31 6 1234 5678"</c> or <c>selector:"onion:abc….onion"</c>:
    /// documents that mention the selector, whatever way it was written in them.
    /// </summary>
    private Query? SelectorQuery(string? field, string text)
    {
        string type;
        if (field == IndexFields.Selector)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ParseException($"selector:\"{text}\" needs the form type:value, e.g. selector:\"btc:bc1q…\"");
            }

            type = text[..colon].Trim().ToLowerInvariant();
            text = text[(colon + 1)..];
        }
        else if (IsSelectorField(field))
        {
            type = field!;
        }
        else
        {
            return null;
        }

        if (type == SelectorTypes.Phone && text.Trim().All(char.IsAsciiDigit) && !text.Trim().StartsWith('0'))
        {
            // The query syntax takes a leading + as an operator; a bare international number means +number.
            text = "+" + text.Trim();
        }

        var value = SelectorExtractor.Normalize(type, text, defaultRegion) ?? text;
        return SelectorLookup(new TermQuery(new Term(IndexFields.Selector, IndexTerms.Bound($"{type}:{value}"))));
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) => base.GetFuzzyQuery(KnownField(field)!, Fold(termStr), minSimilarity);

    /// <summary>
    /// A place as an analyst types it (<c>US</c>, <c>usa</c>, <c>"United States"</c>, <c>netherlands</c>,
    /// <c>europe</c>) as the ISO codes, EU or WW that routes are indexed under; null when it names no place.
    /// </summary>
    private static BooleanQuery? RouteQuery(string field, string place)
    {
        var codes = Extraction.Facts.FactsExtractor.Default.NormalizeRoute(place).Countries;
        if (codes.Count == 0)
        {
            return null;
        }

        var any = new BooleanQuery();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            any.Add(new TermQuery(new Term(field, code.ToLowerInvariant())), Occur.SHOULD);
        }

        return any;
    }

    private static NumericRangeQuery<double> NumberQuery(string field, string? from, string? to, bool startInclusive, bool endInclusive)
    {
        return NumericRangeQuery.NewDoubleRange(field, Bound(from), Bound(to), startInclusive, endInclusive);

        double? Bound(string? text)
        {
            text = text?.Trim().Trim('"');
            if (text is null or "*" or "")
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new ParseException($"{field}: '{text}' is not a number (use {field}:[5 TO 12.5] or {field}:[* TO 2], a point for decimals)");
        }
    }

    private static NumericRangeQuery<long> DateQuery(string? from, string? to, bool startInclusive, bool endInclusive)
    {
        long? lower = from is null or "*" or "" ? null : ParseDateBound(from, upper: false);
        long? upper = to is null or "*" or "" ? null : ParseDateBound(to, upper: true);
        return NumericRangeQuery.NewInt64Range(IndexFields.PostedAt, DocumentIndex.PostedAtPrecisionStep, lower, upper, startInclusive, endInclusive);
    }

    /// <summary>A date, month or year as its first or last second: "2024-06" as an upper bound is the end of June.</summary>
    private static long ParseDateBound(string text, bool upper)
    {
        text = text.Trim().Trim('"');
        string[] partial = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        for (var index = 0; index < partial.Length; index++)
        {
            if (DateTime.TryParseExact(text, partial[index], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
            {
                if (!upper)
                {
                    return new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeSeconds();
                }

                var end = index switch { 0 => start.AddYears(1), 1 => start.AddMonths(1), _ => start.AddDays(1) };
                return new DateTimeOffset(end, TimeSpan.Zero).ToUnixTimeSeconds() - 1;
            }
        }

        if (Ingest.RecordFields.TryParseDate(text, out var exact) && !long.TryParse(text, out _))
        {
            return exact.ToUnixTimeSeconds();
        }

        throw new ParseException($"posted_at: '{text}' is not a date (use 2024-03-01, 2024-03, 2024 or an ISO 8601 time in quotes)");
    }

    private static string Fold(string term)
    {
        var decomposed = term.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(character);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
