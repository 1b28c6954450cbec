namespace Lantern.Graph;

internal static class Neighbourhood
{
    /// <summary>
    /// The union of neighbourhoods (as <see cref="LinkAnalysis.Links"/> returns them) around the
    /// given centres, coloured by Louvain communities and sized by PageRank computed on this union,
    /// so an analyst who expands a node sees the picture recomputed for what is on screen.
    /// </summary>
    public static NeighbourhoodGraph Build(IEnumerable<string> centres, IEnumerable<Neighbour> neighbours)
    {
        var graph = new UndirectedGraph();
        var links = new Dictionary<(string, string), NeighbourhoodLink>();
        foreach (var centre in centres)
        {
            graph.Node(centre);
        }

        foreach (var hop in neighbours.Select(neighbour => neighbour.Hop))
        {
            graph.AddEdge(hop.From, hop.To);
            var key = string.CompareOrdinal(hop.From, hop.To) < 0 ? (hop.From, hop.To) : (hop.To, hop.From);
            links.TryAdd(key, new NeighbourhoodLink(key.Item1, key.Item2, hop.Via, hop.Docs));
        }

        // A handle that reaches selectors as a relay (it reposts other actors' adverts) is drawn as one.
        var relays = links.Values.Where(link => link.Via == LinkAnalysis.RelayVia).SelectMany(link => new[] { link.Source, link.Target }).Where(id => !LinkAnalysis.IsSelector(id)).ToHashSet(StringComparer.Ordinal);
        var adjacency = graph.Adjacency();
        var pagerank = Centrality.PageRank(adjacency);
        var communities = Louvain.Detect(adjacency);
        var nodes = graph.Ids.Select((id, node) => new NeighbourhoodNode(id, LinkAnalysis.IsSelector(id) ? "selector" : relays.Contains(id) ? "relay" : "handle", adjacency[node].Length, pagerank[node], communities.Membership[node]))
            .ToList();
        return new NeighbourhoodGraph(nodes, links.Values.OrderBy(link => link.Source, StringComparer.Ordinal).ThenBy(link => link.Target, StringComparer.Ordinal).ToList());
    }
}
