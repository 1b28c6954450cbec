using Lantern.Storage;

namespace Lantern.Graph;

/// <summary>
/// The network of handles linked by relationship tables (calls, transactions), optionally within a
/// time window, with every node's centralities, community and component. Links are taken
/// undirected and unweighted, as the reference implementation (networkx) takes them, so the
/// figures can be checked against it.
/// </summary>
internal sealed class NetworkAnalysis(Workspace workspace)
{
    public NetworkReport Analyse(DateTimeOffset? since = null, DateTimeOffset? until = null, PathOptions? paths = null, CancellationToken cancellation = default)
    {
        return Compute(Load(since, until), since, until, paths, cancellation);
    }

    public static NetworkReport Compute(UndirectedGraph graph, DateTimeOffset? since = null, DateTimeOffset? until = null, PathOptions? paths = null, CancellationToken cancellation = default)
    {
        var adjacency = graph.Adjacency();
        var degree = Centrality.Degree(adjacency);
        var sources = (paths ?? new PathOptions()).SourcesFor(graph.NodeCount, graph.EdgeCount);
        var shortestPaths = sources is { } k ? Centrality.SampledShortestPaths(adjacency, k, cancellation: cancellation) : Centrality.ShortestPaths(adjacency, cancellation);
        var (betweenness, closeness) = (shortestPaths.Betweenness, shortestPaths.Closeness);
        var eigenvector = Centrality.Eigenvector(adjacency);
        var pagerank = Centrality.PageRank(adjacency);
        var components = Centrality.Components(adjacency);
        var communities = Louvain.Detect(adjacency);
        var nodes = Enumerable.Range(0, graph.NodeCount)
            .Select(node => new NetworkNode(graph.Ids[node], "handle", degree[node], betweenness[node], closeness[node], eigenvector[node], pagerank[node],
                communities.Membership[node], components[node]))
            .OrderByDescending(node => node.Degree).ThenByDescending(node => node.Betweenness).ThenBy(node => node.Id, StringComparer.Ordinal)
            .ToList();
        return new NetworkReport(nodes, graph.NodeCount, graph.EdgeCount, components.Length == 0 ? 0 : components.Max() + 1,
            communities.Count, communities.Modularity,
            new PathMethod(shortestPaths.Sources == graph.NodeCount, shortestPaths.Sources, shortestPaths.BetweennessErrorBound), since, until);
    }

    private UndirectedGraph Load(DateTimeOffset? since, DateTimeOffset? until)
    {
        var graph = new UndirectedGraph();
        foreach (var (source, target) in workspace.Relations.Pairs(since, until))
        {
            graph.AddEdge(source, target);
        }

        return graph;
    }
}
