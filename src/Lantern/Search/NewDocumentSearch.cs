using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace Lantern.Search;

/// <summary>A watched query run over one ingest's documents: the ids that matched, or why the query could not run.</summary>
internal sealed record NewDocumentMatches(long Key, IReadOnlyList<string> DocumentIds, string? Problem);

/// <summary>
/// Runs watched queries over the documents an ingest stored (rows after a point), through the index the
/// ingest is writing: one search per query, held to those rows by a range on <see cref="IndexFields.Row"/>
/// that is built once and shared by every query.
/// </summary>
internal static class NewDocumentSearch
{
    /// <summary>Each query's matches among the rows after its own starting row (a watch sees only documents stored after it was added).</summary>
    public static IReadOnlyList<NewDocumentMatches> Run(DocumentIndex index, IReadOnlyList<(long Key, string Query, long AfterRow)> queries, string? region)
    {
        if (queries.Count == 0)
        {
            return [];
        }

        using var reader = index.OpenReader();
        using var analyzer = new LanternAnalyzer();
        var searcher = new IndexSearcher(reader);
        var fields = MultiFields.GetMergedFieldInfos(reader).Where(info => info.IsIndexed).Select(info => info.Name).ToList();
        var filters = new Dictionary<long, Filter>();
        var results = new List<NewDocumentMatches>(queries.Count);
        foreach (var (key, text, afterRow) in queries)
        {
            Query query;
            try
            {
                query = new LanternQueryParser(analyzer, null, region, fields).ParseQuery(text);
            }
            catch (Exception exception) when (exception is ParseException or BadInputException)
            {
                results.Add(new NewDocumentMatches(key, [], exception.Message.Split('\n')[0]));
                continue;
            }

            var collector = new IdCollector();
            if (!filters.TryGetValue(afterRow, out var newRows))
            {
                newRows = new CachingWrapperFilter(NumericRangeFilter.NewInt64Range(IndexFields.Row, DocumentIndex.RowPrecisionStep, afterRow + 1, null, true, true));
                filters.Add(afterRow, newRows);
            }

            searcher.Search(query, newRows, collector);
            results.Add(new NewDocumentMatches(key, collector.Ids, null));
        }

        return results;
    }

    /// <summary>Collects the stored id of every matching document, unranked: a watch wants all of them.</summary>
    private sealed class IdCollector : ICollector
    {
        private AtomicReader? segment;

        public List<string> Ids { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        // Scores are not wanted: every match counts the same.
        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => segment = context.AtomicReader;

        public void Collect(int doc) => Ids.Add(segment!.Document(doc).Get(IndexFields.Id, CultureInfo.InvariantCulture));
    }
}
