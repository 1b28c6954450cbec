using System.Text.Json;
using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cli;

public sealed class CliContractTests
{
    [Fact]
    public void InitIngestSearchAndShowFollowTheContract()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        var input = folder.File("m.jsonl",
            "{\"id\":\"9\",\"site\":\"nightmarket\",\"author\":\"GreenDragon\",\"title\":\"Coke\",\"text\":\"yayo ❄️ from NL\",\"posted_at\":\"2025-02-01T00:00:00Z\"}\n{broken\n");

        var init = LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-7", "--title", "Op Seven", "--legal-basis", "Order 7/2026", "--region", "nl");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("OP-7", init.Stdout, StringComparison.Ordinal);

        var ingest = LanternProcess.Run(folder.Path, "ingest", input, "-w", root);
        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("m.jsonl: line 2: not valid JSON", ingest.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 documents added", ingest.Stdout, StringComparison.Ordinal);

        var search = LanternProcess.Run(folder.Path, "search", "cocaine", "--expand-slang", "--json", "-w", root);
        Assert.Equal(0, search.ExitCode);
        using var json = JsonDocument.Parse(search.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("expanded_terms").EnumerateArray(), term => term.GetString() == "yayo");
        var hit = json.RootElement.GetProperty("hits")[0];
        foreach (var field in new[] { "doc", "site", "source_id", "author", "title", "posted_at", "score", "snippet" })
        {
            Assert.True(hit.TryGetProperty(field, out _), $"hit has no '{field}'");
        }

        Assert.Equal("9", hit.GetProperty("source_id").GetString());
        Assert.Contains("<mark>yayo</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);

        var show = LanternProcess.Run(folder.Path, "show", hit.GetProperty("doc").GetString()!, "-w", root);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains(Path.GetFullPath(input), show.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 1", show.Stdout, StringComparison.Ordinal);
        Assert.Contains(Lantern.Cases.IngestService.HashFile(input), show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandsSayClearlyWhenThereIsNoWorkspace()
    {
        using var folder = new TempFolder();

        var result = LanternProcess.Run(folder.Path, "search", "anything");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no Lantern workspace in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("lantern init", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpTeachesEveryCommandAndOption()
    {
        using var folder = new TempFolder();

        var root = LanternProcess.Run(folder.Path, "--help");
        foreach (var command in new[] { "init", "ingest", "search", "show", "demo" })
        {
            Assert.Contains(command, root.Stdout, StringComparison.Ordinal);
        }

        var search = LanternProcess.Run(folder.Path, "search", "--help");
        foreach (var option in new[] { "--limit", "--expand-slang", "--sort", "--json", "--workspace", "posted_at" })
        {
            Assert.Contains(option, search.Stdout, StringComparison.Ordinal);
        }

        var ingest = LanternProcess.Run(folder.Path, "ingest", "--help");
        foreach (var option in new[] { "--site", "--format", "--map", "provenance" })
        {
            Assert.Contains(option, ingest.Stdout, StringComparison.Ordinal);
        }
    }
}
