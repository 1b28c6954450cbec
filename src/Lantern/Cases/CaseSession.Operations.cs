using Lantern.Storage;
using Lantern.Extraction;
using Lantern.Graph;
using Lantern.Search;

namespace Lantern.Cases;

/// <summary>The case's read and analysis operations, each one call through the gate.</summary>
public sealed partial class CaseSession
{
    /// <summary>
    /// A search. A query that names selectors (<c>selector:…</c>, <c>email:…</c>) is a selector
    /// look-up, with the case's justification rule; a query that cannot be read is audited as failed.
    /// </summary>
    public SearchResults Search(SearchRequest request)
    {
        using var search = OpenSearch();
        ParsedQuery parsed;
        try
        {
            parsed = search.Parse(request);
        }
        catch (SearchQueryException failure)
        {
            var failed = new { query = request.Query, error = failure.Message };
            Record(Authorize(Permission.Search, "search", failed), "search", failed, null, "failed");
            throw;
        }

        var parameters = new { query = request.Query, expand_slang = request.ExpandSlang, sort = request.Sort.ToString().ToLowerInvariant(), limit = request.Limit };
        return parsed.UsesSelectors
            ? Perform(Permission.LookupSelector, "selector.lookup", parameters, () => search.Search(parsed), results => results.Total, lookup: true)
            : Perform(Permission.Search, "search", parameters, () => search.Search(parsed), results => results.Total);
    }

    /// <summary>The metadata fields a query may name besides Lantern's own (unmapped columns and keys); needs the right to search.</summary>
    public IReadOnlyList<string> MetadataFields()
    {
        Authorize(Permission.Search, "search.fields", new { });
        using var search = OpenSearch();
        return search.MetadataFields();
    }

    /// <summary>One document with its provenance, selectors and versions, or null; the view is audited.</summary>
    public DocumentView? View(string id)
    {
        using var search = OpenSearch();
        return Perform(Permission.ViewDocument, "view", new { doc = id }, () => search.View(id), view => view is null ? 0 : 1);
    }

    /// <summary>Selectors with their spread: a selector look-up.</summary>
    public IReadOnlyList<SelectorSummary> Selectors(string? type, int minDocuments, int limit)
    {
        type = type is null ? null : SelectorTypes.Parse(type);
        using var search = OpenSearch();
        return Perform(Permission.LookupSelector, "selectors", new { type, min_docs = minDocuments, limit }, () => search.Selectors(type, minDocuments, limit),
            summaries => summaries.Count, lookup: true);
    }

    /// <summary>The handles whose documents mention a selector, and in how many as their own: a selector look-up.</summary>
    public IReadOnlyList<SelectorHandle> SelectorHandles(string type, string value) =>
        Perform(Permission.LookupSelector, "selector.handles", new { type, value }, () => new AliasAnalysis(Workspace).HandlesOf(type, value),
            handles => handles.Count, lookup: true);

    /// <summary>Alias clusters with their evidence and the supervisors' decisions on them.</summary>
    public IReadOnlyList<AliasCluster> Aliases(double minScore = 0, int hubThreshold = AliasResolver.DefaultHubThreshold) =>
        Perform(Permission.AnalyseLinks, "aliases", new { min_score = minScore, hub_threshold = hubThreshold }, () => DecidedClusters(minScore, hubThreshold),
            clusters => clusters.Count);

    /// <summary>The relays (channels and accounts reposting several actors' selectors) and the identities each carries.</summary>
    public IReadOnlyList<AliasRelay> Relays(int hubThreshold = AliasResolver.DefaultHubThreshold) =>
        Perform(Permission.AnalyseLinks, "relays", new { hub_threshold = hubThreshold }, () => new AliasAnalysis(Workspace).Relays(hubThreshold),
            relays => relays.Count);

    /// <summary>A supervisor's decision on a cluster as it is resolved now.</summary>
    public ReviewDecision Review(string clusterId, string decision, string reason)
    {
        var id = clusterId.Trim();
        var cluster = Aliases().FirstOrDefault(candidate => candidate.Id == id)
            ?? throw new NotFoundException($"no alias cluster '{id}' in this case; 'lantern aliases' lists them");
        return new Reviews(this).Decide(cluster.Id, cluster.Members, decision, reason);
    }

    /// <summary>What is linked to a handle or selector within a number of hops, with the documents behind each link.</summary>
    public IReadOnlyList<Neighbour> Links(string node, int hops, int hubThreshold = AliasResolver.DefaultHubThreshold) =>
        Links(new LinkAnalysis(Workspace, hubThreshold), node, hops);

    /// <summary>
    /// The union of the neighbourhoods around some handles or selectors (at most 50), coloured by
    /// communities and sized by PageRank computed on what is drawn; each centre's look-up is audited as "links".
    /// </summary>
    public NeighbourhoodGraph Neighbourhood(IReadOnlyList<string> centres, int hops, int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var shown = centres.Take(50).ToList();
        // One analysis for all centres: it loads the case's links once, not once per centre.
        var analysis = new LinkAnalysis(Workspace, hubThreshold);
        return Graph.Neighbourhood.Build(shown, shown.SelectMany(centre => Links(analysis, centre, hops)).ToList());
    }

    /// <summary>The shortest chain of evidence between two handles or selectors.</summary>
    public PathResult Path(string from, string to, int hubThreshold = AliasResolver.DefaultHubThreshold) =>
        Perform(Permission.AnalyseLinks, "path", new { from, to }, () => new LinkAnalysis(Workspace, hubThreshold).Path(from, to), result => result.Hops.Count);

    /// <summary>The relationship-table network with every node's centralities, community and component.</summary>
    public NetworkReport Network(DateTimeOffset? since = null, DateTimeOffset? until = null, PathOptions? paths = null, CancellationToken cancellation = default)
    {
        paths ??= new PathOptions();
        return Perform(Permission.AnalyseLinks, "network", new { since, until, exact = paths.Exact, samples = paths.Samples },
            () => new NetworkAnalysis(Workspace).Analyse(since, until, paths, cancellation), report => report.NodeCount);
    }

    /// <summary>
    /// Exports the entity graph, watermarked with the case, the legal basis, the member and the
    /// export's audit entry; needs a justification. Returns the files written.
    /// </summary>
    public IReadOnlyList<string> Export(string format, string output)
    {
        format = GraphExport.CheckDestination(format, output);
        var parameters = new { format, output = System.IO.Path.GetFullPath(output) };
        var role = Authorize(Permission.Export, "export", parameters, justificationRequired: true);
        var graph = EntityGraph.Build(Workspace, DecidedClusters(0, AliasResolver.DefaultHubThreshold));
        var entry = Record(role, "export", new { format, output = parameters.output, nodes = graph.Nodes.Count, links = graph.Links.Count }, graph.Links.Count);
        var info = Workspace.Case;
        return GraphExport.Write(graph, new ExportWatermark(info.Id, info.Title, info.LegalBasis, User, entry.At, entry.Seq), format, output);
    }

    /// <summary>Re-runs selector extraction on documents extracted by an older extractor (or all); returns how many.</summary>
    public int Reextract(bool all, Action<int>? onProgress = null, CancellationToken cancellation = default) =>
        Perform(Permission.Ingest, "reextract", new { all }, () => Reextraction.Run(Workspace, User, all, onProgress, cancellation), count => count,
            recordedParameters: _ => new { all, extractor_version = SelectorExtractor.Version });

    /// <summary>Whether the index is readable and level with the database.</summary>
    public IndexCheck CheckIndex() =>
        Perform(Permission.Search, "index.check", new { }, () => IndexMaintenance.Check(Workspace), check => check.IndexedDocuments,
            recordedParameters: check => new { healthy = check.Healthy, problem = check.Problem });

    /// <summary>Builds the index again from every stored document, holding the write lock; returns how many were indexed.</summary>
    public long RebuildIndex(Action<long>? onProgress = null) =>
        Perform(Permission.Ingest, "index.rebuild", new { }, () => IndexMaintenance.Rebuild(Workspace, User, onProgress), count => count);

    /// <summary>
    /// Scores the case's stored mentions against a ground truth (<c>lantern eval extraction</c>):
    /// reading every mention needs the right to search, and the run is audited with what
    /// <paramref name="recorded"/> says of the score.
    /// </summary>
    public TScore ScoreExtraction<TScore>(string groundTruth, Func<IEnumerable<(string Site, string? SourceId, Mention Mention)>, TScore> score,
        Func<TScore, object> recorded, Func<TScore, long?> resultCount) =>
        Perform(Permission.Search, "eval.extraction", new { truth = groundTruth }, () => score(Workspace.Mentions.All()), resultCount,
            recordedParameters: result => recorded(result));

    private IReadOnlyList<Neighbour> Links(LinkAnalysis analysis, string node, int hops) =>
        Perform(Permission.AnalyseLinks, "links", new { node, hops }, () => analysis.Links(node, hops), found => found.Count);

    private List<AliasCluster> DecidedClusters(double minScore, int hubThreshold)
    {
        var decisions = new Reviews(this).All();
        return new AliasAnalysis(Workspace).Clusters(minScore, hubThreshold)
            .Select(cluster => decisions.TryGetValue(cluster.Id, out var decision)
                ? cluster with { Status = decision.Decision, DecidedBy = decision.DecidedBy, DecisionReason = decision.Reason }
                : cluster)
            .ToList();
    }

    private SearchService OpenSearch() => new(Workspace, User, Shared?.Readers, Shared is null ? null : Shared.CatchUpInBackground);
}
