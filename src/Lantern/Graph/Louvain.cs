namespace Lantern.Graph;

/// <summary>A partition of the nodes into communities and its modularity.</summary>
internal sealed record Communities(int[] Membership, int Count, double Modularity);

/// <summary>
/// Louvain community detection (Blondel et al. 2008): nodes move to the neighbouring community with
/// the best modularity gain until none improves, communities are folded into single nodes, and the
/// two steps repeat on the smaller graph. Deterministic: nodes are visited in a fixed order.
/// </summary>
internal static class Louvain
{
    private sealed record WeightedGraph(List<(int Node, double Weight)>[] Neighbours, double[] SelfLoops);

    public static Communities Detect(int[][] adjacency)
    {
        var n = adjacency.Length;
        var graph = new WeightedGraph(
            adjacency.Select(neighbours => neighbours.Select(neighbour => (neighbour, 1.0)).ToList()).ToArray(),
            new double[n]);
        var membership = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            var (assignment, count, moved) = OneLevel(graph);
            for (var node = 0; node < n; node++)
            {
                membership[node] = assignment[membership[node]];
            }

            if (!moved || count == graph.Neighbours.Length)
            {
                break;
            }

            graph = Aggregate(graph, assignment, count);
        }

        var renumbered = Renumber(membership, out var communities);
        return new Communities(renumbered, communities, Modularity(adjacency, renumbered));
    }

    /// <summary>Newman's modularity of a partition of an unweighted undirected graph.</summary>
    public static double Modularity(int[][] adjacency, int[] membership)
    {
        var twiceEdges = adjacency.Sum(neighbours => (double)neighbours.Length);
        if (twiceEdges == 0)
        {
            return 0;
        }

        var communities = membership.Max() + 1;
        var inside = new double[communities];
        var total = new double[communities];
        for (var node = 0; node < adjacency.Length; node++)
        {
            total[membership[node]] += adjacency[node].Length;
            foreach (var neighbour in adjacency[node])
            {
                if (membership[neighbour] == membership[node])
                {
                    inside[membership[node]] += 1;
                }
            }
        }

        var modularity = 0.0;
        for (var community = 0; community < communities; community++)
        {
            modularity += inside[community] / twiceEdges - Math.Pow(total[community] / twiceEdges, 2);
        }

        return modularity;
    }

    private static (int[] Assignment, int Count, bool Moved) OneLevel(WeightedGraph graph)
    {
        var n = graph.Neighbours.Length;
        var degree = new double[n];
        for (var node = 0; node < n; node++)
        {
            degree[node] = graph.Neighbours[node].Sum(edge => edge.Weight) + 2 * graph.SelfLoops[node];
        }

        var twiceTotal = degree.Sum();
        var community = Enumerable.Range(0, n).ToArray();
        var total = (double[])degree.Clone();
        var weightTo = new Dictionary<int, double>();
        var movedAny = false;
        bool improved;
        do
        {
            improved = false;
            for (var node = 0; node < n; node++)
            {
                var current = community[node];
                weightTo.Clear();
                foreach (var (neighbour, weight) in graph.Neighbours[node])
                {
                    weightTo[community[neighbour]] = weightTo.GetValueOrDefault(community[neighbour]) + weight;
                }

                total[current] -= degree[node];
                var best = current;
                var bestGain = weightTo.GetValueOrDefault(current) - total[current] * degree[node] / twiceTotal;
                foreach (var (candidate, weight) in weightTo)
                {
                    var gain = weight - total[candidate] * degree[node] / twiceTotal;
                    if (gain > bestGain + 1e-12)
                    {
                        best = candidate;
                        bestGain = gain;
                    }
                }

                total[best] += degree[node];
                if (best != current)
                {
                    community[node] = best;
                    improved = true;
                    movedAny = true;
                }
            }
        }
        while (improved);

        var assignment = Renumber(community, out var count);
        return (assignment, count, movedAny);
    }

    private static WeightedGraph Aggregate(WeightedGraph graph, int[] assignment, int count)
    {
        var weights = new Dictionary<int, double>[count];
        var selfLoops = new double[count];
        for (var community = 0; community < count; community++)
        {
            weights[community] = [];
        }

        for (var node = 0; node < graph.Neighbours.Length; node++)
        {
            var from = assignment[node];
            selfLoops[from] += graph.SelfLoops[node];
            foreach (var (neighbour, weight) in graph.Neighbours[node])
            {
                var to = assignment[neighbour];
                if (from == to)
                {
                    selfLoops[from] += weight / 2;
                }
                else
                {
                    weights[from][to] = weights[from].GetValueOrDefault(to) + weight;
                }
            }
        }

        return new WeightedGraph(weights.Select(edges => edges.OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value)).ToList()).ToArray(), selfLoops);
    }

    private static int[] Renumber(int[] membership, out int count)
    {
        var numbers = new Dictionary<int, int>();
        var result = new int[membership.Length];
        for (var node = 0; node < membership.Length; node++)
        {
            if (!numbers.TryGetValue(membership[node], out var number))
            {
                number = numbers.Count;
                numbers[membership[node]] = number;
            }

            result[node] = number;
        }

        count = numbers.Count;
        return result;
    }
}
