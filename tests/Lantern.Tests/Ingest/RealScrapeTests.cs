using System.Text;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

/// <summary>Files shaped like real scrapes (tests/Lantern.Tests/Fixtures/Scrapes): nothing lost, nothing invented.</summary>
public sealed class RealScrapeTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Scrapes", name);

    [Fact]
    public void BareCarriageReturnRecordsFromTheIssueAreReadAsTwoDocuments()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        var input = folder.File("cr.csv", "vendor,title,description\rBenzoChems,10g Etizolam,High Quality\rmontfort,20g Furanylfentanyl,High Purity\r");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "L").ExitCode);

        var ingest = LanternProcess.Run(folder.Path, "ingest", input, "--site", "m", "--json", "-w", root);

        Assert.Equal(0, ingest.ExitCode);
        using var json = JsonDocument.Parse(ingest.Stdout);
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal(2, file.GetProperty("kept").GetInt32());
        Assert.Equal(0, file.GetProperty("refused").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("added").GetInt32());
        var search = LanternProcess.Run(folder.Path, "search", "furanylfentanyl", "--json", "-w", root);
        using var hits = JsonDocument.Parse(search.Stdout);
        Assert.Equal("montfort", hits.RootElement.GetProperty("hits")[0].GetProperty("author").GetString());
    }

    [Fact]
    public void CarriageReturnFileKeepsLineFeedsInsideQuotesAndExactByteRanges()
    {
        using var workspace = new TestWorkspace();
        var path = Fixture("cr-quoted-lf.csv");

        var report = workspace.Ingest(new IngestRequest([path], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal(3, report.Files[0].Kept);
        var document = workspace.Store.Get(Assert.Single(workspace.Search("furanylfentanyl").Hits).Doc)!;
        Assert.Equal("High Purity\nlab tested", document.Text);
        Assert.Equal(2, document.Provenance!.Record);
        var bytes = File.ReadAllBytes(path);
        var record = Encoding.UTF8.GetString(bytes, (int)document.Provenance!.ByteStart, (int)(document.Provenance!.ByteEnd - document.Provenance!.ByteStart));
        Assert.Equal("montfort,20g Furanylfentanyl,\"High Purity\nlab tested\n\",0.31 BTC,China", record);
    }

    [Fact]
    public void CarriageReturnInsideAQuotedFieldAndA40KilobyteDescriptionAreKept()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(new IngestRequest([Fixture("cr-quoted-cr.csv")], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal(3, report.Files[0].Kept);
        var crystals = workspace.Store.Get(Assert.Single(workspace.Search("needle").Hits).Doc)!;
        Assert.Equal("Needle crystals\rno cut\r\rPM for bulk", crystals.Text);
        var longest = workspace.Store.Get(Assert.Single(workspace.Search("endofdescription").Hits).Doc)!;
        Assert.True(longest.Text.Length > 40_000, $"description has {longest.Text.Length} characters");
        Assert.Equal("LongWinded", longest.Author);
    }

    [Fact]
    public void InvalidAndDoubleEncodedBytesAreRepairedAndTheRowsKeptAndFlagged()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(new IngestRequest([Fixture("mojibake-unmapped.csv")], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal((3, 2, 0), (report.Files[0].Kept, report.Files[0].Repaired, report.Files[0].Refused));
        var valium = workspace.Store.Get(Assert.Single(workspace.Search("diazepam").Hits).Doc)!;
        Assert.Equal("£45", valium.Metadata!["price"]);
        Assert.Equal("Ships from UK £ insured", valium.Metadata["shipping_note"]);
        Assert.Contains("Windows-1252", valium.Repairs, StringComparison.Ordinal);

        var blotters = workspace.Store.Get(Assert.Single(workspace.Search("blotters").Hits).Doc)!;
        Assert.Equal("1P-LSD 100µg blotters", blotters.Title);
        Assert.Equal("Lab tested \uFFFD we’re legit", blotters.Text);
        Assert.Equal("économique", blotters.Metadata!["shipping_note"]);
        Assert.Contains("U+FFFD", blotters.Repairs, StringComparison.Ordinal);
        Assert.Contains("code page 437", blotters.Repairs, StringComparison.Ordinal);

        var greek = workspace.Store.Get(Assert.Single(workspace.Search("доставка").Hits).Doc)!;
        Assert.Equal(("Ξανάξ 2mg", "Σπίτι παράδοση / доставка по всему миру", "Ελλάδα"), (greek.Title, greek.Text, greek.Metadata!["shipping_note"]));
        Assert.Null(greek.Repairs);
    }

    [Fact]
    public void ShowTellsWhatWasRepaired()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "L").ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", Fixture("mojibake-unmapped.csv"), "-w", root).ExitCode);
        using var search = JsonDocument.Parse(LanternProcess.Run(folder.Path, "search", "blotters", "--json", "-w", root).Stdout);
        var doc = search.RootElement.GetProperty("hits")[0].GetProperty("doc").GetString()!;

        var human = LanternProcess.Run(folder.Path, "show", doc, "-w", root);
        using var json = JsonDocument.Parse(LanternProcess.Run(folder.Path, "show", doc, "--json", "-w", root).Stdout);

        Assert.Contains("repaired", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("double-encoded UTF-8", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("U+FFFD", json.RootElement.GetProperty("document").GetProperty("repairs").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LegacySingleByteFileIsDetectedAndDecoded()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(new IngestRequest([Fixture("windows-1252.csv")], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal((2, 0, "windows-1252"), (report.Files[0].Kept, report.Files[0].Repaired, report.Files[0].Encoding));
        var cafe = workspace.Store.Get(Assert.Single(workspace.Search("supérieure").Hits).Doc)!;
        Assert.Equal(("CaféNoir", "Kokaïn 1g", "Qualité supérieure – 90% pur", "€80"), (cafe.Author, cafe.Title, cafe.Text, cafe.Metadata!["price"]));
        Assert.Equal("Straße verschickt “diskret”", workspace.Store.Get(Assert.Single(workspace.Search("author:müller").Hits).Doc)!.Text);
    }

    [Fact]
    public void Utf16WithByteOrderMarkReadsWithExactByteRanges()
    {
        using var workspace = new TestWorkspace();
        var path = Fixture("utf16-bom.tsv");

        var report = workspace.Ingest(new IngestRequest([path], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal((2, "utf-16le"), (report.Files[0].Kept, report.Files[0].Encoding));
        var oxy = workspace.Store.Get(Assert.Single(workspace.Search("oxycodone").Hits).Doc)!;
        Assert.Equal("Pharma grade 💊 µg-exact", oxy.Text);
        var record = Encoding.Unicode.GetString(File.ReadAllBytes(path), (int)oxy.Provenance!.ByteStart, (int)(oxy.Provenance!.ByteEnd - oxy.Provenance!.ByteStart));
        Assert.Equal("DrStrange\tOxycodone 30mg\tPharma grade 💊 µg-exact", record);
        Assert.Equal("Blotter\r\nfresh batch", workspace.Store.Get(Assert.Single(workspace.Search("blotter").Hits).Doc)!.Text);
    }

    [Fact]
    public void JsonLinesSeparatedByCarriageReturnsOrInUtf16AreRead()
    {
        using var workspace = new TestWorkspace();

        var first = workspace.Ingest(Fixture("cr.jsonl"));
        var second = workspace.Ingest(Fixture("utf16be.jsonl"));

        Assert.Empty(first.Problems);
        Assert.Empty(second.Problems);
        Assert.Equal(2, first.Files[0].Kept);
        Assert.Equal((0, 2), (second.Files[0].Kept, second.Files[0].Duplicates));
        var restock = workspace.Store.Get(Assert.Single(workspace.Search("restock").Hits).Doc)!;
        Assert.Equal("Ketamine restock, 5g µ-crystals", restock.Text);
        Assert.Equal(2, workspace.Search("ketamine").Total);
    }

    [Fact]
    public void ForcedEncodingIsUsedAndAnUnknownOneIsRefused()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "L").ExitCode);
        var input = folder.File("one.csv", [.. "author,text\nJos"u8, 0xE9, .. ",caf"u8, 0xE9, .. " open\n"u8]);

        var bad = LanternProcess.Run(folder.Path, "ingest", input, "--encoding", "ebcdic", "-w", root);
        var forced = LanternProcess.Run(folder.Path, "ingest", input, "--encoding", "latin-1", "--json", "-w", root);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--encoding", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        using var json = JsonDocument.Parse(forced.Stdout);
        Assert.Equal("latin-1", json.RootElement.GetProperty("files")[0].GetProperty("encoding").GetString());
        using var search = JsonDocument.Parse(LanternProcess.Run(folder.Path, "search", "author:josé", "--json", "-w", root).Stdout);
        Assert.Equal(1, search.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public void NonEmptyFileThatYieldsNoRecordIsAnErrorNamingIt()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("header-only.csv", "vendor,title,description\r");

        var report = workspace.Ingest(path);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("header-only.csv", Path.GetFileName(problem.File));
        Assert.Contains("no record", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.Errors);
    }

    [Theory]
    [InlineData("cafÃ©", "café")]
    [InlineData("5Âµg", "5µg")]
    [InlineData("100┬╡g", "100µg")]
    [InlineData("weΓÇÖre", "we’re")]
    [InlineData("fast ≡ƒÜÇ", "fast 🚀")]
    [InlineData("â‚¬20", "€20")]
    [InlineData("Σπίτι αβγ δε", "Σπίτι αβγ δε")]
    [InlineData("доставка µg ±5", "доставка µg ±5")]
    [InlineData("Qualité à 90%", "Qualité à 90%")]
    public void DoubleEncodedTextIsRepairedAndGenuineTextLeftAlone(string input, string expected)
    {
        var repairs = new TextRepairs();

        var repaired = TextDecoder.RepairDoubleEncoding(input, repairs);

        Assert.Equal(expected, repaired);
        Assert.Equal(input != expected, repairs.Any);
    }
}
