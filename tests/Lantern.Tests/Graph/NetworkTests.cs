using System.Text.Json;
using Lantern.Cases;
using Lantern.Graph;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Graph;

public sealed class NetworkTests
{
    private static string Caviar(string name) => TestData.Data(Path.Combine("networks", "caviar", name));

    private static NetworkReport Analyse(TestWorkspace workspace) => workspace.Session().Network();

    [Fact]
    public void TheCaviarNetworkReproducesTheReferenceCentralitiesAndCommunities()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(new IngestRequest([Caviar("CAVIAR_FULL.csv")], Site: "caviar", Format: "matrix"));
        using var reference = JsonDocument.Parse(File.ReadAllText(Caviar("CAVIAR_FULL.reference.json")));
        var root = reference.RootElement;

        var report = Analyse(workspace);

        Assert.Equal(root.GetProperty("nodes").GetInt32(), report.NodeCount);
        Assert.Equal(root.GetProperty("edges").GetInt32(), report.EdgeCount);
        Assert.Equal(root.GetProperty("components").GetInt32(), report.Components);
        var nodes = report.Nodes.ToDictionary(node => node.Id["caviar/".Length..]);
        foreach (var expected in root.GetProperty("centrality").EnumerateObject())
        {
            var node = nodes[expected.Name];
            Assert.Equal(expected.Value.GetProperty("degree").GetInt32(), node.Degree);
            Assert.Equal(expected.Value.GetProperty("betweenness").GetDouble(), node.Betweenness, 1e-4);
            Assert.Equal(expected.Value.GetProperty("closeness").GetDouble(), node.Closeness, 1e-4);
            Assert.Equal(expected.Value.GetProperty("pagerank").GetDouble(), node.PageRank, 1e-4);
            Assert.Equal(expected.Value.GetProperty("eigenvector").GetDouble(), node.Eigenvector, 1e-4);
        }

        Assert.True(report.Modularity >= root.GetProperty("louvain_modularity").GetDouble() - 0.01, $"modularity {report.Modularity:0.0000}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void EachCaviarPhaseNamesItsMostConnectedActor(int phase)
    {
        using var workspace = new TestWorkspace();
        var file = Caviar($"CAVIAR{phase}.csv");
        workspace.Ingest(new IngestRequest([file], Site: "caviar", Format: "matrix"));

        var top = Analyse(workspace).Nodes[0];

        var (expectedActor, expectedDegree) = MostConnected(file);
        Assert.Equal(expectedDegree, top.Degree);
        Assert.Equal($"caviar/{expectedActor}", top.Id);
    }

    [Fact]
    public void AnAnalystMayAskForSampledBetweennessAndIsToldItsErrorBound()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(new IngestRequest([Caviar("CAVIAR_FULL.csv")], Site: "caviar", Format: "matrix"));
        var session = workspace.Session();

        var exact = session.Network();
        var sampled = session.Network(paths: new PathOptions(Samples: 40));

        Assert.Equal(new PathMethod(true, exact.NodeCount, 0), exact.PathMethod);
        Assert.Equal((false, 40), (sampled.PathMethod.Exact, sampled.PathMethod.Sources));
        var exactById = exact.Nodes.ToDictionary(node => node.Id, node => node.Betweenness);
        Assert.All(sampled.Nodes, node => Assert.InRange(node.Betweenness, exactById[node.Id] - sampled.PathMethod.BetweennessErrorBound, exactById[node.Id] + sampled.PathMethod.BetweennessErrorBound));
        Assert.Contains("\"samples\":40", new Lantern.Cases.AuditLog(workspace.Workspace).Entries().Last(entry => entry.Action == "network").Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeTablesWithTimesGiveTimeWindows()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("calls.csv", "source,target,weight,time\nA,B,3,2025-01-10\nB,C,1,2025-02-01\nC,D,2,2025-07-01\nD,E,1,2025-07-02\nE,A,1,\n");
        var report = workspace.Ingest(new IngestRequest([path], Site: "calls", Format: "edges"));
        Assert.Equal(5, report.Added);

        var session = workspace.Session();
        var all = session.Network();
        var afterTakedown = session.Network(since: new DateTimeOffset(2025, 6, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal((5, 5), (all.NodeCount, all.EdgeCount));
        Assert.Equal(["calls/D", "calls/C", "calls/E"], afterTakedown.Nodes.Select(node => node.Id));
        Assert.Equal(2, afterTakedown.EdgeCount);
    }

    /// <summary>An independent reading of the matrix: the row or column id with the most distinct partners (ties: the first in the header).</summary>
    private static (string Actor, int Degree) MostConnected(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToList();
        var header = lines[0].Split(',').Select(cell => cell.Trim('"', '\uFEFF', ' ')).ToList();
        var partners = header.Skip(1).Where(id => id.Length > 0).Distinct().ToDictionary(id => id, _ => new HashSet<string>());
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var from = cells[0].Trim('"', ' ');
            for (var column = 1; column < cells.Length; column++)
            {
                if (header[column].Length > 0 && double.TryParse(cells[column], System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0 && from != header[column])
                {
                    partners.TryAdd(from, []);
                    partners[from].Add(header[column]);
                    partners[header[column]].Add(from);
                }
            }
        }

        var best = partners.Max(pair => pair.Value.Count);
        var candidates = partners.Where(pair => pair.Value.Count == best).Select(pair => pair.Key).ToList();
        Assert.Single(candidates);
        return (candidates[0], best);
    }
}
