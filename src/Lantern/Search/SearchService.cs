using Lantern.Cases;
using Lantern.Graph;
using Lantern.Extraction;
using Lantern.Storage;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;

namespace Lantern.Search;

/// <summary>A query the parser could not read; the message says where and why.</summary>
/// <summary>A query read and ready to run, and whether it looks up selectors (which the case may require a justification for).</summary>
internal sealed record ParsedQuery(SearchRequest Request, Query Query, LanternQueryParser Parser)
{
    public bool UsesSelectors => Parser.UsesSelectors;
}

internal sealed class SearchQueryException(string message, Exception? inner = null) : BadInputException(message, inner);

/// <summary>
/// Runs queries against a workspace: Lucene finds and ranks, SQLite supplies the documents, and
/// the highlighter marks matches in snippets with <c>&lt;mark&gt;…&lt;/mark&gt;</c>. Searching never
/// writes the index: it reads the latest commit, and says how many stored documents that commit
/// does not reach yet.
/// </summary>
internal sealed class SearchService : IDisposable
{
    private const int SnippetLength = 180;

    /// <summary>How many of the best matches facets are counted over.</summary>
    public const int FacetDepth = 5_000;

    private const int FacetValues = 15;

    private readonly Workspace workspace;
    private readonly string user;
    private readonly DocumentStore store;
    private readonly MentionStore mentions;
    private readonly Lazy<IndexReaders> readers;
    private readonly bool ownsReaders;
    private readonly Action? onBehind;
    private readonly LanternAnalyzer analyzer = new();
    private readonly string? region;

    /// <param name="workspace">The workspace searched; nothing here checks rights: <c>CaseSession</c> does, before any call.</param>
    /// <param name="user">Who searches, named as the holder of the write lock if the search catches the index up.</param>
    /// <param name="sharedReaders">
    /// The process's long-lived reader (a server's); without one the service opens its own over the
    /// latest commit when first used, first indexing what an interrupted ingest left behind if no process is writing.
    /// </param>
    /// <param name="onBehind">Told when a search finds stored documents its commit does not reach (a server catches up in the background when no one writes).</param>
    public SearchService(Workspace workspace, string user, IndexReaders? sharedReaders = null, Action? onBehind = null)
    {
        this.onBehind = onBehind;
        this.workspace = workspace;
        this.user = user;
        region = workspace.Case.Region;
        mentions = workspace.Mentions;
        store = workspace.Documents;
        ownsReaders = sharedReaders is null;
        readers = sharedReaders is null
            ? new Lazy<IndexReaders>(() =>
            {
                CatchUpIfWriterIdle(this.workspace, this.user);
                return new IndexReaders(this.workspace.IndexPath, TimeSpan.Zero);
            })
            : new Lazy<IndexReaders>(sharedReaders);
    }

    /// <summary>
    /// Indexes what SQLite holds beyond the index's last commit (left by an interrupted ingest), but
    /// only if the write lock is free at once: a running writer indexes it itself. True when the
    /// index is level with the database afterwards.
    /// </summary>
    public static bool CatchUpIfWriterIdle(Workspace workspace, string user)
    {
        var store = workspace.Documents;
        try
        {
            using (var directory = FSDirectory.Open(workspace.IndexPath))
            {
                if (DocumentIndex.ReadCommitMark(directory).LastRowId >= store.MaxRowId())
                {
                    return true;
                }
            }

            using var writeLock = WriteLock.TryAcquire(workspace.Root, "index catch-up", user);
            if (writeLock is null)
            {
                return false;
            }

            using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
            index.CatchUp(store, workspace.Mentions);
            return true;
        }
        catch (IOException exception)
        {
            throw IndexDamagedException.For(workspace.IndexPath, exception);
        }
    }

    /// <summary>Reads a query; a query that cannot be read throws <see cref="SearchQueryException"/> saying what to change.</summary>
    public ParsedQuery Parse(SearchRequest request)
    {
        var parser = new LanternQueryParser(analyzer, request.ExpandSlang ? SlangLexicon.Default : null, region, IndexedFields());
        try
        {
            return new ParsedQuery(request, parser.ParseQuery(request.Query), parser);
        }
        catch (Exception exception) when (exception is ParseException or SearchQueryException)
        {
            throw exception as SearchQueryException ?? new SearchQueryException(exception.Message.Split('\n')[0], exception);
        }
    }

    public SearchResults Search(ParsedQuery parsed) => Run(parsed.Query, parsed.Parser, parsed.Request);

    /// <summary>The indexed field names the index holds, read from its segments, so metadata columns are searchable by name.</summary>
    private List<string> IndexedFields()
    {
        using var lease = readers.Value.Acquire();
        return lease.Searcher is { } searcher ? MultiFields.GetMergedFieldInfos(searcher.IndexReader).Where(info => info.IsIndexed).Select(info => info.Name).ToList() : [];
    }

    /// <summary>
    /// The metadata fields the index holds (unmapped columns and keys, as <see cref="IndexFields.ForMetadata"/>
    /// names them), sorted: what a query may name besides the fields of our own.
    /// </summary>
    public IReadOnlyList<string> MetadataFields() =>
        IndexedFields().Where(field => !IndexFields.Core.Contains(field)).Order(StringComparer.Ordinal).ToList();

    /// <summary>One document with its provenance, selectors and versions.</summary>
    public DocumentView? View(string id)
    {
        var document = store.Get(id);
        return document is null ? null : new DocumentView(document, mentions.ForDocument(document.RowId), mentions.RejectedForDocument(document.RowId))
        {
            Versions = VersionsOf(document),
            Facts = store.Facts(document.RowId),
        };
    }

    private List<DocumentVersion> VersionsOf(Document document)
    {
        var versions = new List<DocumentVersion>();
        Document? previous = null;
        foreach (var version in store.Versions(document.Listing))
        {
            var provenance = version.Provenance!;
            versions.Add(new DocumentVersion(version.Id, version.PostedAt, provenance.IngestedAt, provenance.SourcePath, provenance.Line, provenance.Record, version.ContentSha256,
                previous is null ? [] : Changes(previous, version)));
            previous = version;
        }

        return versions;
    }

    /// <summary>The fields and metadata keys whose values differ between two versions.</summary>
    private static List<string> Changes(Document before, Document after)
    {
        var changed = new List<string>();
        void Compare(string name, string? left, string? right)
        {
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                changed.Add(name);
            }
        }

        Compare("author", before.Author, after.Author);
        Compare("title", before.Title, after.Title);
        Compare("text", before.Text, after.Text);
        Compare("posted_at", before.PostedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), after.PostedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var keys = (before.Metadata?.Keys ?? []).Union(after.Metadata?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            Compare(key, before.Metadata?.GetValueOrDefault(key), after.Metadata?.GetValueOrDefault(key));
        }

        return changed;
    }

    /// <summary>Selectors with their spread.</summary>
    public IReadOnlyList<SelectorSummary> Selectors(string? type, int minDocuments, int limit) =>
        mentions.Summaries(type is null ? null : SelectorTypes.Parse(type), minDocuments, limit);

    private SearchResults Run(Query query, LanternQueryParser parser, SearchRequest request)
    {
        using var lease = readers.Value.Acquire();
        try
        {
            var results = Run(query, parser, request, lease) with { NotYetSearchable = store.CountAfter(lease.LastRowId) };
            if (results.NotYetSearchable > 0)
            {
                onBehind?.Invoke();
            }

            return results;
        }
        catch (IOException exception)
        {
            throw IndexDamagedException.For(workspace.IndexPath, exception);
        }
    }

    /// <summary>
    /// The expanded terms each shown document matches: each term's own query, held to the shown
    /// documents, so a term costs one search however many hits there are (a term that needs drug
    /// context is a span query over many words, and dear to set up).
    /// </summary>
    private static Dictionary<string, List<string>> MatchedTerms(IndexSearcher searcher, LanternQueryParser parser, Dictionary<string, Document>.KeyCollection ids)
    {
        var matched = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        if (parser.ExpansionParts.Count == 0 || ids.Count == 0)
        {
            return matched;
        }

        var shown = new BooleanQuery();
        foreach (var id in ids)
        {
            shown.Add(new TermQuery(new Term(IndexFields.Id, id)), Occur.SHOULD);
        }

        foreach (var (term, part) in parser.ExpansionParts)
        {
            var among = new BooleanQuery { { shown, Occur.MUST }, { part, Occur.MUST } };
            foreach (var hit in searcher.Search(among, ids.Count).ScoreDocs)
            {
                if (matched.TryGetValue(searcher.Doc(hit.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture), out var terms) && !terms.Contains(term))
                {
                    terms.Add(term);
                }
            }
        }

        return matched;
    }

    private SearchResults Run(Query query, LanternQueryParser parser, SearchRequest request, IndexLease lease)
    {
        if (lease.Searcher is not { } searcher)
        {
            return new SearchResults(0, parser.ExpandedTerms, []);
        }

        var reader = searcher.IndexReader;
        var limit = Math.Max(1, request.Limit);
        TopDocs Top(int depth) => request.Sort == SearchSort.Date
            ? searcher.Search(query, null, depth, new Sort(new SortField(IndexFields.PostedAtSort, SortFieldType.INT64, true), SortField.FIELD_SCORE), true, false)
            : searcher.Search(query, depth);
        var (top, groups) = request.AllVersions ? AllVersions(searcher, Top(limit)) : Collapsed(searcher, Top, limit);
        var matched = store.GetMany(groups.SelectMany(group => group.Ids).ToList()).ToDictionary(document => document.Id);
        var versionCounts = request.AllVersions ? null : store.VersionCounts(groups.Select(group => group.Listing).ToHashSet(StringComparer.Ordinal));

        // A listing shows its newest matching version; the rank and score are its best match's.
        var ids = new List<string>(groups.Count);
        var scores = new List<float>(groups.Count);
        foreach (var group in groups)
        {
            var newest = group.Ids.Where(matched.ContainsKey).Select(id => matched[id])
                .OrderByDescending(document => document.PostedAt ?? DateTimeOffset.MinValue).ThenByDescending(document => document.RowId).FirstOrDefault();
            if (newest is not null)
            {
                ids.Add(newest.Id);
                scores.Add(group.Score);
            }
        }

        var documents = ids.ToDictionary(id => id, id => matched[id]);
        var scorer = new QueryScorer(query.Rewrite(reader), IndexFields.Text);
        var highlighter = new Highlighter(new SimpleHTMLFormatter(SearchHit.MarkStart, SearchHit.MarkEnd), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetLength),
            MaxDocCharsToAnalyze = 2_000_000,
        };

        var matchedTerms = MatchedTerms(searcher, parser, documents.Keys);
        var hits = new List<SearchHit>(ids.Count);
        for (var index = 0; index < ids.Count; index++)
        {
            if (!documents.TryGetValue(ids[index], out var document))
            {
                continue;
            }

            hits.Add(new SearchHit(
                document.Id, document.Site, document.SourceId, document.Author, document.Title, document.PostedAt,
                float.IsNaN(scores[index]) ? 0 : scores[index],
                Snippet(highlighter, document.Text), document.Kind)
            {
                Versions = versionCounts is not null && versionCounts.TryGetValue(document.Listing, out var count) ? Math.Max(1, count) : 1,
                MatchedTerms = matchedTerms[document.Id],
            });
        }

        var facets = request.Facets ? Facets(request.Sort == SearchSort.Relevance && top.TotalHits <= limit && request.AllVersions ? ids : TopIds(searcher, query)) : null;
        return new SearchResults(top.TotalHits, parser.ExpandedTerms, hits, facets);
    }

    /// <summary>A listing among the matches: the matching versions' ids, best first, and the best score.</summary>
    private sealed record ListingMatch(string Listing, List<string> Ids, float Score);

    /// <summary>How deep collapsing looks for enough distinct listings before it settles for fewer.</summary>
    private const int MaxCollapseDepth = 20_000;

    private static (TopDocs Top, List<ListingMatch> Groups) AllVersions(IndexSearcher searcher, TopDocs top) =>
        (top, top.ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture)).Select((id, index) => new ListingMatch(id, [id], top.ScoreDocs[index].Score)).ToList());

    /// <summary>
    /// The best <paramref name="limit"/> listings: matches are read in rank order, each joining its
    /// listing's group, and the search goes deeper until enough listings are found or none are left.
    /// </summary>
    private static (TopDocs Top, List<ListingMatch> Groups) Collapsed(IndexSearcher searcher, Func<int, TopDocs> search, int limit)
    {
        var fields = new HashSet<string> { IndexFields.Id, IndexFields.Listing };
        for (var depth = Math.Max(limit * 4, 50); ; depth *= 4)
        {
            var top = search(depth);
            var groups = new Dictionary<string, ListingMatch>(StringComparer.Ordinal);
            var order = new List<ListingMatch>();
            foreach (var hit in top.ScoreDocs)
            {
                var stored = searcher.Doc(hit.Doc, fields);
                var id = stored.Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture);
                var listing = stored.Get(IndexFields.Listing, System.Globalization.CultureInfo.InvariantCulture) ?? id;
                if (groups.TryGetValue(listing, out var group))
                {
                    group.Ids.Add(id);
                }
                else if (order.Count < limit)
                {
                    group = new ListingMatch(listing, [id], hit.Score);
                    groups[listing] = group;
                    order.Add(group);
                }
            }

            if (order.Count >= limit || top.ScoreDocs.Length >= top.TotalHits || depth >= MaxCollapseDepth)
            {
                return (top, order);
            }
        }
    }

    private static List<string> TopIds(IndexSearcher searcher, Query query) =>
        searcher.Search(query, FacetDepth).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(IndexFields.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private SearchFacets Facets(List<string> ids) => workspace.Documents.Facets(ids, FacetValues);

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

    public void Dispose()
    {
        if (ownsReaders && readers.IsValueCreated)
        {
            readers.Value.Dispose();
        }

        analyzer.Dispose();
    }
}
