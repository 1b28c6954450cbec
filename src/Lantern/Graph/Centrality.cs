namespace Lantern.Graph;

/// <summary>
/// Centralities of an unweighted undirected graph, defined as networkx defines them so results can
/// be checked against it: degree (count), betweenness (Brandes, normalized by 1/((n−1)(n−2))),
/// closeness (Wasserman–Faust improved for disconnected graphs), PageRank (α = 0.85) and eigenvector
/// (power iteration on A + I, unit Euclidean norm).
/// </summary>
/// <summary>Betweenness and closeness of every node, exact when <see cref="Sources"/> is the node count, else estimated.</summary>
internal sealed record PathCentralities(double[] Betweenness, double[] Closeness, int Sources, double BetweennessErrorBound);

internal static class Centrality
{
    public static int[] Degree(int[][] adjacency) => adjacency.Select(neighbours => neighbours.Length).ToArray();

    /// <summary>
    /// Exact betweenness and closeness: one Brandes pass from every node (the BFS that accumulates
    /// dependencies also gives each node's distances, and in an undirected graph the distances from
    /// all sources to a node are its distances to all nodes).
    /// </summary>
    public static PathCentralities ShortestPaths(int[][] adjacency, CancellationToken cancellation = default) =>
        ShortestPaths(adjacency, Enumerable.Range(0, adjacency.Length).ToArray(), cancellation);

    /// <summary>
    /// Betweenness and closeness estimated from <paramref name="sampleSize"/> sources drawn without
    /// replacement (Brandes and Pich 2007, "Centrality estimation in large networks"), so the work is
    /// k BFS passes instead of n. Each source's share of a node's normalized betweenness lies in
    /// [0, 1/(n−1)], so by Hoeffding's inequality (which holds without replacement) and a union bound
    /// over the nodes every estimate is within the returned bound with 95 % confidence.
    /// </summary>
    public static PathCentralities SampledShortestPaths(int[][] adjacency, int sampleSize, int seed = 1, CancellationToken cancellation = default)
    {
        var n = adjacency.Length;
        if (sampleSize >= n)
        {
            return ShortestPaths(adjacency, cancellation);
        }

        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return ShortestPaths(adjacency, order[..Math.Max(1, sampleSize)], cancellation);
    }

    /// <summary>The 95 % bound on every node's normalized betweenness error when estimated from k of n sources.</summary>
    public static double BetweennessErrorBound(int n, int k, double confidence = 0.95) =>
        n < 3 || k >= n ? 0 : n / (n - 1.0) * Math.Sqrt(Math.Log(2.0 * n / (1 - confidence)) / (2.0 * k));

    private static PathCentralities ShortestPaths(int[][] adjacency, int[] sources, CancellationToken cancellation)
    {
        var n = adjacency.Length;
        var exact = sources.Length == n;
        var betweenness = new double[n];
        var distanceSums = new long[n];
        var stack = new int[n];
        var queue = new int[n];
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        Array.Fill(distance, -1);
        var component = Components(adjacency);
        var componentSize = new int[n == 0 ? 0 : component.Max() + 1];
        var sourcesInComponent = new int[componentSize.Length];
        foreach (var c in component)
        {
            componentSize[c]++;
        }

        // Predecessors are not stored: in the backward pass they are the neighbours one step closer
        // to the source. Only the nodes a search reached are reset, so a search costs what it reaches.
        foreach (var source in sources)
        {
            // One search per source is the whole cost on a large network: a closed request or Ctrl+C stops it here.
            cancellation.ThrowIfCancellationRequested();
            sourcesInComponent[component[source]]++;
            sigma[source] = 1;
            distance[source] = 0;
            int head = 0, tail = 0, top = 0;
            queue[tail++] = source;
            while (head < tail)
            {
                var v = queue[head++];
                stack[top++] = v;
                distanceSums[v] += distance[v];
                foreach (var w in adjacency[v])
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue[tail++] = w;
                    }

                    if (distance[w] == distance[v] + 1)
                    {
                        sigma[w] += sigma[v];
                    }
                }
            }

            for (var index = top - 1; index >= 0; index--)
            {
                var w = stack[index];
                var share = (1 + delta[w]) / sigma[w];
                foreach (var v in adjacency[w])
                {
                    if (distance[v] == distance[w] - 1)
                    {
                        delta[v] += sigma[v] * share;
                    }
                }

                if (w != source)
                {
                    betweenness[w] += delta[w];
                }
            }

            for (var index = 0; index < top; index++)
            {
                var node = stack[index];
                sigma[node] = 0;
                delta[node] = 0;
                distance[node] = -1;
            }
        }

        var scale = (n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0) * n / sources.Length;
        var isSource = new bool[n];
        foreach (var source in sources)
        {
            isSource[source] = true;
        }

        var closeness = new double[n];
        for (var node = 0; node < n; node++)
        {
            betweenness[node] *= scale;
            var reach = componentSize[component[node]];
            var sampled = sourcesInComponent[component[node]] - (isSource[node] ? 1 : 0);
            double total = exact ? distanceSums[node]
                : sampled > 0 ? distanceSums[node] * (reach - 1.0) / sampled
                : DistanceSum(adjacency, node, queue, distance);
            if (total > 0 && n > 1)
            {
                closeness[node] = (reach - 1.0) / total * ((reach - 1.0) / (n - 1.0));
            }
        }

        return new PathCentralities(betweenness, closeness, sources.Length, BetweennessErrorBound(n, sources.Length));
    }

    /// <summary>The sum of distances from one node: for nodes whose component drew no sample (small components).</summary>
    private static long DistanceSum(int[][] adjacency, int source, int[] queue, int[] distance)
    {
        Array.Fill(distance, -1);
        distance[source] = 0;
        int head = 0, tail = 0;
        queue[tail++] = source;
        long total = 0;
        while (head < tail)
        {
            var v = queue[head++];
            total += distance[v];
            foreach (var w in adjacency[v])
            {
                if (distance[w] < 0)
                {
                    distance[w] = distance[v] + 1;
                    queue[tail++] = w;
                }
            }
        }

        return total;
    }

    public static double[] PageRank(int[][] adjacency, double alpha = 0.85, double tolerance = 1e-12, int maxIterations = 1000)
    {
        var n = adjacency.Length;
        if (n == 0)
        {
            return [];
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var node = 0; node < n; node++)
            {
                if (adjacency[node].Length == 0)
                {
                    dangling += rank[node];
                }
            }

            var baseline = (1 - alpha) / n + alpha * dangling / n;
            Array.Fill(next, baseline);
            for (var node = 0; node < n; node++)
            {
                if (adjacency[node].Length == 0)
                {
                    continue;
                }

                var share = alpha * rank[node] / adjacency[node].Length;
                foreach (var neighbour in adjacency[node])
                {
                    next[neighbour] += share;
                }
            }

            var error = 0.0;
            for (var node = 0; node < n; node++)
            {
                error += Math.Abs(next[node] - rank[node]);
            }

            (rank, next) = (next, rank);
            if (error < n * tolerance)
            {
                break;
            }
        }

        return rank;
    }

    public static double[] Eigenvector(int[][] adjacency, double tolerance = 1e-12, int maxIterations = 10_000)
    {
        var n = adjacency.Length;
        if (n == 0)
        {
            return [];
        }

        var x = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Copy(x, next, n);
            for (var node = 0; node < n; node++)
            {
                foreach (var neighbour in adjacency[node])
                {
                    next[neighbour] += x[node];
                }
            }

            var norm = Math.Sqrt(next.Sum(value => value * value));
            if (norm == 0)
            {
                return next;
            }

            var error = 0.0;
            for (var node = 0; node < n; node++)
            {
                next[node] /= norm;
                error += Math.Abs(next[node] - x[node]);
            }

            (x, next) = (next, x);
            if (error < n * tolerance)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>Connected components as a component number per node, numbered by first node.</summary>
    public static int[] Components(int[][] adjacency)
    {
        var n = adjacency.Length;
        var component = new int[n];
        Array.Fill(component, -1);
        var stack = new int[n];
        var count = 0;
        for (var start = 0; start < n; start++)
        {
            if (component[start] >= 0)
            {
                continue;
            }

            component[start] = count;
            var top = 0;
            stack[top++] = start;
            while (top > 0)
            {
                foreach (var w in adjacency[stack[--top]])
                {
                    if (component[w] < 0)
                    {
                        component[w] = count;
                        stack[top++] = w;
                    }
                }
            }

            count++;
        }

        return component;
    }
}
