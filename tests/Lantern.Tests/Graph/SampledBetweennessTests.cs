using Lantern.Graph;

namespace Lantern.Tests.Graph;

/// <summary>Betweenness estimated from sampled sources, against the exact values on the same graph.</summary>
public sealed class SampledBetweennessTests
{
    /// <summary>A sparse random graph with a few hubs, like a call-record network: 3,000 nodes, 12,000 links.</summary>
    private static int[][] CallNetwork()
    {
        var random = new Random(11);
        var graph = new UndirectedGraph();
        for (var link = 0; link < 12_000; link++)
        {
            var source = random.Next(10) == 0 ? random.Next(30) : random.Next(3_000);
            var target = random.Next(3_000);
            if (source != target)
            {
                graph.AddEdge($"n{source}", $"n{target}");
            }
        }

        return graph.Adjacency();
    }

    [Fact]
    public void EveryEstimateIsWithinTheStatedBoundAndTheKeyActorsKeepTheirPlace()
    {
        var adjacency = CallNetwork();
        var exact = Centrality.ShortestPaths(adjacency);
        var sampled = Centrality.SampledShortestPaths(adjacency, 300);

        Assert.Equal(300, sampled.Sources);
        Assert.InRange(sampled.BetweennessErrorBound, 0.01, 0.5);
        var largestError = exact.Betweenness.Zip(sampled.Betweenness, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largestError <= sampled.BetweennessErrorBound, $"largest error {largestError} over bound {sampled.BetweennessErrorBound}");

        // The thirty hubs carry near-equal betweenness, so their order among themselves may change, but not who they are.
        static HashSet<int> Top(double[] values, int count) => values.Select((value, node) => (value, node)).OrderByDescending(pair => pair.value).Take(count).Select(pair => pair.node).ToHashSet();
        Assert.Subset(Top(exact.Betweenness, 30), Top(sampled.Betweenness, 10));

        var closenessError = exact.Closeness.Zip(sampled.Closeness, (a, b) => Math.Abs(a - b) / Math.Max(a, 1e-12)).Max();
        Assert.True(closenessError < 0.1, $"closeness relative error {closenessError}");
    }

    [Fact]
    public void SamplingEveryNodeIsTheExactComputation()
    {
        var adjacency = CallNetwork();
        var all = Centrality.SampledShortestPaths(adjacency, adjacency.Length);
        Assert.Equal(Centrality.ShortestPaths(adjacency).Betweenness, all.Betweenness);
        Assert.Equal(0, all.BetweennessErrorBound);
    }

    [Fact]
    public void SmallNetworksAreExactAndLargeOnesSampledUnlessTheAnalystAsks()
    {
        Assert.Null(new PathOptions().SourcesFor(5_000, 40_000));
        Assert.Equal(2_000, new PathOptions().SourcesFor(200_000, 100_000));
        Assert.Equal(PathOptions.MinimumSamples, new PathOptions().SourcesFor(200_000, 1_000_000));
        Assert.Null(new PathOptions(Exact: true).SourcesFor(200_000, 1_000_000));
        Assert.Equal(50, new PathOptions(Samples: 50).SourcesFor(5_000, 40_000));
    }
}
