namespace Lantern.Graph;

/// <summary>
/// A simple undirected graph over string node ids, stored as sorted adjacency arrays of indices:
/// the form every algorithm here works on. Parallel edges merge (weights add); self-loops are dropped.
/// </summary>
internal sealed class UndirectedGraph
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private readonly List<Dictionary<int, double>> edges = [];

    public int NodeCount => ids.Count;

    public int EdgeCount => edges.Sum(neighbours => neighbours.Count) / 2;

    public IReadOnlyList<string> Ids => ids;

    public int Node(string id)
    {
        if (!index.TryGetValue(id, out var node))
        {
            node = ids.Count;
            index[id] = node;
            ids.Add(id);
            edges.Add([]);
        }

        return node;
    }

    public void AddEdge(string from, string to, double weight = 1)
    {
        var a = Node(from);
        var b = Node(to);
        if (a == b)
        {
            return;
        }

        edges[a][b] = edges[a].GetValueOrDefault(b) + weight;
        edges[b][a] = edges[b].GetValueOrDefault(a) + weight;
    }

    public int? Find(string id) => index.TryGetValue(id, out var node) ? node : null;

    /// <summary>Neighbours of each node, ascending, for cache-friendly traversal.</summary>
    public int[][] Adjacency() => edges.Select(neighbours => neighbours.Keys.Order().ToArray()).ToArray();

    public double Weight(int a, int b) => edges[a].GetValueOrDefault(b);
}
