using Lantern.Storage;
using System.Globalization;

namespace Lantern.Graph;

/// <summary>One node's place in the network.</summary>
public sealed record NetworkNode(string Id, string Kind, int Degree, double Betweenness, double Closeness, double Eigenvector, double PageRank, int Community, int Component);

/// <summary>
/// How betweenness and closeness were computed: from every node (exact) or from a sample of source
/// nodes, with the bound that every normalized betweenness is within, at 95 % confidence.
/// </summary>
public sealed record PathMethod(bool Exact, int Sources, double BetweennessErrorBound);

public sealed record NetworkReport(
    IReadOnlyList<NetworkNode> Nodes,
    int NodeCount,
    int EdgeCount,
    int Components,
    int CommunityCount,
    double Modularity,
    PathMethod PathMethod,
    DateTimeOffset? Since,
    DateTimeOffset? Until);

/// <summary>Exact betweenness for every graph, or estimated from this many sources; null decides by the graph's size.</summary>
public sealed record PathOptions(bool Exact = false, int? Samples = null)
{
    /// <summary>
    /// Exact betweenness costs one BFS per node, about nodes × links steps: 2·10⁸ of them run in
    /// about ten seconds on one core (docs/BENCHMARKS.md). Larger graphs are sampled with as many
    /// sources as fit that budget, never fewer than 500.
    /// </summary>
    public const double ExactWork = 2e8;

    public const int MinimumSamples = 500;

    public int? SourcesFor(int nodes, int links)
    {
        if (Samples is < 1)
        {
            throw new BadInputException("the number of sampled sources must be at least 1");
        }

        if (Exact && Samples is not null)
        {
            throw new BadInputException("exact betweenness and a number of sampled sources exclude each other");
        }

        if (Exact)
        {
            return null;
        }

        if (Samples is { } samples)
        {
            return samples >= nodes ? null : samples;
        }

        return (double)nodes * Math.Max(1, links) <= ExactWork ? null : Math.Min(nodes, Math.Max(MinimumSamples, (int)(ExactWork / Math.Max(1, links))));
    }
}

/// <summary>
/// The network of handles linked by relationship tables (calls, transactions), optionally within a
/// time window, with every node's centralities, community and component. Links are taken
/// undirected and unweighted, as the reference implementation (networkx) takes them, so the
/// figures can be checked against it.
/// </summary>
public sealed class NetworkAnalysis(Workspace workspace)
{
    public NetworkReport Analyse(DateTimeOffset? since = null, DateTimeOffset? until = null, PathOptions? paths = null)
    {
        return Compute(Load(since, until), since, until, paths);
    }

    public static NetworkReport Compute(UndirectedGraph graph, DateTimeOffset? since = null, DateTimeOffset? until = null, PathOptions? paths = null)
    {
        var adjacency = graph.Adjacency();
        var degree = Centrality.Degree(adjacency);
        var sources = (paths ?? new PathOptions()).SourcesFor(graph.NodeCount, graph.EdgeCount);
        var shortestPaths = sources is { } k ? Centrality.SampledShortestPaths(adjacency, k) : Centrality.ShortestPaths(adjacency);
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
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT source, target FROM relations
            WHERE ($since IS NULL OR (at IS NOT NULL AND at >= $since)) AND ($until IS NULL OR (at IS NOT NULL AND at <= $until))
            ORDER BY id
            """;
        command.Parameters.AddWithValue("$since", since is { } from ? Stamp(from) : DBNull.Value);
        command.Parameters.AddWithValue("$until", until is { } to ? Stamp(to) : DBNull.Value);
        using var reader = command.ExecuteReader();
        var graph = new UndirectedGraph();
        while (reader.Read())
        {
            graph.AddEdge(reader.GetString(0), reader.GetString(1));
        }

        return graph;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
