using Lantern.Demo;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Extraction.Facts;

/// <summary>The facts stored for the demo's labelled listings and shop pages, in seven languages, scored as <c>lantern eval facts</c> scores them.</summary>
public sealed class DemoFactsTests(ITestOutputHelper output)
{
    [Fact]
    public void TheDemosLabelledListingsAreReadInEveryLanguage()
    {
        using var workspace = new TestWorkspace();
        var truth = workspace.IngestDemo();

        var score = FactsScore.Compute(truth, workspace.Workspace.Facts.List(null, null));

        foreach (var row in score.DrugsByLanguage.Append(score.Drugs))
        {
            output.WriteLine($"{row.Language,-4}{row.Documents,5} documents  drug F1 {row.F1:0.000}");
        }

        foreach (var accuracy in new[] { score.Strength, score.Quantity, score.ShipsFrom, score.ShipsTo })
        {
            output.WriteLine($"{accuracy.Fact,-11} {accuracy.Accuracy:0.000} ({accuracy.Correct}/{accuracy.Total}) {string.Join("; ", accuracy.Misses)}");
        }

        foreach (var indicator in score.Indicators)
        {
            output.WriteLine($"{indicator.Type,-24} precision {indicator.Precision:0.000} recall {indicator.Recall:0.000}");
        }

        Assert.Equal(["de", "en", "es", "fr", "nl", "pt", "ru"], score.DrugsByLanguage.Select(row => row.Language));
        Assert.All(score.DrugsByLanguage, row => Assert.True(row.F1 >= 0.93, $"{row.Language}: drug F1 {row.F1:0.000}"));
        Assert.True(score.Strength.Accuracy >= 0.95, $"strength {score.Strength.Accuracy:0.000}");
        Assert.True(score.Quantity.Accuracy >= 0.95, $"quantity {score.Quantity.Accuracy:0.000}");
        Assert.True(score.ShipsFrom.Accuracy >= 0.95, $"ships_from {score.ShipsFrom.Accuracy:0.000}");
        Assert.True(score.ShipsTo.Accuracy >= 0.95, $"ships_to {score.ShipsTo.Accuracy:0.000}");
        var kinds = score.Indicators.ToDictionary(row => row.Type);
        foreach (var kind in new[] { IndicatorKinds.PressedPill, IndicatorKinds.PillPress, IndicatorKinds.BulkApi, IndicatorKinds.NoPrescription, IndicatorKinds.SeveralPhoneNumbers })
        {
            Assert.True(kinds.TryGetValue(kind, out var row) && row.TruePositives > 0, $"the demo plants {kind}");
            Assert.True(row!.Precision >= 0.9 && row.Recall >= 0.9, $"{kind}: precision {row.Precision:0.000}, recall {row.Recall:0.000}");
        }
    }
}
