using Lantern.Cases;
using Lantern.Demo;
using Lantern.Graph;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Graph;

public sealed class AliasTests(ITestOutputHelper output)
{
    [Fact]
    public void AliasResolutionOnTheDemoMeetsTheTargetsWithoutHubQuoteOrImpostorPairs()
    {
        using var workspace = new TestWorkspace();
        var truth = workspace.IngestDemo();

        var clusters = workspace.Session().Aliases();
        var score = AliasScore.Compute(truth, clusters);

        output.WriteLine($"strong: precision {score.Strong.Precision:0.000} recall {score.Strong.Recall:0.000} ({score.Strong.TruePositives}/{score.Strong.FalsePositives}/{score.Strong.FalseNegatives})");
        output.WriteLine($"weak:   precision {score.Weak.Precision:0.000} recall {score.Weak.Recall:0.000} ({score.Weak.TruePositives}/{score.Weak.FalsePositives}/{score.Weak.FalseNegatives})");
        foreach (var pair in score.FalsePairs.Concat(score.MissedPairs))
        {
            output.WriteLine(pair);
        }

        Assert.True(score.Strong.Precision >= 0.97, $"strong precision {score.Strong.Precision:0.000}");
        Assert.True(score.Strong.Recall >= 0.95, $"strong recall {score.Strong.Recall:0.000}");
        Assert.Equal(0, score.ImpostorPairs);
        var hubs = truth.Hubs.Select(hub => hub.Value).ToHashSet();
        Assert.DoesNotContain(clusters.SelectMany(cluster => cluster.Evidence), evidence => hubs.Contains(evidence.Value));
        var impostor = Assert.Single(truth.Impostors).Handle;
        Assert.Contains(clusters, cluster => cluster.Status == "conflict" && cluster.Members.Contains(impostor)
            && cluster.Evidence.Any(evidence => evidence.Rule == "possible-impostor"));
        Assert.All(clusters, cluster => Assert.Contains(cluster.Status, new[] { "suggested", "conflict" }));
    }

    [Theory]
    [InlineData("listing", "Contact: ", true)]
    [InlineData("post", "Faster if you message him directly: telegram ", false)]
    [InlineData("message", "got mine from ", false)]
    [InlineData("message", "who is legit here? ", false)]
    [InlineData("post", "Restock done. Contact me at ", true)]
    [InlineData("message", "fresh stock. DM ", true)]
    public void AMentionIsTheAuthorsOwnUnlessTheWordsBeforeItPointAtSomeoneElse(string kind, string before, bool own)
    {
        Assert.Equal(own, AliasResolver.IsOwn(new HandleMention("site/a", "d1", kind, "telegram", "x", before)));
    }

    [Theory]
    [InlineData("m/TheCandyman", "f/candyman_official")]
    [InlineData("m/PiIlPusher", "n/PillPusher")]
    [InlineData("m/Green_Dragon", "t/GreenDragon NL")]
    [InlineData("m/Fr0stByte", "n/frostbyte")]
    public void NameKeysIgnoreCaseSeparatorsLeetspeakAndSuffixes(string a, string b)
    {
        Assert.Equal(AliasResolver.NameKey(a), AliasResolver.NameKey(b));
    }
}
