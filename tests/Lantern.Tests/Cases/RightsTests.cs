using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

public sealed class RightsTests
{
    private const string Wallet = "bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv";

    private static TestWorkspace WorkspaceWithMembers(out string path)
    {
        var workspace = new TestWorkspace();
        path = workspace.Folder.File("m.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"author\":\"A\",\"text\":\"pay " + Wallet + "\"}\n");
        var members = workspace.Workspace.Members;
        members.Grant("anna", Role.Analyst, "tester");
        members.Grant("sam", Role.Supervisor, "tester");
        members.Grant("otto", Role.Auditor, "tester");
        members.Grant("ada", Role.Admin, "tester");
        return workspace;
    }

    private static bool Allowed(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("anna", true, true, true, true, false, false, false)]
    [InlineData("sam", true, true, true, true, true, true, false)]
    [InlineData("otto", false, false, false, false, true, true, false)]
    [InlineData("ada", false, false, false, false, false, true, true)]
    [InlineData("mallory", false, false, false, false, false, false, false)]
    public void EachRoleCanDoExactlyWhatTheDesignSays(string user, bool ingest, bool search, bool view, bool selectors, bool readAudit, bool verifyAudit, bool manageMembers)
    {
        using var workspace = WorkspaceWithMembers(out var path);
        workspace.Ingest(path);
        var docId = workspace.Search("pay").Hits.Single().Doc;
        var session = workspace.Session(user);
        var service = session;
        var before = session.Audit.Entries().Count;

        var outcomes = new[]
        {
            Allowed(() => new IngestService(session).Run(new IngestRequest([path]))),
            Allowed(() => service.Search(new SearchRequest("pay"))),
            Allowed(() => service.View(docId)),
            Allowed(() => service.Selectors(null, 1, 10)),
            Allowed(() => new CaseAdministration(session).AuditEntries(null, null, null)),
            Allowed(() => new CaseAdministration(session).VerifyAudit(null)),
            Allowed(() => new CaseAdministration(session).AddMember("newcomer", Role.Analyst)),
        };

        Assert.Equal([ingest, search, view, selectors, readAudit, verifyAudit, manageMembers], outcomes);
        var denials = session.Audit.Entries().Skip(before).Where(entry => entry.Outcome == "denied").ToList();
        Assert.Equal(outcomes.Count(allowed => !allowed), denials.Count);
        Assert.All(denials, entry => Assert.Equal(user, entry.User));
    }

    [Fact]
    public void EveryActionWritesOneEntryWithItsParametersCountAndJustification()
    {
        using var workspace = WorkspaceWithMembers(out var path);
        var anna = workspace.Session("anna", reason: "lead 2026/41");
        new IngestService(anna).Run(new IngestRequest([path]));
        var service = anna;
        var hit = service.Search(new SearchRequest("pay")).Hits.Single();
        service.View(hit.Doc);
        service.Selectors("btc", 1, 10);
        service.Search(new SearchRequest($"btc:{Wallet}"));

        var entries = anna.Audit.Entries().Where(entry => entry.User == "anna").ToList();

        // An ingest writes a "started" entry before any work and its result at the end.
        Assert.Equal(["ingest", "ingest", "search", "view", "selectors", "selector.lookup"], entries.Select(entry => entry.Action));
        Assert.Equal(["started", "ok", "ok", "ok", "ok", "ok"], entries.Select(entry => entry.Outcome));
        Assert.All(entries, entry => Assert.Equal(("analyst", "lead 2026/41"), (entry.Role, entry.Justification)));
        Assert.Equal([-1L, 1, 1, 1, 1, 1], entries.Select(entry => entry.ResultCount ?? -1));
        Assert.Contains("m.jsonl", entries[1].Parameters, StringComparison.Ordinal);
        Assert.Equal("pay", JsonDocument.Parse(entries[2].Parameters).RootElement.GetProperty("query").GetString());
        Assert.Contains(hit.Doc, entries[3].Parameters, StringComparison.Ordinal);
        Assert.True(anna.Audit.Verify().Intact);
    }

    [Fact]
    public void LinkPathAliasAndNetworkQueriesAreEachAuditedOnce()
    {
        using var workspace = WorkspaceWithMembers(out var path);
        workspace.Ingest(path);
        var anna = workspace.Session("anna", reason: "lead 7");

        anna.Aliases();
        anna.Network();
        anna.Path("m/A", $"btc:{Wallet}");
        anna.Links("m/A", 1);

        var entries = anna.Audit.Entries(user: "anna");
        Assert.Equal(["aliases", "network", "path", "links"], entries.Select(entry => entry.Action));
        Assert.All(entries, entry => Assert.Equal(("analyst", "ok", "lead 7"), (entry.Role, entry.Outcome, entry.Justification)));
        Assert.Contains("m/A", entries[2].Parameters, StringComparison.Ordinal);
        Assert.Equal(1, entries[2].ResultCount);
    }

    [Fact]
    public void ACaseCanRequireAJustificationForSelectorLookups()
    {
        using var folder = new TempFolder();
        using var strict = CaseAdministration.CreateCase(folder.Combine("strict"), TestWorkspace.NewCase() with { RequireReasonForLookups = true });
        var service = CaseSession.Open(strict, "tester");

        var denied = Assert.Throws<AccessDeniedException>(() => service.Selectors(null, 1, 10));
        Assert.Contains("--reason", denied.Message, StringComparison.Ordinal);
        Assert.Throws<AccessDeniedException>(() => service.Search(new SearchRequest($"btc:{Wallet}")));
        var justified = CaseSession.Open(strict, "tester", "warrant 17");
        justified.Selectors(null, 1, 10);

        var entries = new AuditLog(strict).Entries().Skip(1).ToList();
        Assert.Equal(["denied", "denied", "ok"], entries.Select(entry => entry.Outcome));
        Assert.Equal("warrant 17", entries[^1].Justification);
    }

    [Fact]
    public void TheCliRefusesWithExitCodeThreeAndRecordsTheDenial()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "C", "--title", "T", "--legal-basis", "B");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "members", "add", "otto", "--role", "auditor", "-w", root).ExitCode);

        // The account running the tests created the case, so it is its admin and may act as others: as otto, an auditor, and as eve, a stranger.
        var search = LanternProcess.Run(folder.Path, "search", "anything", "-w", root, "--user", "otto");
        var stranger = LanternProcess.Run(folder.Path, "search", "anything", "-w", root, "--user", "eve");

        Assert.Equal(3, search.ExitCode);
        Assert.Contains("may not search the case", search.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, stranger.ExitCode);
        Assert.Contains("not a member", stranger.Stderr, StringComparison.Ordinal);
        var audit = LanternProcess.Run(folder.Path, "audit", "show", "--json", "-w", root, "--user", "otto");
        var entries = JsonDocument.Parse(audit.Stdout).RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["init", "members.add", "search", "search"], entries.Select(entry => entry.GetProperty("action").GetString()));
        Assert.Equal(["ok", "ok", "denied", "denied"], entries.Select(entry => entry.GetProperty("outcome").GetString()));
    }
}
