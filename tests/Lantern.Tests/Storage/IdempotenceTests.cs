using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Storage;

public sealed class IdempotenceTests
{
    [Fact]
    public void IngestingTheSameFilesAgainAddsNothingAndSaysSo()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("a.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"text\":\"one\"}\n{\"id\":\"2\",\"site\":\"m\",\"text\":\"two\"}\n");
        workspace.Ingest(path);

        var again = workspace.Ingest(path);

        Assert.True(Assert.Single(again.Files).AlreadyIngested);
        Assert.Equal(0, again.Added);
        Assert.Equal(2, workspace.Store.Count());
    }

    [Fact]
    public void TheSameRecordInAnotherFileIsADuplicateAndAChangedOneANewVersion()
    {
        using var workspace = new TestWorkspace();
        var first = workspace.Folder.File("scrape1.jsonl", "{\"id\":\"L1\",\"site\":\"m\",\"text\":\"price 10\"}\n{\"id\":\"L2\",\"site\":\"m\",\"text\":\"kept\"}\n");
        var second = workspace.Folder.File("scrape2.jsonl", "{\"id\":\"L1\",\"site\":\"m\",\"text\":\"price 12\"}\n{\"id\":\"L2\",\"site\":\"m\",\"text\":\"kept\"}\n");
        workspace.Ingest(first);

        var report = workspace.Ingest(second);

        var file = Assert.Single(report.Files);
        Assert.Equal((0, 1, 1), (file.Added, file.Versions, file.Duplicates));
        Assert.Equal(3, workspace.Store.Count());
        Assert.Equal(2, workspace.Search("price").Total);
    }

    [Fact]
    public void CsvRowsWithoutIdsAreIdentifiedByContentAcrossFiles()
    {
        using var workspace = new TestWorkspace();
        var first = workspace.Folder.File("a.csv", "Vendor,Item\nA,apples\nB,bananas\n");
        var second = workspace.Folder.File("b.csv", "Vendor,Item\nC,cherries\nA,apples\n");

        workspace.Ingest(new Lantern.Cases.IngestRequest([first, second], Site: "shop"));

        Assert.Equal(3, workspace.Store.Count());
    }
}
