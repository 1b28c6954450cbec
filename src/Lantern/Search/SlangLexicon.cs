using System.Text.Json;
using System.Text.Json.Serialization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Lantern.Search;

/// <summary>One drug's entry: its names, street names, everyday words also used as slang, and emoji codes.</summary>
public sealed record SlangEntry(
    [property: JsonPropertyName("drug")] string Drug,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("slang")] IReadOnlyList<string> Slang,
    [property: JsonPropertyName("ambiguous")] IReadOnlyList<string> Ambiguous,
    [property: JsonPropertyName("emoji")] IReadOnlyList<string> Emoji,
    [property: JsonPropertyName("needs_context")] IReadOnlyList<string>? NeedsContext = null);

/// <summary>
/// The versioned drug-slang lexicon (<c>Search/Lexicon/drug-slang.json</c>, with its sources).
/// Terms are compared after the same analysis as indexed text, so "Yayo", "yayo" and "ÿayo" agree
/// and ❄️ matches ❄.
/// </summary>
public sealed class SlangLexicon
{
    private static readonly LanternAnalyzer NormalizingAnalyzer = new();

    private readonly Dictionary<string, List<SlangEntry>> byTerm = new(StringComparer.Ordinal);

    private readonly HashSet<string> needsContext = new(StringComparer.Ordinal);

    private SlangLexicon(string version, IReadOnlyList<string> sources, IReadOnlyList<SlangEntry> entries, IReadOnlyList<string> context)
    {
        Version = version;
        Sources = sources;
        Entries = entries;
        foreach (var term in entries.SelectMany(entry => entry.NeedsContext ?? []))
        {
            needsContext.Add(Normalize(term));
        }

        // A term that itself needs context never confirms another (nor itself): "tabs" beside "bars" proves nothing.
        var contextTerms = new List<string>();
        foreach (var term in context.Concat(entries.SelectMany(entry => entry.Names.Concat(entry.Slang))))
        {
            var key = Normalize(term);
            if (key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal) && !needsContext.Contains(key) && !contextTerms.Contains(key))
            {
                contextTerms.Add(key);
            }
        }

        ContextTerms = contextTerms;

        foreach (var entry in entries)
        {
            foreach (var term in entry.Names.Concat(entry.Slang).Concat(entry.Ambiguous).Concat(entry.Emoji))
            {
                var key = Normalize(term);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!byTerm.TryGetValue(key, out var list))
                {
                    byTerm[key] = list = [];
                }

                if (!list.Contains(entry))
                {
                    list.Add(entry);
                }
            }
        }
    }

    public string Version { get; }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<SlangEntry> Entries { get; }

    /// <summary>
    /// Single words that make a passage about drugs: the lexicon's <c>context</c> (units, prices,
    /// doses, market vocabulary) and every drug name and street name that needs no context itself.
    /// </summary>
    public IReadOnlyList<string> ContextTerms { get; }

    /// <summary>
    /// Whether an expanded term is also an everyday word or name (crack, coca, bars, charlie) and
    /// so counts only near drug context (<see cref="ContextTerms"/>, a quantity with a unit).
    /// </summary>
    public bool NeedsContext(string normalizedTerm) => needsContext.Contains(normalizedTerm);

    public static SlangLexicon Default { get; } = LoadEmbedded();

    public static SlangLexicon Parse(string json)
    {
        var file = JsonSerializer.Deserialize<LexiconFile>(json) ?? throw new InvalidDataException("empty slang lexicon");
        return new SlangLexicon(file.Version, file.Sources, file.Drugs, file.Context ?? []);
    }

    /// <summary>
    /// The terms a query term expands to, or an empty list when it is no drug term: the drug's names,
    /// street names and emoji, plus the typed term itself (even when it is an everyday word).
    /// </summary>
    public IReadOnlyList<string> Expand(string term)
    {
        var key = Normalize(term);
        if (!byTerm.TryGetValue(key, out var entries))
        {
            return [];
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string value)
        {
            var normalized = Normalize(value);
            if (normalized.Length > 1 || (normalized.Length > 0 && !char.IsAsciiLetterOrDigit(normalized[0])))
            {
                if (seen.Add(normalized))
                {
                    terms.Add(normalized);
                }
            }
        }

        Add(term);
        foreach (var entry in entries)
        {
            foreach (var value in entry.Names.Concat(entry.Slang).Concat(entry.Emoji))
            {
                Add(value);
            }
        }

        return terms;
    }

    /// <summary>Analyzes a term as indexed text is analyzed, joining its tokens with spaces.</summary>
    public static string Normalize(string term)
    {
        using var stream = NormalizingAnalyzer.GetTokenStream(IndexFields.Text, term);
        var attribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var tokens = new List<string>();
        while (stream.IncrementToken())
        {
            tokens.Add(attribute.ToString());
        }

        stream.End();
        return string.Join(' ', tokens);
    }

    private static SlangLexicon LoadEmbedded()
    {
        using var stream = typeof(SlangLexicon).Assembly.GetManifestResourceStream("Lantern.Search.drug-slang.json")
            ?? throw new InvalidOperationException("the drug-slang lexicon is not embedded in the Lantern assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record LexiconFile(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
        [property: JsonPropertyName("drugs")] IReadOnlyList<SlangEntry> Drugs,
        [property: JsonPropertyName("context")] IReadOnlyList<string>? Context = null);
}
