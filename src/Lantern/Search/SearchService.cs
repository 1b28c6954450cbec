using Lantern.Cases;
using Lantern.Extraction;
using Lantern.Storage;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;

namespace Lantern.Search;

public enum SearchSort
{
    Relevance,
    Date,
}

public sealed record SearchRequest(string Query, int Limit = 10, bool ExpandSlang = false, SearchSort Sort = SearchSort.Relevance);

public sealed record SearchHit(
    string Doc,
    string Site,
    string? SourceId,
    string? Author,
    string? Title,
    DateTimeOffset? PostedAt,
    float Score,
    string Snippet,
    string Kind);

public sealed record SearchResults(long Total, IReadOnlyList<string> ExpandedTerms, IReadOnlyList<SearchHit> Hits);

/// <summary>A document as an analyst views it: the stored document, its selectors and the candidates that failed validation.</summary>
public sealed record DocumentView(StoredDocument Document, IReadOnlyList<Mention> Mentions, IReadOnlyList<RejectedCandidate> Rejected);

/// <summary>A query the parser could not read; the message says where and why.</summary>
public sealed class SearchQueryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs queries against a workspace: Lucene finds and ranks, SQLite supplies the documents, and
/// the highlighter marks matches in snippets with <c>&lt;mark&gt;…&lt;/mark&gt;</c>.
/// </summary>
public sealed class SearchService : IDisposable
{
    public const string MarkStart = "<mark>";
    public const string MarkEnd = "</mark>";
    private const int SnippetLength = 180;

    private readonly CaseSession session;
    private readonly DocumentStore store;
    private readonly MentionStore mentions;
    private readonly Lucene.Net.Store.Directory directory;
    private readonly DirectoryReader? reader;
    private readonly LanternAnalyzer analyzer = new();
    private readonly string? region;

    public SearchService(CaseSession session)
    {
        this.session = session;
        var workspace = session.Workspace;
        region = workspace.Case.Region;
        mentions = new MentionStore(workspace.Connection);
        store = new DocumentStore(workspace.Connection);
        directory = FSDirectory.Open(workspace.IndexPath);
        CatchUpIfIdle(workspace);
        reader = DirectoryReader.IndexExists(directory) ? DirectoryReader.Open(directory) : null;
    }

    public SearchResults Search(SearchRequest request)
    {
        var parser = new LanternQueryParser(analyzer, request.ExpandSlang ? SlangLexicon.Default : null, region);
        Query query;
        try
        {
            query = parser.ParseQuery(request.Query);
        }
        catch (ParseException exception)
        {
            throw new SearchQueryException($"cannot read the query '{request.Query}': {exception.Message.Split('\n')[0]}", exception);
        }

        var parameters = new { query = request.Query, expand_slang = request.ExpandSlang, sort = request.Sort.ToString().ToLowerInvariant(), limit = request.Limit };
        var role = parser.UsesSelectors
            ? session.Authorize(Permission.LookupSelector, "selector.lookup", parameters, session.Workspace.Case.RequireReasonForLookups)
            : session.Authorize(Permission.Search, "search", parameters);
        var results = Run(query, parser, request);
        session.Record(role, parser.UsesSelectors ? "selector.lookup" : "search", parameters, results.Total);
        return results;
    }

    /// <summary>One document with its provenance and selectors; the view is audited.</summary>
    public DocumentView? View(string id)
    {
        var role = session.Authorize(Permission.ViewDocument, "view", new { doc = id });
        var document = store.Get(id);
        session.Record(role, "view", new { doc = id }, document is null ? 0 : 1);
        return document is null ? null : new DocumentView(document, mentions.ForDocument(document.RowId), mentions.RejectedForDocument(document.RowId));
    }

    /// <summary>Selectors with their spread; a selector look-up, audited (with the justification when the case requires one).</summary>
    public IReadOnlyList<SelectorSummary> Selectors(string? type, int minDocuments, int limit)
    {
        var parameters = new { type, min_docs = minDocuments, limit };
        var role = session.Authorize(Permission.LookupSelector, "selectors", parameters, session.Workspace.Case.RequireReasonForLookups);
        var summaries = mentions.Summaries(type, minDocuments, limit);
        session.Record(role, "selectors", parameters, summaries.Count);
        return summaries;
    }

    private SearchResults Run(Query query, LanternQueryParser parser, SearchRequest request)
    {
        if (reader is null)
        {
            return new SearchResults(0, parser.ExpandedTerms, []);
        }

        var searcher = new IndexSearcher(reader);
        var limit = Math.Max(1, request.Limit);
        var top = request.Sort == SearchSort.Date
            ? searcher.Search(query, null, limit, new Sort(new SortField(IndexFields.PostedAtSort, SortFieldType.INT64, true), SortField.FIELD_SCORE), true, false)
            : searcher.Search(query, limit);
        var ids = top.ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(IndexFields.Id)).ToList();
        var documents = store.GetMany(ids).ToDictionary(document => document.Id);
        var scorer = new QueryScorer(query.Rewrite(reader), IndexFields.Text);
        var highlighter = new Highlighter(new SimpleHTMLFormatter(MarkStart, MarkEnd), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetLength),
            MaxDocCharsToAnalyze = 2_000_000,
        };

        var hits = new List<SearchHit>(ids.Count);
        for (var index = 0; index < ids.Count; index++)
        {
            if (!documents.TryGetValue(ids[index], out var document))
            {
                continue;
            }

            hits.Add(new SearchHit(
                document.Id, document.Site, document.SourceId, document.Author, document.Title, document.PostedAt,
                float.IsNaN(top.ScoreDocs[index].Score) ? 0 : top.ScoreDocs[index].Score,
                Snippet(highlighter, document.Text), document.Kind));
        }

        return new SearchResults(top.TotalHits, parser.ExpandedTerms, hits);
    }

    private string Snippet(Highlighter highlighter, string text)
    {
        var fragments = highlighter.GetBestFragments(analyzer, IndexFields.Text, text, 2);
        if (fragments.Length > 0)
        {
            return string.Join(" … ", fragments.Select(fragment => fragment.Replace('\n', ' ').Trim()));
        }

        var flat = text.Replace('\n', ' ');
        return flat.Length <= SnippetLength ? flat : flat[..SnippetLength].TrimEnd() + "…";
    }

    /// <summary>Brings the index level with SQLite when no ingest is running, so a search after an interrupted ingest sees everything stored.</summary>
    private void CatchUpIfIdle(Workspace workspace)
    {
        if (DocumentIndex.ReadLastRowId(directory) >= store.MaxRowId())
        {
            return;
        }

        try
        {
            using var index = DocumentIndex.OpenWriter(workspace.IndexPath);
            index.CatchUp(store, mentions);
        }
        catch (LockObtainFailedException)
        {
            // An ingest is writing now and will commit what it stores; search what is committed.
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }
}
