using Lantern.Demo;
using Lantern.Storage;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Extraction;

public sealed class DemoAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void ExtractionOnTheDemoCorpusMeetsTheAccuracyTargets()
    {
        using var workspace = new TestWorkspace();
        var truth = workspace.IngestDemo();

        var score = ExtractionScore.Compute(truth, workspace.Workspace.Mentions.All());

        output.WriteLine($"{"type",-10}{"tp",6}{"fp",6}{"fn",6}{"precision",11}{"recall",8}");
        foreach (var row in score.ByType.Append(score.Overall))
        {
            output.WriteLine($"{row.Type,-10}{row.TruePositives,6}{row.FalsePositives,6}{row.FalseNegatives,6}{row.Precision,11:0.000}{row.Recall,8:0.000}");
        }

        output.WriteLine($"obfuscated recall {score.ObfuscatedRecall:0.000} ({score.ObfuscatedFound}/{score.ObfuscatedTotal}); look-alikes accepted {score.LookAlikesAccepted}/{score.LookAlikesTotal}");
        foreach (var example in score.FalsePositiveExamples.Concat(score.FalseNegativeExamples))
        {
            output.WriteLine(example);
        }

        Assert.True(score.Overall.Precision >= 0.99, $"precision {score.Overall.Precision:0.000}");
        Assert.True(score.Overall.Recall >= 0.98, $"recall {score.Overall.Recall:0.000}");
        Assert.True(score.ObfuscatedRecall >= 0.9, $"obfuscated recall {score.ObfuscatedRecall:0.000}");
        Assert.True(score.ObfuscatedTotal >= 20);
        Assert.True(score.LookAlikesTotal >= 20);
        Assert.Equal(0, score.LookAlikesAccepted);
    }
}
