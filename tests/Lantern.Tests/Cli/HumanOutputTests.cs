using System.Text.Json;
using Lantern.Cli.Commands;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cli;

public sealed class HumanOutputTests
{
    [Fact]
    public void ALongSiteOrAuthorIsShortenedWithAnEllipsisAndAShortOneKeptWhole()
    {
        var shortened = SearchCommand.Shorten(new string('a', 40_000));

        Assert.Equal(120, shortened.Length);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.Equal("darkshop.onion", SearchCommand.Shorten("darkshop.onion"));
        Assert.False(char.IsHighSurrogate(SearchCommand.Shorten(new string('a', 118) + "😀😀")[^2]));
    }

    [Fact]
    public void ScrapedEscapeSequencesAndBidiOverridesReachTheTerminalInert()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        var input = folder.File("hostile.jsonl",
            "{\"id\":\"1\",\"site\":\"evil\",\"author\":\"esc\\u001b]0;pwned\\u0007er\",\"title\":\"T\\u001b[2J\\u001b[31mRED pressed \\u202egnp.exe\",\"text\":\"pressed \\u001b[2J pills\\r\\u009b\"}\n");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-7", "--title", "Op Seven", "--legal-basis", "Order 7/2026").ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "watch", "add", "query:pressed", "-w", root).ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", input, "-w", root).ExitCode);
        var doc = JsonDocument.Parse(LanternProcess.Run(folder.Path, "search", "pressed", "--json", "-w", root).Stdout).RootElement.GetProperty("hits")[0].GetProperty("doc").GetString()!;

        foreach (var args in new[] { new[] { "search", "pressed" }, ["show", doc], ["alerts"] })
        {
            var result = LanternProcess.Run(folder.Path, [.. args, "-w", root]);

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain('\u001b', result.Stdout);
            Assert.DoesNotContain('\u0007', result.Stdout);
            Assert.DoesNotContain('\u009b', result.Stdout);
            Assert.DoesNotContain('\u202e', result.Stdout);
            Assert.Contains("T\u241b[2J\u241b[31mRED", result.Stdout, StringComparison.Ordinal);
        }
    }
}
