using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

/// <summary>Watchlists raise alerts on new material only: each new matching document once per watch, none for what was stored before.</summary>
public sealed class WatchTests
{
    private const string Wallet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    private static string Line(string id, string site, string author, string text) =>
        $"{{\"id\":\"{id}\",\"site\":\"{site}\",\"author\":\"{author}\",\"text\":\"{text}\"}}\n";

    [Fact]
    public void ASecondBatchRaisesExactlyTheExpectedAlertsAndIngestingItAgainRaisesNone()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("batch1.jsonl",
            Line("d1", "market", "GreenDragon", $"pay to {Wallet} only") +
            Line("d2", "forum", "DragonGreen", "hello there") +
            Line("d3", "market", "Other", "pressed M30 blues, ships fast")));
        new Reviews(workspace.Session()).Decide("A-test", ["market/GreenDragon", "forum/DragonGreen"], "confirm", "same PGP key");
        var session = workspace.Session(reason: "operation order 7");

        var selector = session.AddWatch($"selector:BTC:{Wallet.ToUpperInvariant()}");
        var handle = session.AddWatch("handle:market/GreenDragon");
        var query = session.AddWatch("query:\"M30\" AND pressed");

        Assert.Equal($"btc:{Wallet}", selector.Target);
        Assert.Equal("operation order 7", selector.Reason);
        Assert.Empty(session.Alerts(all: true).Alerts);

        var batch2 = workspace.Folder.File("batch2.jsonl",
            Line("e1", "shop", "Quiet", $"send to {Wallet}") +
            Line("e2", "forum", "DragonGreen", "new stock in") +
            Line("e3", "market", "GreenDragon", "restocked M30 pressed") +
            Line("e4", "shop", "Rook", "nothing to see") +
            Line("e5", "shop", "Rook", $"M30 pressed, wallet {Wallet}"));
        var report = workspace.Ingest(batch2);

        Assert.Equal(3, report.Alerts);
        var alerts = session.Alerts();
        Assert.Equal(3, alerts.Unread);
        var bySpec = alerts.Alerts.ToDictionary(alert => alert.Watch.Id, alert => alert.Documents.Select(document => document.SourceId).Order().ToList());
        Assert.Equal(["e1", "e5"], bySpec[selector.Id]);
        Assert.Equal(["e2", "e3"], bySpec[handle.Id]);
        Assert.Equal(["e3", "e5"], bySpec[query.Id]);
        Assert.All(alerts.Alerts.SelectMany(alert => alert.Documents), document => Assert.Equal(document.SourceId, session.View(document.Doc)?.Document.SourceId));

        Assert.Equal(0, workspace.Ingest(batch2).Alerts);
        Assert.Equal(0, workspace.Ingest(workspace.Folder.File("batch2-copy.jsonl", File.ReadAllText(batch2))).Alerts);
        var report3 = workspace.Ingest(workspace.Folder.File("batch3.jsonl", Line("e1", "shop", "Quiet", $"send to {Wallet}") + Line("f1", "shop", "New", $"fresh {Wallet}")));
        Assert.Equal(1, report3.Alerts);
        var all = session.Alerts(all: true).Alerts;
        Assert.Equal(4, all.Count);
        Assert.Equal(["f1"], all[0].Documents.Select(document => document.SourceId));
        var everyDocument = all.SelectMany(alert => alert.Documents.Select(document => (alert.Watch.Id, document.Doc))).ToList();
        Assert.Equal(everyDocument.Count, everyDocument.Distinct().Count());
        Assert.Contains(new AuditLog(workspace.Workspace).Entries(), entry => entry.Action == "alerts.check" && entry.ResultCount == 3 && entry.User == "tester");
    }

    [Fact]
    public void DocumentsAnIngestStoredButDiedBeforeCheckingAreCheckedByTheNextIngest()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("before.jsonl", Line("a1", "shop", "Old", $"old {Wallet}")));
        var watch = workspace.Session(reason: "order 9").AddWatch($"selector:btc:{Wallet}");
        workspace.Ingest(workspace.Folder.File("died.jsonl", Line("b1", "shop", "Quiet", $"send to {Wallet}")));
        // What an ingest that died between storing its documents and checking them leaves: the documents, no alert,
        // the watches checked only up to the rows before it.
        using (var command = workspace.Workspace.Connection.CreateCommand())
        {
            command.CommandText = """
                DELETE FROM alerts;
                UPDATE watch_progress SET checked_through = (SELECT rowid FROM documents WHERE source_id = 'a1');
                """;
            command.ExecuteNonQuery();
        }

        var report = workspace.Ingest(workspace.Folder.File("next.jsonl", Line("c1", "shop", "Rook", $"wallet {Wallet}")));

        Assert.Equal(1, report.Alerts);
        var alert = Assert.Single(workspace.Session().Alerts(all: true).Alerts);
        Assert.Equal(watch.Id, alert.Watch.Id);
        Assert.Equal(["b1", "c1"], alert.Documents.Select(document => document.SourceId).Order());
        Assert.Equal(0, workspace.Ingest(workspace.Folder.File("again.jsonl", Line("c1", "shop", "Rook", $"wallet {Wallet}"))).Alerts);
    }

    [Fact]
    public void AlertsAreAcknowledgedPerMemberWithWhoAndWhen()
    {
        using var workspace = new TestWorkspace();
        workspace.Workspace.Members.Grant("anna", Role.Analyst, "tester");
        var session = workspace.Session();
        session.AddWatch("query:fentanyl");
        workspace.Ingest(workspace.Folder.File("a.jsonl", Line("1", "s", "x", "fentanyl patches")));
        workspace.Ingest(workspace.Folder.File("b.jsonl", Line("2", "s", "x", "more fentanyl")));
        var unread = session.Alerts();
        Assert.Equal(2, unread.Unread);

        Assert.Equal([unread.Alerts[^1].Id], session.AcknowledgeAlerts([unread.Alerts[^1].Id]));
        Assert.Equal(1, session.UnreadAlerts());
        Assert.Throws<NotFoundException>(() => session.AcknowledgeAlerts([999]));
        Assert.Single(session.AcknowledgeAlerts(null));
        Assert.Empty(session.Alerts().Alerts);
        var acknowledged = session.Alerts(all: true).Alerts;
        Assert.All(acknowledged, alert => Assert.Equal("tester", alert.Acknowledged?.By));
        Assert.Equal(2, workspace.Session("anna").UnreadAlerts());
        Assert.Empty(session.Alerts(since: DateTimeOffset.UtcNow.AddMinutes(1), all: true).Alerts);
    }

    [Fact]
    public void AWatchIsCheckedWhenAddedAndALookUpNeedsTheCasesJustification()
    {
        using var workspace = new TestWorkspace(TestWorkspace.NewCase() with { RequireReasonForLookups = true });
        var session = workspace.Session();

        Assert.Throws<AccessDeniedException>(() => session.AddWatch($"selector:btc:{Wallet}"));
        Assert.Throws<AccessDeniedException>(() => session.AddWatch("handle:market/GreenDragon"));
        Assert.Throws<AccessDeniedException>(() => session.AddWatch($"query:btc:{Wallet}"));
        session.AddWatch("query:xanax");

        var justified = workspace.Session(reason: "order 12");
        Assert.Throws<BadInputException>(() => justified.AddWatch("selector:btc:1NotAnAddress"));
        Assert.Throws<BadInputException>(() => justified.AddWatch("selector:nosuchtype:abc"));
        Assert.ThrowsAny<BadInputException>(() => justified.AddWatch("query:\"unclosed"));
        Assert.Throws<BadInputException>(() => justified.AddWatch("handle:nosite"));
        Assert.Throws<BadInputException>(() => justified.AddWatch("wallet:abc"));
        var watch = justified.AddWatch($"selector:btc:{Wallet}");
        Assert.Throws<ConflictException>(() => justified.AddWatch($"selector:btc:{Wallet}"));

        Assert.Equal(2, justified.Watches().Count);
        Assert.Equal(watch.Id, justified.RemoveWatch(watch.Id).Id);
        Assert.Throws<NotFoundException>(() => justified.RemoveWatch(watch.Id));
        Assert.Single(justified.Watches());
        var refusals = new AuditLog(workspace.Workspace).Entries().Where(entry => entry.Action == "watch.add").Select(entry => entry.Outcome).ToList();
        Assert.Equal(["denied", "denied", "denied", "ok", "failed", "failed", "failed", "failed", "failed", "ok", "failed"], refusals);
    }
}
