using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

/// <summary>Every column is searchable: unmapped columns and keys are fields under their lower-case names, and their words are found bare.</summary>
public sealed class MetadataFieldTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Scrapes", name);

    [Fact]
    public void UnmappedColumnsAreSearchableAsFieldsAndAsWords()
    {
        using var workspace = new TestWorkspace();

        workspace.Ingest(new IngestRequest([Fixture("from-to.csv")], Site: "m"));

        Assert.Equal(2, workspace.Search("from:usa").Total);
        Assert.Equal(2, workspace.Search("usa").Total);
        Assert.Equal(2, workspace.Search("category:benzos").Total);
        Assert.Equal(1, workspace.Search("from:usa AND to:worldwide").Total);
        Assert.Equal("BenzoChems", Assert.Single(workspace.Search("from:usa AND to:worldwide").Hits).Author);
        var service = workspace.Session();
        Assert.Equal(["category", "from", "price", "to"], service.MetadataFields());
    }

    [Fact]
    public void JsonKeysAreFieldsAndNamesTakenByOurFieldsArePrefixed()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("m.jsonl",
            "{\"id\":\"1\",\"site\":\"m\",\"text\":\"Needle crystals\",\"Ships From\":\"Netherlands\",\"email\":\"see profile\",\"selector\":\"L9\"}\n");

        workspace.Ingest(path);

        // "Ships From" is a route column: the listing facts' ships_from field (ISO codes, a place's
        // name normalized at search too) finds it, and the column keeps its words as meta_ships_from.
        Assert.Equal(1, workspace.Search("ships_from:netherlands").Total);
        Assert.Equal(1, workspace.Search("ships_from:NL").Total);
        Assert.Equal(1, workspace.Search("meta_ships_from:netherlands").Total);
        Assert.Equal(1, workspace.Search("meta_selector:l9").Total);
        var service = workspace.Session();
        Assert.Equal(["meta_email", "meta_selector", "meta_ships_from"], service.MetadataFields());
    }

    [Fact]
    public void KindOptionAndKindColumnMakeCsvRowsListings()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "L").ExitCode);
        var typed = folder.File("typed.csv", "vendor,title,description,rowtype\nA,Speed 10g,paste,listing\nB,Re: speed,thanks,post\n");

        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", Fixture("from-to.csv"), "--kind", "listing", "-w", root).ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", typed, "--map", "kind=rowtype", "-w", root).ExitCode);
        var bad = LanternProcess.Run(folder.Path, "ingest", typed, "--kind", "advert", "-w", root);

        using var listings = JsonDocument.Parse(LanternProcess.Run(folder.Path, "search", "kind:listing", "--limit", "50", "--json", "-w", root).Stdout);
        Assert.Equal(5, listings.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--kind", bad.Stderr, StringComparison.Ordinal);
    }
}
