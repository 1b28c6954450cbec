using Lantern.Cases;
using Lantern.Graph;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Graph;

public sealed class PathTests
{
    [Fact]
    public void PathsGoThroughSharedSelectorsAndRelationsCitingDocumentsButNotThroughHubs()
    {
        using var workspace = new TestWorkspace();
        var lines = new List<string>
        {
            "{\"id\":\"1\",\"site\":\"tg\",\"author\":\"plug\",\"text\":\"DM me, session 05d871fc80ca007eed9b2f4df72853e2a2d5465a92fcb1889fb5c84aa2833b3b40\"}",
            "{\"id\":\"2\",\"site\":\"market\",\"author\":\"vendor\",\"text\":\"session 05d871fc80ca007eed9b2f4df72853e2a2d5465a92fcb1889fb5c84aa2833b3b40 or mail v@proton.me\"}",
            "{\"id\":\"3\",\"site\":\"forum\",\"author\":\"courier\",\"text\":\"write v@proton.me\"}",
        };
        for (var index = 0; index < 6; index++)
        {
            lines.Add($"{{\"id\":\"h{index}\",\"site\":\"market\",\"author\":\"user{index}\",\"text\":\"support: help@market.example.org\"}}");
        }

        lines.Add("{\"id\":\"h9\",\"site\":\"tg\",\"author\":\"plug\",\"text\":\"support: help@market.example.org\"}");
        workspace.Ingest(workspace.Folder.File("docs.jsonl", string.Join('\n', lines) + "\n"));
        workspace.Ingest(new IngestRequest([workspace.Folder.File("calls.csv", "forum/courier,phone/box\n")], Format: "edges"));
        var links = workspace.Session();

        var path = links.Path("tg/plug", "phone/box");

        Assert.True(path.Found);
        Assert.Equal(["tg/plug→market/vendor", "market/vendor→forum/courier", "forum/courier→phone/box"], path.Hops.Select(hop => $"{hop.From}→{hop.To}"));
        Assert.StartsWith("session:05d871", path.Hops[0].Via, StringComparison.Ordinal);
        Assert.Equal(2, path.Hops[0].Docs.Count);
        Assert.Equal("email:v@proton.me", path.Hops[1].Via);
        Assert.Equal("relation", path.Hops[2].Via);
        Assert.StartsWith("calls.csv:", Assert.Single(path.Hops[2].Docs), StringComparison.Ordinal);
        Assert.False(workspace.Session().Path("market/user0", "tg/plug").Found);

        var neighbourhood = workspace.Session().Links("market/vendor", 1);
        Assert.Contains(neighbourhood, item => item.Node == "tg/plug" && item.Distance == 2);
        Assert.Contains(neighbourhood, item => item.Node == "email:v@proton.me" && item.Distance == 1);
    }
}
