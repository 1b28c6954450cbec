using System.Text.Json;
using Lantern.Extraction;
using Lantern.Storage;
using Lantern.Tests.Support;

namespace Lantern.Tests.Extraction;

public sealed class WorkspaceExtractionTests
{
    private const string Wallet = "bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv";

    private static string Corpus(TestWorkspace workspace) => workspace.Folder.File("m.jsonl", string.Join('\n',
        "{\"id\":\"1\",\"site\":\"m\",\"author\":\"GreenDragon\",\"text\":\"pay BC1QVYQ0CC6RAHYVSAZFDJE0TWL7EZ82NDMUAC2LHV, whatsapp 06 12345678\"}",
        "{\"id\":\"2\",\"site\":\"m\",\"author\":\"buyer\",\"text\":\"he wants " + Wallet + " and mail gd [at] proton [dot] me\"}",
        "{\"id\":\"3\",\"site\":\"f\",\"author\":\"GreenDragon\",\"text\":\"new wallet, same as before: " + Wallet + "\"}") + "\n");

    [Fact]
    public void IngestStoresMentionsWithOffsetsIntoTheStoredText()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(Corpus(workspace));

        var document = workspace.Store.Get(workspace.Search("whatsapp").Hits.Single().Doc)!;
        var mentions = workspace.Workspace.Mentions.ForDocument(document.RowId);

        Assert.Equal(["btc:" + Wallet, "phone:+31612345678"], mentions.Select(mention => mention.Key));
        Assert.All(mentions, mention => Assert.Equal(mention.Raw, document.Text[mention.Start..mention.End]));
    }

    [Fact]
    public void SelectorsAreCountedByDocumentsAndHandlesAndSearchableInAnyWrittenForm()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(Corpus(workspace));

        var summaries = workspace.Workspace.Mentions.Summaries(null, 1, 100);
        var wallet = summaries.First();
        Assert.Equal(("btc", Wallet, 3, 3), (wallet.Type, wallet.Value, wallet.Documents, wallet.Handles));
        Assert.Equal(3, workspace.Search($"btc:{Wallet.ToUpperInvariant()}").Total);
        Assert.Equal(1, workspace.Search("email:GD@Proton.me").Total);
        Assert.Equal(1, workspace.Search("phone:\"+31 6 1234 5678\"").Total);
        Assert.Equal(1, workspace.Search("phone:31612345678").Total);
        Assert.Equal(2, workspace.Search($"selector:\"btc:{Wallet}\" AND site:m").Total);
        Assert.Equal(3, workspace.Search("btc:bc1qvyq0*").Total);
    }

    [Fact]
    public void DocumentsFromAnOlderExtractorAreExtractedAgainOnTheNextIngest()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(Corpus(workspace));
        using (var command = workspace.Workspace.Connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM mentions; UPDATE documents SET extractor_version = 0;";
            command.ExecuteNonQuery();
        }

        Assert.Equal(3, workspace.Workspace.Mentions.StaleCount());
        workspace.Ingest(workspace.Folder.File("other.txt", "nothing to see"));

        var mentions = workspace.Workspace.Mentions;
        Assert.Equal(0, mentions.StaleCount());
        Assert.Equal(3, mentions.Summaries(SelectorTypes.Btc, 1, 10).Single().Documents);
        Assert.Equal(3, workspace.Search($"btc:{Wallet}").Total);
    }

    [Fact]
    public void TheCliListsSelectorsExtractsFilesAndMarksSelectorsInShow()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "B", "--region", "NL");
        var input = folder.File("m.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"author\":\"A\",\"text\":\"pay " + Wallet + " or call +31 6 12345678\"}\n");
        LanternProcess.Run(folder.Path, "ingest", input, "-w", root);

        var selectors = LanternProcess.Run(folder.Path, "selectors", "--type", "btc", "--json", "-w", root);
        using (var json = JsonDocument.Parse(selectors.Stdout))
        {
            var first = json.RootElement.GetProperty("selectors")[0];
            Assert.Equal(Wallet, first.GetProperty("value").GetString());
            Assert.Equal(1, first.GetProperty("documents").GetInt32());
        }

        var extract = LanternProcess.Run(folder.Path, "extract", input, "--json");
        Assert.Equal(0, extract.ExitCode);
        var lines = extract.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        foreach (var field in new[] { "type", "value", "raw", "start", "end", "confidence", "obfuscated", "file" })
        {
            Assert.True(lines[0].TryGetProperty(field, out _), $"extract --json has no '{field}'");
        }

        var raw = File.ReadAllText(input);
        var btc = lines.Single(line => line.GetProperty("type").GetString() == "btc");
        Assert.Equal(Wallet, raw[btc.GetProperty("start").GetInt32()..btc.GetProperty("end").GetInt32()]);

        var stdin = LanternProcessWithInput(folder.Path, "call 06 12345678 now", "extract", "--region", "NL", "--json");
        Assert.Contains("+31612345678", stdin, StringComparison.Ordinal);

        var doc = LanternProcess.Run(folder.Path, "search", "pay", "--json", "-w", root);
        var id = JsonDocument.Parse(doc.Stdout).RootElement.GetProperty("hits")[0].GetProperty("doc").GetString()!;
        var show = LanternProcess.Run(folder.Path, "show", id, "-w", root);
        Assert.Contains("selectors underlined", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("phone-international", show.Stdout, StringComparison.Ordinal);
    }

    private static string LanternProcessWithInput(string folder, string input, params string[] args)
    {
        var info = LanternProcess.StartInfo(folder, args);
        info.RedirectStandardInput = true;
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
