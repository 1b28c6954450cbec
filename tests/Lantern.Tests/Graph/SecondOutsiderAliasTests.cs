using Lantern.Demo;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Graph;

/// <summary>
/// Alias resolution on a second outsider's corpus (<see cref="SecondOutsiderCorpus"/>), ingested through the door and
/// scored as <c>lantern eval aliases</c> scores it. With <c>LANTERN_SECOND_OUTSIDER_CORPUS=DIR</c> set, the files and
/// the ground truth are also written to <c>DIR/SEED</c>, for <c>lantern ingest</c> and <c>lantern eval aliases --truth</c>.
/// </summary>
public sealed class SecondOutsiderAliasTests(ITestOutputHelper output)
{
    /// <summary>
    /// What holds on this corpus. The strong-link and relay targets do not (strong precision 0.200 at recall 0.294,
    /// two vendor pairs through a keyless relay, 0 of 1 relays found, seeds 20261128 and 31337): the wrong and missed pairs
    /// are printed, and docs/aliases.md names the rule behind each.
    /// </summary>
    [Theory]
    [InlineData(20261128)]
    [InlineData(31337)]
    public void WhatASecondOutsidersCorpusKeeps(int seed)
    {
        var (truth, clusters, _, score) = Resolve(seed);
        var standing = clusters.Where(cluster => cluster.Status is "suggested" or "confirmed").ToList();

        // The impostor on Candy's common-word name, with its own key and Candy's pitch copied, is a conflict and in no standing cluster.
        Assert.Equal(score.Impostors, score.ImpostorsFlagged);
        Assert.Equal(0, score.ImpostorPairs);
        Assert.Contains(clusters, cluster => cluster.Status == "conflict" && cluster.Members.Contains("deepsea/Candy") && cluster.Members.Contains("ironbay/Candy"));

        // The renamed vendor is suggested from its pitch and closing line, with fresh contacts; few suggestions to review.
        Assert.True(score.Weak.Recall >= 0.5, $"weak-link recall {score.Weak.Recall:0.000}");
        Assert.InRange(score.Suggestions, 1, 10);
        Assert.Contains(standing, cluster => !cluster.Strong && cluster.Members.Contains("deepsea/Moonrock") && cluster.Members.Contains("ironbay/LunarLeaf"));

        // Apollo's two market accounts share a key; the escrow wallet in most deepsea listings links no one.
        Assert.Contains(standing, cluster => cluster.Strong && cluster.Members.Contains("ironbay/Apollo") && cluster.Members.Contains("deepsea/Apollo"));
        // The drop channel reposting two keyless vendors and the buyer recommending two vendors pass them on: no vendor pair
        // through either, and both recognised as relays.
        Assert.Equal(0, score.RelayBridgedPairs);
        Assert.Equal(score.Relays, score.RelaysFound);
        Assert.True(score.Strong.Precision >= 0.8, $"strong precision {score.Strong.Precision:0.000}");
        Assert.True(score.Strong.Recall >= 0.85, $"strong recall {score.Strong.Recall:0.000}");
        var escrow = truth.Hubs.Single().Value;
        Assert.DoesNotContain(clusters, cluster => cluster.Evidence.Any(evidence => evidence.Value == escrow));
        Assert.DoesNotContain(standing, cluster => cluster.Members.Contains("deepsea/Apollo") && cluster.Members.Contains("deepsea/SibirShop"));
    }

    private (GroundTruth Truth, IReadOnlyList<AliasCluster> Clusters, IReadOnlyList<AliasRelay> Relays, AliasScore Score) Resolve(int seed)
    {
        using var workspace = new TestWorkspace();
        var manifest = SecondOutsiderCorpus.Generate(workspace.Folder.Combine("corpus"), seed);
        if (Environment.GetEnvironmentVariable("LANTERN_SECOND_OUTSIDER_CORPUS") is { } outFolder)
        {
            SecondOutsiderCorpus.Generate(Path.Combine(outFolder, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), seed);
        }

        return AliasScoring.IngestAndScore(workspace, manifest.Files, manifest.GroundTruthPath, output);
    }
}
