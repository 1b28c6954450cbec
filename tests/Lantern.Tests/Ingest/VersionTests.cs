using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

/// <summary>A record that differs in any column is a version of its listing, never a duplicate; search shows a listing once.</summary>
public sealed class VersionTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Scrapes", name);

    [Fact]
    public void RowsWithoutAnIdThatDifferInPriceOrCategoryAreVersions()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(new IngestRequest([Fixture("price-change-no-id.csv")], Site: "m"));

        var file = report.Files[0];
        Assert.Equal((4, 2, 1), (file.Kept, file.Versions, file.Duplicates));
        var hit = Assert.Single(workspace.Search("etizolam").Hits);
        Assert.Equal(3, hit.Versions);
        var newest = workspace.Store.Get(hit.Doc)!;
        Assert.Equal(("0.04 BTC", "Other"), (newest.Metadata!["price"], newest.Metadata["category"]));
        Assert.Equal(3, Search(workspace, "etizolam", allVersions: true).Hits.Count);
        Assert.Equal(1, Assert.Single(workspace.Search("furanylfentanyl").Hits).Versions);
    }

    [Fact]
    public void APriceChangeUnderTheSameIdIsANewVersionAndAnIdenticalRowIsNot()
    {
        using var workspace = new TestWorkspace();
        var map = new Dictionary<string, string> { ["id"] = "list" };

        workspace.Ingest(new IngestRequest([Fixture("price-change-id-day1.csv")], Site: "m", ColumnMap: map));
        var second = workspace.Ingest(new IngestRequest([Fixture("price-change-id-day2.csv")], Site: "m", ColumnMap: map));

        Assert.Equal((0, 1, 1), (second.Files[0].Added, second.Files[0].Versions, second.Files[0].Duplicates));
        var hit = Assert.Single(workspace.Search("etizolam").Hits);
        Assert.Equal(("7781", 2), (hit.SourceId, hit.Versions));
        Assert.Equal("0.045 BTC", workspace.Store.Get(hit.Doc)!.Metadata!["price"]);
    }

    [Fact]
    public void AListingScrapedDailyShowsOnceWithItsVersionsAndReingestingAddsNothing()
    {
        using var workspace = new TestWorkspace();
        var days = Enumerable.Range(1, 10).Select(day => Fixture(Path.Combine("daily", $"2017-03-{day:00}.csv"))).ToArray();

        var report = workspace.Ingest(new IngestRequest(days, Site: "m"));
        var again = workspace.Ingest(new IngestRequest(days, Site: "m"));
        // The last day again with CRLF line ends: other bytes, the same records.
        var copy = workspace.Folder.File("day-10-crlf.csv", File.ReadAllText(days[^1]).Replace("\r", "\r\n", StringComparison.Ordinal));
        var copied = workspace.Ingest(new IngestRequest([copy], Site: "m"));

        Assert.Empty(report.Problems);
        Assert.Equal((2, 9, 9), (report.Files.Sum(file => file.Added), report.Files.Sum(file => file.Versions), report.Duplicates));
        Assert.All(again.Files, file => Assert.True(file.AlreadyIngested));
        Assert.Equal((0, 0, 2), (copied.Files[0].Added, copied.Files[0].Versions, copied.Files[0].Duplicates));

        var hits = Search(workspace, "ketamine OR xanax", allVersions: false).Hits;
        Assert.Equal(2, hits.Count);
        var ketamine = Assert.Single(hits, hit => hit.Title == "Ketamine 5g");
        Assert.Equal(10, ketamine.Versions);
        Assert.Equal("2017-03-10", workspace.Store.Get(ketamine.Doc)!.Metadata!["scraped"]);
        Assert.Equal(10, Search(workspace, "ketamine", allVersions: true).Hits.Count);
    }

    [Fact]
    public void ShowListsTheVersionsWithWhatChanged()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("case");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "L").ExitCode);
        var ingest = LanternProcess.Run(folder.Path, "ingest", Fixture("price-change-no-id.csv"), "--site", "m", "--json", "-w", root);
        Assert.Equal(0, ingest.ExitCode);
        using (var totals = JsonDocument.Parse(ingest.Stdout))
        {
            var (added, newVersions, kept) = (totals.RootElement.GetProperty("added").GetInt32(), totals.RootElement.GetProperty("versions").GetInt32(), totals.RootElement.GetProperty("kept").GetInt32());
            Assert.Equal((2, 2, 4), (added, newVersions, kept));
        }


        var search = LanternProcess.Run(folder.Path, "search", "etizolam", "--json", "-w", root);
        using var hits = JsonDocument.Parse(search.Stdout);
        var hit = Assert.Single(hits.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal(3, hit.GetProperty("versions").GetInt32());
        var all = LanternProcess.Run(folder.Path, "search", "etizolam", "--all-versions", "--json", "-w", root);
        using var allHits = JsonDocument.Parse(all.Stdout);
        Assert.Equal(3, allHits.RootElement.GetProperty("hits").GetArrayLength());
        Assert.Contains("3 versions", LanternProcess.Run(folder.Path, "search", "etizolam", "-w", root).Stdout, StringComparison.Ordinal);

        var doc = hit.GetProperty("doc").GetString()!;
        var human = LanternProcess.Run(folder.Path, "show", doc, "-w", root);
        using var json = JsonDocument.Parse(LanternProcess.Run(folder.Path, "show", doc, "--json", "-w", root).Stdout);

        Assert.Contains("3 versions of this listing", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("price", human.Stdout, StringComparison.Ordinal);
        var versions = json.RootElement.GetProperty("versions");
        Assert.Equal(3, versions.GetArrayLength());
        Assert.Equal(["price"], versions[1].GetProperty("changed").EnumerateArray().Select(change => change.GetString()));
        Assert.Equal(["category"], versions[2].GetProperty("changed").EnumerateArray().Select(change => change.GetString()));
    }

    private static SearchResults Search(TestWorkspace workspace, string query, bool allVersions)
    {
        var service = workspace.Session();
        return service.Search(new SearchRequest(query, 50, AllVersions: allVersions));
    }
}
