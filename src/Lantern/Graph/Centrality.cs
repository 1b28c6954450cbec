namespace Lantern.Graph;

/// <summary>
/// Centralities of an unweighted undirected graph, defined as networkx defines them so results can
/// be checked against it: degree (count), betweenness (Brandes, normalized by 1/((n−1)(n−2))),
/// closeness (Wasserman–Faust improved for disconnected graphs), PageRank (α = 0.85) and eigenvector
/// (power iteration on A + I, unit Euclidean norm).
/// </summary>
public static class Centrality
{
    public static int[] Degree(int[][] adjacency) => adjacency.Select(neighbours => neighbours.Length).ToArray();

    /// <summary>Exact betweenness by Brandes' algorithm: one BFS and one dependency accumulation per source.</summary>
    public static double[] Betweenness(int[][] adjacency, bool normalized = true)
    {
        var n = adjacency.Length;
        var betweenness = new double[n];
        var stack = new int[n];
        var queue = new int[n];
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        var predecessors = new List<int>[n];
        for (var node = 0; node < n; node++)
        {
            predecessors[node] = [];
        }

        for (var source = 0; source < n; source++)
        {
            for (var node = 0; node < n; node++)
            {
                predecessors[node].Clear();
                sigma[node] = 0;
                distance[node] = -1;
                delta[node] = 0;
            }

            sigma[source] = 1;
            distance[source] = 0;
            int head = 0, tail = 0, top = 0;
            queue[tail++] = source;
            while (head < tail)
            {
                var v = queue[head++];
                stack[top++] = v;
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
                        predecessors[w].Add(v);
                    }
                }
            }

            while (top > 0)
            {
                var w = stack[--top];
                foreach (var v in predecessors[w])
                {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }

                if (w != source)
                {
                    betweenness[w] += delta[w];
                }
            }
        }

        var scale = normalized ? (n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0) : 0.5;
        for (var node = 0; node < n; node++)
        {
            betweenness[node] *= scale;
        }

        return betweenness;
    }

    public static double[] Closeness(int[][] adjacency)
    {
        var n = adjacency.Length;
        var closeness = new double[n];
        var distance = new int[n];
        var queue = new int[n];
        for (var source = 0; source < n; source++)
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

            var reached = tail;
            if (total > 0 && n > 1)
            {
                closeness[source] = (reached - 1.0) / total * ((reached - 1.0) / (n - 1.0));
            }
        }

        return closeness;
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
        var component = Enumerable.Repeat(-1, adjacency.Length).ToArray();
        var count = 0;
        var stack = new Stack<int>();
        for (var start = 0; start < adjacency.Length; start++)
        {
            if (component[start] >= 0)
            {
                continue;
            }

            component[start] = count;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                foreach (var w in adjacency[v])
                {
                    if (component[w] < 0)
                    {
                        component[w] = count;
                        stack.Push(w);
                    }
                }
            }

            count++;
        }

        return component;
    }
}
