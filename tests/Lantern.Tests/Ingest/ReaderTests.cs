using System.Text;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

public sealed class ReaderTests
{
    private static readonly string SharedSamples = TestData.Data("samples");

    [Fact]
    public void JsonLinesKeepsFieldsMetadataAndExactByteRanges()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("market.jsonl",
            "{\"id\":\"L1\",\"site\":\"nightmarket\",\"author\":\"GreenDragon\",\"title\":\"Coke\",\"text\":\"Best ❄️ in town\",\"posted_at\":\"2025-03-01T10:00:00Z\",\"kind\":\"listing\",\"price\":42}\n" +
            "\n" +
            "{\"id\":7,\"site\":\"nightmarket\",\"author\":\"buyer1\",\"html\":\"<p>Great <b>stealth</b></p><script>x()</script>\",\"posted_at\":\"2025-03-02 08:00\"}\n");

        var report = workspace.Ingest(path);

        Assert.Equal(2, report.Added);
        Assert.Empty(report.Problems);
        var hits = workspace.Search("author:greendragon").Hits;
        var listing = workspace.Store.Get(Assert.Single(hits).Doc)!;
        Assert.Equal(("nightmarket", "L1", "listing", "Coke"), (listing.Site, listing.SourceId, listing.Kind, listing.Title));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), listing.PostedAt);
        Assert.Equal("42", listing.Metadata!["price"]);
        Assert.Equal(1, listing.Provenance!.Line);
        Assert.Equal(Path.GetFullPath(path), listing.Provenance!.SourcePath);
        Assert.Equal(IngestService.HashFile(path), listing.Provenance!.SourceSha256);
        var bytes = File.ReadAllBytes(path);
        var record = Encoding.UTF8.GetString(bytes, (int)listing.Provenance!.ByteStart, (int)(listing.Provenance!.ByteEnd - listing.Provenance!.ByteStart));
        Assert.StartsWith("{\"id\":\"L1\"", record, StringComparison.Ordinal);
        Assert.EndsWith("\"price\":42}", record, StringComparison.Ordinal);

        var review = workspace.Store.Get(Assert.Single(workspace.Search("stealth").Hits).Doc)!;
        Assert.Equal("Great stealth", review.Text);
        Assert.Equal("7", review.SourceId);
        Assert.Equal(3, review.Provenance!.Line);
    }

    [Fact]
    public void JsonLinesFromScrapersWithTheirOwnKeyNamesAreMapped()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("scrape.jsonl",
            "{\"post_id\":991,\"forum\":\"dreadhall\",\"username\":\"frostbyte\",\"subject\":\"Restock\",\"content\":\"ketamine back in\",\"timestamp\":1735732800,\"views\":12,\"user\":{\"rank\":\"vendor\"}}\n");

        workspace.Ingest(path);

        var document = workspace.Store.Get(workspace.Search("ketamine").Hits.Single().Doc)!;
        Assert.Equal(("dreadhall", "991", "frostbyte", "Restock"), (document.Site, document.SourceId, document.Author, document.Title));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735732800), document.PostedAt);
        Assert.Equal("12", document.Metadata!["views"]);
        Assert.Contains("rank", document.Metadata["user"], StringComparison.Ordinal);
    }

    [Fact]
    public void CsvRecognisesMarketplaceDumpColumnsAndQuotedLineBreaks()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("agora.csv",
            "Vendor,Category,Item,Item Description,Price,Origin\n" +
            "GreenDragon,Drugs/Stimulants,Cocaine 1g,\"Pure, uncut.\nShips \"\"fast\"\"\",0.1 BTC,Netherlands\n" +
            "FrostByte,Drugs/Opioids,Oxy M30,Pressed blues,0.05 BTC,Germany\n");

        var report = workspace.Ingest(new IngestRequest([path], Site: "agora"));

        Assert.Equal(2, report.Added);
        var document = workspace.Store.Get(Assert.Single(workspace.Search("uncut").Hits).Doc)!;
        Assert.Equal(("agora", "GreenDragon", "Cocaine 1g"), (document.Site, document.Author, document.Title));
        Assert.Equal("Pure, uncut.\nShips \"fast\"", document.Text);
        Assert.Equal("Netherlands", document.Metadata!["Origin"]);
        Assert.Equal("1", document.SourceId);
        Assert.Equal(2, document.Provenance!.Line);
        Assert.Equal(1, document.Provenance!.Record);
    }

    [Fact]
    public void CsvColumnMapOverridesRecognitionAndNamesAMissingColumn()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("calls.csv", "who;said;ref\nalpha;meet at the docks;A-1\n");

        var report = workspace.Ingest(new IngestRequest([path], ColumnMap: new Dictionary<string, string> { ["author"] = "who", ["text"] = "said", ["id"] = "ref" }));
        Assert.Equal(1, report.Added);
        Assert.Equal("A-1", workspace.Search("docks").Hits.Single().SourceId);

        var bad = workspace.Folder.File("calls2.csv", "who;said\nalpha;x\n");
        var failed = workspace.Ingest(new IngestRequest([bad], ColumnMap: new Dictionary<string, string> { ["text"] = "missing" }));
        var problem = Assert.Single(failed.Problems);
        Assert.Contains("no column named 'missing'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TelegramSampleExportReadsEveryMessageWithFlattenedText()
    {
        using var workspace = new TestWorkspace();
        var sample = Path.Combine(SharedSamples, "telegram-export-sample.json");

        var report = workspace.Ingest(sample);

        var file = Assert.Single(report.Files);
        Assert.Equal("telegram", file.Format);
        Assert.Equal(250, file.Added + file.Versions + file.Duplicates);
        Assert.Empty(report.Problems);
        var hit = workspace.Search("\"one piece is real\"").Hits.First();
        Assert.Equal("Sample Chat Group", hit.Site);
        Assert.Equal("Joseph Joestar", hit.Author);
        var document = workspace.Store.Get(hit.Doc)!;
        Assert.Equal("message", document.Kind);
        Assert.NotNull(document.Provenance!.Record);
        var raw = Encoding.UTF8.GetString(File.ReadAllBytes(sample)[(int)document.Provenance!.ByteStart..(int)document.Provenance!.ByteEnd]);
        Assert.StartsWith("{", raw, StringComparison.Ordinal);
        Assert.Contains("The One Piece is Real!", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void TelegramTextArraysKeepEntityTextAndLinkTargets()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("result.json", """
            {"name":"Plug Channel","type":"public_channel","id":5,"messages":[
              {"id":1,"type":"service","date":"2025-01-01T00:00:00","actor":"x","action":"join","text":""},
              {"id":2,"type":"message","date":"2025-01-02T10:00:00","date_unixtime":"1735812000","from":"Plug","text":["DM ",{"type":"mention","text":"@plug_nl"}," or ",{"type":"text_link","text":"shop","href":"http://abc.example/shop"}]}
            ]}
            """);

        var report = workspace.Ingest(path);

        Assert.Equal(1, report.Added);
        var document = workspace.Store.Get(workspace.Search("plug_nl").Hits.Single().Doc)!;
        Assert.Equal("DM @plug_nl or shop (http://abc.example/shop)", document.Text);
        Assert.Equal(("Plug Channel", "2", "Plug"), (document.Site, document.SourceId, document.Author));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735812000), document.PostedAt);
    }

    [Fact]
    public void HtmlKeepsVisibleTextOnlyWithSpacesBetweenBlocks()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("shop/oxy.html",
            "<!DOCTYPE html><html><head><title>Buy Oxy</title><link rel=\"canonical\" href=\"https://rx-shop.example/oxy\">" +
            "<script>var secret='scriptword';</script><style>.a{color:red} stylerule</style></head>" +
            "<body><h1>Oxycodone</h1><div>30mg</div><p>No<b>rx</b> needed</p><ul><li>fast</li><li>discreet</li></ul></body></html>");

        workspace.Ingest(path);

        Assert.Empty(workspace.Search("scriptword").Hits);
        Assert.Empty(workspace.Search("stylerule").Hits);
        var document = workspace.Store.Get(workspace.Search("oxycodone").Hits.Single().Doc)!;
        Assert.Equal("Oxycodone\n30mg\nNorx needed\nfast\ndiscreet", document.Text);
        Assert.Equal(("rx-shop.example", "Buy Oxy", "page"), (document.Site, document.Title, document.Kind));
        Assert.Equal("https://rx-shop.example/oxy", document.Url);
        Assert.Single(workspace.Search("\"30mg norx\"").Hits);
    }

    [Fact]
    public void PlainTextIsOneDocumentAndFoldersAreReadRecursively()
    {
        using var workspace = new TestWorkspace();
        workspace.Folder.File("case/notes/a.txt", "informant says the drop is at the harbour");
        workspace.Folder.File("case/b.jsonl", "{\"id\":\"1\",\"site\":\"f\",\"text\":\"harbour meeting\"}\n");

        var report = workspace.Ingest(workspace.Folder.Combine("case"));

        Assert.Equal(2, report.Files.Count);
        Assert.Equal(2, workspace.Search("harbour").Total);
    }
}
