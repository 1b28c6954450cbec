using System.Text.Json;
using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Search;

/// <summary>`lantern eval slang` measures expansion on labelled sentences, off-topic uses of ambiguous street names among them.</summary>
public sealed class SlangEvalTests
{
    [Fact]
    public void ExpansionIsAtLeastNinetyFivePercentPreciseAndRecallIsReported()
    {
        using var folder = new TempFolder();

        var run = LanternProcess.Run(folder.Path, "eval", "slang", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var overall = json.RootElement.GetProperty("overall");
        Assert.True(overall.GetProperty("precision").GetDouble() >= 0.95, $"overall precision {overall.GetProperty("precision").GetDouble():0.000}");
        Assert.InRange(overall.GetProperty("recall").GetDouble(), 0.01, 1.0);
        Assert.True(json.RootElement.GetProperty("sentences").GetInt32() >= 200);
        var drugs = json.RootElement.GetProperty("drugs").EnumerateArray().ToList();
        Assert.Contains(drugs, drug => drug.GetProperty("drug").GetString() == "cocaine" && drug.GetProperty("recall").GetDouble() > 0);
        Assert.Contains(json.RootElement.GetProperty("terms").EnumerateArray(),
            term => term.GetProperty("term").GetString() == "crack" && term.GetProperty("needs_context").GetBoolean() && term.GetProperty("hits").GetInt32() > 0);
    }

    [Fact]
    public void EveryLabelNamesADrugOfTheLexiconAndEveryAmbiguousTermHasAnOffTopicSentence()
    {
        var drugs = SlangLexicon.Default.Entries.Select(entry => entry.Drug).ToHashSet(StringComparer.Ordinal);
        var sentences = SlangEval.DefaultSentences;

        Assert.All(sentences.SelectMany(sentence => sentence.Drugs), drug => Assert.Contains(drug, drugs));
        var offTopic = sentences.Where(sentence => sentence.Drugs.Count == 0).Select(sentence => sentence.Text.ToLowerInvariant()).ToList();
        foreach (var word in new[] { "crack", "coca", "bars", "ice", "snow", "speed", "charlie", "freebase", "8 ball" })
        {
            Assert.Contains(offTopic, text => text.Contains(word, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ABadLineInTheAnalystsOwnSetIsAnErrorNamingIt()
    {
        using var folder = new TempFolder();
        var own = folder.File("own.jsonl", "{\"text\":\"crack 1g 60\",\"drugs\":[\"cocaine\"]}\n{broken\n");

        var run = LanternProcess.Run(folder.Path, "eval", "slang", "--sentences", own);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("own.jsonl: line 2: not valid JSON", run.Stderr, StringComparison.Ordinal);
    }
}
