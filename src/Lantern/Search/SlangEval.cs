using System.Text.Json;
using System.Text.Json.Serialization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Lantern.Search;

/// <summary>One labelled sentence: what it says and the drugs it is about (none when off topic).</summary>
public sealed record SlangEvalSentence(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("drugs")] IReadOnlyList<string> Drugs,
    [property: JsonPropertyName("provenance")] string? Provenance = null);

/// <summary>How one expanded term did: the sentences it matched and how many of them are about the drug.</summary>
public sealed record SlangTermScore(string Drug, string Term, bool NeedsContext, int Hits, int TrueHits)
{
    public double Precision => Hits == 0 ? 1 : (double)TrueHits / Hits;
}

/// <summary>How one drug's expanded search did over the labelled sentences.</summary>
public sealed record SlangDrugScore(string Drug, string Query, int Hits, int TrueHits, int Relevant, IReadOnlyList<string> FalseHits, IReadOnlyList<string> Missed)
{
    public double Precision => Hits == 0 ? 1 : (double)TrueHits / Hits;

    public double Recall => Relevant == 0 ? 1 : (double)TrueHits / Relevant;
}

/// <summary>The whole run: per term, per drug and overall (hits summed over every drug's search).</summary>
public sealed record SlangEvalScore(string LexiconVersion, int Sentences, IReadOnlyList<SlangDrugScore> Drugs, IReadOnlyList<SlangTermScore> Terms)
{
    public int Hits => Drugs.Sum(drug => drug.Hits);

    public int TrueHits => Drugs.Sum(drug => drug.TrueHits);

    public int Relevant => Drugs.Sum(drug => drug.Relevant);

    public double Precision => Hits == 0 ? 1 : (double)TrueHits / Hits;

    public double Recall => Relevant == 0 ? 1 : (double)TrueHits / Relevant;
}

/// <summary>
/// Measures slang expansion on labelled sentences: they are indexed in memory as document text is
/// (the product's analyzer and field), and each drug the sentences cover is searched by its first
/// name with <c>--expand-slang</c>'s parser. The default set (<c>Search/Lexicon/slang-eval.jsonl</c>)
/// is synthetic, written for Lantern: off-topic uses of every ambiguous street name beside
/// market, forum and chat sentences that use them for drugs.
/// </summary>
public static class SlangEval
{
    public static IReadOnlyList<SlangEvalSentence> DefaultSentences { get; } = LoadEmbedded();

    /// <summary>Reads JSON lines of <c>{"text":…,"drugs":[…]}</c> (a <c>{"provenance":…}</c> line says where they come from); a bad line is an error naming it.</summary>
    public static IReadOnlyList<SlangEvalSentence> Parse(string jsonl, string name)
    {
        var sentences = new List<SlangEvalSentence>();
        var number = 0;
        foreach (var line in jsonl.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SlangEvalSentence sentence;
            try
            {
                sentence = JsonSerializer.Deserialize<SlangEvalSentence>(line)
                    ?? throw new InvalidDataException($"{name}: line {number}: empty record");
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{name}: line {number}: not valid JSON ({exception.Message})", exception);
            }

            if (sentence.Provenance is not null && sentence.Text is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(sentence.Text) || sentence.Drugs is null)
            {
                throw new InvalidDataException($"{name}: line {number}: needs \"text\" and \"drugs\"");
            }

            sentences.Add(sentence);
        }

        return sentences;
    }

    public static SlangEvalScore Run(SlangLexicon lexicon, IReadOnlyList<SlangEvalSentence> sentences)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LanternAnalyzer.Version, new LanternAnalyzer())))
        {
            for (var index = 0; index < sentences.Count; index++)
            {
                writer.AddDocument(new Lucene.Net.Documents.Document
                {
                    new StringField(IndexFields.Id, index.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
                    new TextField(IndexFields.Text, sentences[index].Text, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var covered = sentences.SelectMany(sentence => sentence.Drugs).ToHashSet(StringComparer.Ordinal);
        var drugs = new List<SlangDrugScore>();
        var terms = new List<SlangTermScore>();
        foreach (var entry in lexicon.Entries.Where(entry => covered.Contains(entry.Drug)))
        {
            var query = entry.Names[0];
            var parser = new LanternQueryParser(new LanternAnalyzer(), lexicon);
            var matched = Matches(searcher, parser.ParseQuery(query), sentences.Count);
            bool About(int sentence) => sentences[sentence].Drugs.Contains(entry.Drug, StringComparer.Ordinal);
            foreach (var (term, part) in parser.ExpansionParts)
            {
                var termHits = Matches(searcher, part, sentences.Count);
                terms.Add(new SlangTermScore(entry.Drug, term, lexicon.NeedsContext(term), termHits.Count, termHits.Count(About)));
            }

            var relevant = Enumerable.Range(0, sentences.Count).Where(About).ToList();
            drugs.Add(new SlangDrugScore(entry.Drug, query, matched.Count, matched.Count(About), relevant.Count,
                [.. matched.Where(sentence => !About(sentence)).Select(sentence => sentences[sentence].Text)],
                [.. relevant.Where(sentence => !matched.Contains(sentence)).Select(sentence => sentences[sentence].Text)]));
        }

        return new SlangEvalScore(lexicon.Version, sentences.Count, drugs, terms);
    }

    private static HashSet<int> Matches(IndexSearcher searcher, Query query, int limit) =>
        [.. searcher.Search(query, Math.Max(1, limit)).ScoreDocs.Select(hit => int.Parse(searcher.Doc(hit.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture))];

    private static IReadOnlyList<SlangEvalSentence> LoadEmbedded()
    {
        using var stream = typeof(SlangEval).Assembly.GetManifestResourceStream("Lantern.Search.slang-eval.jsonl")
            ?? throw new InvalidOperationException("the slang evaluation set is not embedded in the Lantern assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "slang-eval.jsonl");
    }
}
