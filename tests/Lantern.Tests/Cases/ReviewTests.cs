using Lantern.Cases;
using Lantern.Graph;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

public sealed class ReviewTests
{
    [Fact]
    public void SupervisorDecisionsSurviveReingestAndRejectedClustersAreNotSuggestedAgain()
    {
        using var workspace = new TestWorkspace();
        workspace.IngestDemo();
        workspace.Workspace.Members.Grant("anna", Role.Analyst, "tester");
        var clusters = workspace.Session().Aliases();
        var strong = clusters.First(cluster => cluster.Strong);
        var weak = clusters.First(cluster => !cluster.Strong && cluster.Status == "suggested");

        Assert.Throws<AccessDeniedException>(() => new Reviews(workspace.Session("anna")).Decide(strong.Id, strong.Members, "confirm", "looks right"));
        Assert.Throws<BadInputException>(() => new Reviews(workspace.Session()).Decide(strong.Id, strong.Members, "confirm", " "));
        new Reviews(workspace.Session()).Decide(strong.Id, strong.Members, "confirm", "same key and wallet");
        new Reviews(workspace.Session()).Decide(weak.Id, weak.Members, "reject", "different people");
        workspace.Ingest(workspace.Folder.File("more.jsonl", "{\"id\":\"x1\",\"site\":\"elsewhere\",\"author\":\"someone\",\"text\":\"new material\"}\n"));

        var after = workspace.Session("anna").Aliases().ToDictionary(cluster => cluster.Id);

        Assert.Equal(("confirmed", "tester", "same key and wallet"), (after[strong.Id].Status, after[strong.Id].DecidedBy, after[strong.Id].DecisionReason));
        Assert.Equal("rejected", after[weak.Id].Status);
        Assert.DoesNotContain(after.Values, cluster => cluster.Id == weak.Id && cluster.Status == "suggested");
        var reviews = new AuditLog(workspace.Workspace).Entries().Where(entry => entry.Action == "review").ToList();
        Assert.Equal(["denied", "ok", "ok"], reviews.Select(entry => entry.Outcome));
    }
}
