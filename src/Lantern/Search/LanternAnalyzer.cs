using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace Lantern.Search;

/// <summary>
/// Text fields (<c>title</c>, <c>text</c>) use <see cref="LanternTokenizer"/>; identity fields
/// (<c>site</c>, <c>author</c>, <c>kind</c>) are one token each. Both are lower-cased and folded to
/// ASCII, so search is case- and accent-insensitive.
/// </summary>
internal sealed class LanternAnalyzer() : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static readonly IReadOnlySet<string> KeywordFields = new HashSet<string>(StringComparer.Ordinal)
    {
        IndexFields.Site, IndexFields.Author, IndexFields.Kind, IndexFields.Id,
        IndexFields.Drug, IndexFields.DrugClass, IndexFields.ShipsFrom, IndexFields.ShipsTo, IndexFields.Indicator,
    };

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (fieldName == IndexFields.Selector)
        {
            var exact = new KeywordTokenizer(reader);
            return new TokenStreamComponents(exact, new BoundedTermFilter(exact));
        }

        Tokenizer tokenizer = KeywordFields.Contains(fieldName) ? new KeywordTokenizer(reader) : new LanternTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new BoundedTermFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>Names of the fields in the Lucene index.</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string Site = "site";
    public const string Author = "author";
    public const string Title = "title";
    public const string Text = "text";
    public const string Kind = "kind";
    public const string PostedAt = "posted_at";
    public const string PostedAtSort = "posted_at_sort";

    /// <summary>
    /// The document's row in the workspace (numeric, not stored), so a search can be held to the rows one
    /// ingest stored. No column name becomes it: <see cref="ForMetadata"/> never starts a name with '_'.
    /// </summary>
    public const string Row = "_row";

    /// <summary>The listing a document is a version of (stored, not analysed): search shows one hit per listing.</summary>
    public const string Listing = "listing";

    /// <summary>The document's selectors as <c>type:value</c>, exact (base58 addresses are case-sensitive).</summary>
    public const string Selector = "selector";

    /// <summary>The listing facts' drug (lower-case INN or common name), its class, routes (ISO codes, EU, WW) and indicator kinds.</summary>
    public const string Drug = "drug";
    public const string DrugClass = "class";
    public const string ShipsFrom = "ships_from";
    public const string ShipsTo = "ships_to";
    public const string Indicator = "indicator";

    /// <summary>The unit price of a listing, per g, ml or unit, in its own currency: numeric, for ranges.</summary>
    public const string PricePerGram = "price_per_g";
    public const string PricePerMillilitre = "price_per_ml";
    public const string PricePerUnit = "price_per_unit";

    public static readonly IReadOnlySet<string> NumericFacts = new HashSet<string>(StringComparer.Ordinal) { PricePerGram, PricePerMillilitre, PricePerUnit };

    /// <summary>The field a unit price per <c>g</c>, <c>ml</c> or <c>unit</c> is indexed under.</summary>
    public static string? PricePer(string per) => per switch
    {
        "g" => PricePerGram,
        "ml" => PricePerMillilitre,
        "unit" => PricePerUnit,
        _ => null,
    };

    /// <summary>Prefix for a metadata column whose name is taken by one of the fields above or by a selector type.</summary>
    public const string MetadataPrefix = "meta_";

    /// <summary>The fields Lantern itself indexes; every other indexed field is a metadata column.</summary>
    public static readonly IReadOnlySet<string> Core = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, Site, Author, Title, Text, Kind, PostedAt, PostedAtSort, Listing, Selector, Row,
        Drug, DrugClass, ShipsFrom, ShipsTo, Indicator, PricePerGram, PricePerMillilitre, PricePerUnit,
    };

    /// <summary>
    /// The field an unmapped column or key is searchable under: its name in lower case with runs of
    /// anything but letters and digits as one '_' (<c>Shipping Time</c> → <c>shipping_time</c>), prefixed
    /// with <see cref="MetadataPrefix"/> when that name is a field of ours or a selector type; null
    /// when the name has no letter or digit.
    /// </summary>
    public static string? ForMetadata(string key)
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

        var name = builder.ToString().TrimEnd('_');
        return name.Length == 0 ? null
            : Core.Contains(name) || SelectorTypes.All.Contains(name) ? MetadataPrefix + name
            : name;
    }
}
