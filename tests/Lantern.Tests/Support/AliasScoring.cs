using Lantern.Demo;
using Lantern.Graph;
using Xunit.Abstractions;

namespace Lantern.Tests.Support;

/// <summary>Alias resolution scored as <c>lantern eval aliases</c> scores it, on a corpus ingested as a new user would.</summary>
public static class AliasScoring
{
    /// <summary>
    /// Ingests the files (none may be refused), resolves aliases and relays through the door and scores them against the
    /// ground truth, writing the figures, the wrong and missed pairs, every cluster and every relay to the test's output.
    /// </summary>
    public static (GroundTruth Truth, IReadOnlyList<AliasCluster> Clusters, IReadOnlyList<AliasRelay> Relays, AliasScore Score) IngestAndScore(
        TestWorkspace workspace, IReadOnlyList<string> files, string truthPath, ITestOutputHelper output)
    {
        var report = workspace.Ingest([.. files]);
        var truth = GroundTruthFile.Read(truthPath);
        var session = workspace.Session();
        var clusters = session.Aliases();
        var relays = session.Relays();
        var score = AliasScore.Compute(truth, clusters, relays);

        Assert.Empty(report.Problems);
        output.WriteLine($"strong {score.Strong.Precision:0.000}/{score.Strong.Recall:0.000} ({score.Strong.TruePositives} right, {score.Strong.FalsePositives} wrong, {score.Strong.FalseNegatives} missed)");
        output.WriteLine($"weak {score.Weak.Precision:0.000}/{score.Weak.Recall:0.000} ({score.Weak.TruePositives} right, {score.Weak.FalsePositives} wrong, {score.Weak.FalseNegatives} missed)");
        output.WriteLine($"relay-bridged {score.RelayBridgedPairs}; relays {score.RelaysFound} of {score.Relays}; suggestions {score.Suggestions}; impostors flagged {score.ImpostorsFlagged} of {score.Impostors}; impostor pairs {score.ImpostorPairs}");
        foreach (var line in score.FalsePairs.Select(pair => "wrong: " + pair)
            .Concat(score.MissedPairs.Select(pair => "missed: " + pair))
            .Concat(clusters.Select(cluster => $"{cluster.Status} {cluster.Strength} {cluster.Score:0.00} {string.Join(" + ", cluster.Members)}"))
            .Concat(relays.Select(relay => "relay: " + relay.Account)))
        {
            output.WriteLine(line);
        }

        return (truth, clusters, relays, score);
    }
}
