using System.Globalization;
using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;
using Lantern.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lantern.Tests.Cases;

/// <summary>
/// What an insider with write access to the workspace (but not the audit key) can and cannot hide:
/// edits made straight to lantern.db and audit-head, checked with and without the case's key.
/// </summary>
public sealed class AuditTrustTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public AuditTrustTests()
    {
        var log = new AuditLog(workspace.Workspace);
        for (var index = 1; index <= 8; index++)
        {
            log.Append("tester", "supervisor", "search", new { query = $"q{index}" }, index, null);
        }
    }

    private Workspace Case => workspace.Workspace;

    private string HeadPath => Path.Combine(Case.Root, AuditLog.HeadFileName);

    private AuditVerification WithKey(AuditCheckpoint? checkpoint = null) => new AuditLog(Case).Verify(checkpoint: checkpoint);

    private AuditVerification WithoutKey(AuditCheckpoint? checkpoint = null) => new AuditLog(Case, key: null).Verify(checkpoint: checkpoint);

    private void Sql(string sql)
    {
        using var command = Case.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ADeletedHeadWithATruncatedTailFailsVerification()
    {
        Sql("DELETE FROM audit WHERE seq > 6");
        File.Delete(HeadPath);

        var result = WithoutKey();

        Assert.False(result.Intact);
        Assert.Contains("audit-head is missing", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("7 not-a-hash")]
    public void AGarbageHeadFailsVerification(string content)
    {
        File.WriteAllText(HeadPath, content);

        var result = WithoutKey();

        Assert.False(result.Intact);
        Assert.Contains("not a head record", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOlderCopyOfTheHeadFailsVerification()
    {
        var older = File.ReadAllText(HeadPath);
        new AuditLog(Case).Append("tester", "supervisor", "search", new { query = "later" }, 0, null);
        File.WriteAllText(HeadPath, older);

        var result = WithKey();

        Assert.False(result.Intact);
        Assert.Equal(10, result.FirstBadSeq);
        Assert.Contains("older copy", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AWipedTrailFailsEvenWithoutItsHead()
    {
        Sql("DELETE FROM audit");
        File.Delete(HeadPath);

        var result = WithoutKey();

        Assert.False(result.Intact);
        Assert.Contains("wiped", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AConsistentlyRewrittenChainPassesTheHashChainButNotTheKey()
    {
        // The insider changes what entry 3 says, recomputes every later hash and rewrites the head.
        var entries = new AuditLog(Case).Entries();
        var previous = entries[1].Hash;
        foreach (var entry in entries.Skip(2))
        {
            var rewritten = entry with { PrevHash = previous, Parameters = entry.Seq == 3 ? "{\"query\":\"innocent\"}" : entry.Parameters };
            rewritten = rewritten with { Hash = AuditLog.ComputeHash(rewritten) };
            Sql($"UPDATE audit SET parameters = '{rewritten.Parameters}', prev_hash = '{rewritten.PrevHash}', hash = '{rewritten.Hash}' WHERE seq = {entry.Seq}");
            previous = rewritten.Hash;
        }

        File.WriteAllText(HeadPath, $"{entries[^1].Seq} {previous}\n");

        var chainOnly = WithoutKey();
        Assert.True(chainOnly.Intact);
        Assert.False(chainOnly.SignaturesChecked);
        Assert.Contains("signatures not checked", chainOnly.Notice, StringComparison.Ordinal);

        var signed = WithKey();
        Assert.False(signed.Intact);
        Assert.Equal(3, signed.FirstBadSeq);
        Assert.Contains("signature does not match", signed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AForgedAppendedEntryFailsWithTheKey()
    {
        // Appended by someone who can write the workspace but does not hold the key.
        new AuditLog(Case, key: null).Append("tester", "supervisor", "search", new { query = "alibi" }, 0, null);

        Assert.True(WithoutKey().Intact);
        var signed = WithKey();
        Assert.False(signed.Intact);
        Assert.Equal(10, signed.FirstBadSeq);
        Assert.Contains("carries no signature", signed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointProvesTheTrailStillHoldsItsEntry()
    {
        var checkpoint = new AuditLog(Case).Checkpoint();
        Assert.NotNull(checkpoint.Signature);
        new AuditLog(Case).Append("tester", "supervisor", "search", new { query = "after the checkpoint" }, 0, null);

        Assert.True(WithKey(checkpoint).Intact);

        // Truncated below the checkpoint, head rewritten to match: only the checkpoint can tell.
        var keep = new AuditLog(Case).Entries()[5];
        Sql($"DELETE FROM audit WHERE seq > {keep.Seq}");
        File.WriteAllText(HeadPath, $"{keep.Seq} {keep.Hash}\n");
        var truncated = WithoutKey(checkpoint);
        Assert.False(truncated.Intact);
        Assert.Contains("entries were removed", truncated.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAlteredCheckpointIsRefusedWithTheKey()
    {
        var checkpoint = new AuditLog(Case).Checkpoint();
        var file = workspace.Folder.File("nightjar.checkpoint", checkpoint.ToJson());
        var altered = AuditCheckpoint.Read(file) with { Entry = 3, Hash = new AuditLog(Case).Entries()[2].Hash };

        Assert.True(WithKey(AuditCheckpoint.Read(file)).Intact);
        Assert.Contains("signature", WithKey(altered).Problem, StringComparison.Ordinal);
    }

    /// <summary>Cuts the trail short from another connection, as an insider with sqlite3 would.</summary>
    private void CutFromOutside(string sql)
    {
        using var outside = new SqliteConnection($"Data Source={Path.Combine(Case.Root, "lantern.db")};Pooling=False");
        outside.Open();
        using var command = outside.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void TamperWithHead(string how)
    {
        switch (how)
        {
            case "deleted":
                File.Delete(HeadPath);
                break;
            case "garbage":
                File.WriteAllText(HeadPath, "garbage!!\n");
                break;
            case "left as it was":
                break;
            default:
                throw new ArgumentException(how, nameof(how));
        }
    }

    [Theory]
    [InlineData("deleted", "audit-head is missing")]
    [InlineData("garbage", "not a head record")]
    [InlineData("left as it was", "were removed from the end")]
    public void ACutShortTrailIsNotLaunderedByTheNextCommand(string head, string discrepancy)
    {
        CutFromOutside("DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)");
        TamperWithHead(head);

        workspace.Search("legit");

        var anomaly = Assert.Single(new AuditLog(Case).Entries(action: AuditLog.AnomalyAction));
        Assert.Equal((7, AuditLog.AnomalyOutcome), (anomaly.Seq, anomaly.Outcome));
        Assert.NotNull(anomaly.Signature);
        Assert.Contains("\"database_tail\":{\"entry\":6", anomaly.Parameters, StringComparison.Ordinal);
        foreach (var result in new[] { WithKey(), WithoutKey() })
        {
            Assert.False(result.Intact);
            Assert.Equal(7, result.FirstBadSeq);
            Assert.Contains("entry 7 (audit.anomaly", result.Problem, StringComparison.Ordinal);
            Assert.Contains(discrepancy, result.Problem, StringComparison.Ordinal);
        }

        // Later commands, and the verification's own entry, do not wash it out either.
        var administration = new CaseAdministration(workspace.Session());
        Assert.False(administration.VerifyAudit(null).Intact);
        workspace.Search("more");
        Assert.False(administration.VerifyAudit(null).Intact);
    }

    [Fact]
    public void AKeylessWriterAfterACutRecordsTheAnomalyToo()
    {
        CutFromOutside("DELETE FROM audit WHERE seq > 5");
        File.Delete(HeadPath);

        new AuditLog(Case, key: null).Append("tester", "supervisor", "search", new { query = "legit" }, 0, null);

        Assert.Contains("audit.anomaly", WithoutKey().Problem, StringComparison.Ordinal);
        Assert.False(WithKey().Intact);
    }

    [Fact]
    public void AnOrdinaryTrailRecordsNoAnomaly()
    {
        workspace.Search("legit");

        Assert.Empty(new AuditLog(Case).Entries(action: AuditLog.AnomalyAction));
        Assert.True(WithKey().Intact, WithKey().Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void ACheckpointCatchesACutFollowedByOrdinaryCommands(int commandsAfterTheCut)
    {
        var checkpoint = new CaseAdministration(workspace.Session()).AuditCheckpoint("elsewhere");
        CutFromOutside("DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)");

        for (var command = 0; command < commandsAfterTheCut; command++)
        {
            workspace.Search($"legit{command}");
        }

        var result = WithKey(checkpoint);
        Assert.False(result.Intact);
        Assert.Contains(commandsAfterTheCut < 3 ? "entries were removed" : "is not the one checkpointed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoConnectionsAppendingAtOnceKeepOneChain()
    {
        const int PerWriter = 150;
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            using var own = Workspace.Open(Case.Root);
            var log = new AuditLog(own);
            for (var index = 0; index < PerWriter; index++)
            {
                log.Append($"writer{writer}", "analyst", "search", new { index }, null, null);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var result = WithKey();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(9 + (2 * PerWriter), result.Entries);
        Assert.StartsWith((9 + (2 * PerWriter)).ToString(CultureInfo.InvariantCulture) + " ", File.ReadAllText(HeadPath), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyHeadAndCheckpointReportTheHeadTheyLeave()
    {
        var administration = new CaseAdministration(workspace.Session());

        var verified = administration.VerifyAudit(null);
        Assert.Equal($"{verified.HeadEntry} {verified.HeadHash}", RecordedHead());
        var head = administration.AuditHead();
        Assert.Equal($"{head.Seq} {head.Hash}", RecordedHead());
        Assert.Equal(verified.HeadEntry + 1, head.Seq);
        var checkpoint = administration.AuditCheckpoint("elsewhere");
        Assert.Equal($"{checkpoint.Entry} {checkpoint.Hash}", RecordedHead());

        string RecordedHead() => string.Join(' ', File.ReadAllText(HeadPath).Split(' ').Take(2));
    }

    [Fact]
    public void AnIngestWritesAStartedEntryAndItsEnd()
    {
        var file = workspace.Folder.File("posts.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"author\":\"a\",\"text\":\"ketamine\"}\n");
        workspace.Ingest(file);

        var entries = new AuditLog(Case).Entries(action: "ingest");
        Assert.Equal(["started", "ok"], entries.Select(entry => entry.Outcome));
        Assert.Contains($"\"started_entry\":{entries[0].Seq}", entries[1].Parameters, StringComparison.Ordinal);
        Assert.Empty(AuditLog.Unfinished(new AuditLog(Case).Entries()));
    }

    [Fact]
    public void AStartedEntryWithoutAnEndIsShownAsUnfinished()
    {
        var started = new AuditLog(Case).Append("tester", "analyst", "ingest", new { paths = new[] { "big.jsonl" } }, null, null, "started");

        Assert.Equal([started.Seq], AuditLog.Unfinished(new AuditLog(Case).Entries()));
    }

    [Fact]
    public void AFailedSearchIsAudited()
    {
        Assert.Throws<SearchQueryException>(() => workspace.Search("ketamine AND"));

        var last = new AuditLog(Case).Entries()[^1];
        Assert.Equal(("search", "failed"), (last.Action, last.Outcome));
        Assert.Contains("ketamine AND", last.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void ListingMembersNeedsMembershipAndIsAudited()
    {
        Assert.Throws<AccessDeniedException>(() => new CaseAdministration(workspace.Session("mallory")).Members());
        Assert.Single(new CaseAdministration(workspace.Session()).Members());

        var entries = new AuditLog(Case).Entries(action: "members.list");
        Assert.Equal(["denied", "ok"], entries.Select(entry => entry.Outcome));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        workspace.Dispose();
    }
}
