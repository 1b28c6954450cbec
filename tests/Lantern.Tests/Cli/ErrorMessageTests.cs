using Lantern.Tests.Support;

namespace Lantern.Tests.Cli;

/// <summary>Mistakes a person makes on the command line get a message in their terms: what was wrong and what is accepted.</summary>
public sealed class ErrorMessageTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string root;

    public ErrorMessageTests()
    {
        root = folder.Combine("case");
        var init = LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-E", "--title", "Errors", "--legal-basis", "Order E", "--region", "NL");
        Assert.Equal(0, init.ExitCode);
    }

    [Theory]
    [InlineData("report", "-o", "", "--reason", "court")]
    [InlineData("export", "csv", "-o", " ", "--reason", "court")]
    [InlineData("market", "--csv", "", "--reason", "briefing")]
    [InlineData("vendor", "evil/someone", "--csv", " ", "--reason", "briefing")]
    [InlineData("audit", "checkpoint", "-o", "")]
    public void AnEmptyOutputPathIsRefusedNamingTheOptionAndWritesNothing(params string[] args)
    {
        var result = LanternProcess.Run(folder.Path, [.. args, "-w", root]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("needs a file path, not an empty value", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("--sort", "newest", "--sort accepts relevance or date, not 'newest'")]
    [InlineData("--limit", "abc", "--limit takes a whole number (for example --limit 20), not 'abc'")]
    public void ABadOptionValueSaysWhichValuesAreAcceptedWithoutTypeNamesOrTheWholeHelp(string option, string value, string message)
    {
        var result = LanternProcess.Run(folder.Path, "search", "cocaine", option, value, "-w", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("lantern search --help", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Lantern.Search", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingAPasswordWithoutATerminalPointsToPasswordStdin()
    {
        var result = LanternProcess.RunWithInput(folder.Path, string.Empty, "members", "passwd", Environment.UserName, "-w", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--password-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestingOnlyMissingFilesStoresNothingAndExits1ButAMixExits2()
    {
        var missing = folder.Combine("no-such.csv");

        var none = LanternProcess.Run(folder.Path, "ingest", missing, "-w", root);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no-such.csv", none.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", none.Stderr, StringComparison.Ordinal);

        var present = folder.File("posts.jsonl", "{\"id\":\"1\",\"site\":\"forum\",\"author\":\"a\",\"text\":\"hello\"}\n");
        var mixed = LanternProcess.Run(folder.Path, "ingest", present, missing, "-w", root);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("1 documents added", mixed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportingIntoAMissingFolderNamesItAndCreatesNothing()
    {
        var missing = folder.Combine(Path.Combine("not-there", "deeper"));

        var result = LanternProcess.Run(folder.Path, "export", "graphml", "-o", Path.Combine(missing, "x.graphml"), "--reason", "briefing", "-w", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the folder {missing} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("not-there")));
    }

    [Fact]
    public void ANetworkWithoutARelationshipTableSaysHowToIngestOne()
    {
        var result = LanternProcess.Run(folder.Path, "network", "-w", root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--format edges", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownSelectorTypeListsTheTypes()
    {
        var result = LanternProcess.Run(folder.Path, "selectors", "--type", "bitcoin", "-w", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'bitcoin' is not a selector type; use one of", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("btc", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
