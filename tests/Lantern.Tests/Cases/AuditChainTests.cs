using Lantern.Cases;
using Lantern.Storage;
using Lantern.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lantern.Tests.Cases;

/// <summary>The audit chain against edits made to lantern.db directly, with another connection.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string root;

    public AuditChainTests()
    {
        root = folder.Combine("ws");
        using var workspace = CaseAdministration.CreateCase(root, TestWorkspace.NewCase());
        var log = new AuditLog(workspace);
        for (var index = 1; index <= 8; index++)
        {
            log.Append("tester", "supervisor", "search", new { query = $"q{index}" }, index, null);
        }
    }

    private AuditVerification Verify(string? expectedHead = null)
    {
        using var workspace = Workspace.Open(root);
        return new AuditLog(workspace).Verify(expectedHead);
    }

    private void Edit(string sql)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(root, Workspace.DatabaseFileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string HeadHash()
    {
        using var workspace = Workspace.Open(root);
        return new AuditLog(workspace).Entries()[^1].Hash;
    }

    [Fact]
    public void AnUntouchedTrailVerifies()
    {
        var result = Verify();

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(9, result.Entries);
        Assert.True(result.SignaturesChecked);
    }

    [Fact]
    public void AChangedFieldIsNamed()
    {
        Edit("UPDATE audit SET parameters = '{\"query\":\"innocent\"}' WHERE seq = 3");

        var result = Verify();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedEntryIsNamed()
    {
        Edit("DELETE FROM audit WHERE seq = 4");

        var result = Verify();

        Assert.Equal(4, result.FirstBadSeq);
        Assert.Contains("removed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInsertedEntryIsNamed()
    {
        Edit("""
            UPDATE audit SET seq = seq + 100 WHERE seq >= 5;
            UPDATE audit SET seq = seq - 99 WHERE seq >= 105;
            INSERT INTO audit (seq, at, user, role, action, parameters, result_count, justification, outcome, prev_hash, hash)
            SELECT 5, at, 'tester', 'supervisor', 'export', '{}', 1, NULL, 'ok', hash, lower(hex(randomblob(32))) FROM audit WHERE seq = 4;
            """);

        var result = Verify();

        Assert.Equal(5, result.FirstBadSeq);
        Assert.False(result.Intact);
    }

    [Fact]
    public void SwappedEntriesAreNamed()
    {
        Edit("""
            UPDATE audit SET seq = -6 WHERE seq = 6;
            UPDATE audit SET seq = 6 WHERE seq = 7;
            UPDATE audit SET seq = 7 WHERE seq = -6;
            """);

        var result = Verify();

        Assert.Equal(6, result.FirstBadSeq);
        Assert.Contains("not chained", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ADroppedTailIsFoundAgainstTheRecordedHeadAndAnExpectedHead()
    {
        var recorded = HeadHash();
        Edit("DELETE FROM audit WHERE seq > 6");

        var againstFile = Verify();
        Assert.Equal(7, againstFile.FirstBadSeq);
        Assert.Contains("removed from the end", againstFile.Problem, StringComparison.Ordinal);

        // A forger without the audit key who also rewrites the head file: the key catches the unsigned head,
        // and a reader without the key is saved by the head the analyst recorded elsewhere.
        using (var workspace = Workspace.Open(root))
        {
            var last = new AuditLog(workspace).Entries()[^1];
            File.WriteAllText(Path.Combine(root, AuditLog.HeadFileName), $"{last.Seq} {last.Hash}\n");
        }

        Assert.Contains("forged", Verify().Problem, StringComparison.Ordinal);
        using (var workspace = Workspace.Open(root))
        {
            var withoutKey = new AuditLog(workspace, key: null);
            Assert.True(withoutKey.Verify().Intact);
            var againstRecord = withoutKey.Verify(recorded);
            Assert.False(againstRecord.Intact);
            Assert.Contains("not in the chain", againstRecord.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnOlderRecordedHeadStillVerifiesAfterLegitimateEntries()
    {
        var recorded = HeadHash();
        using (var workspace = Workspace.Open(root))
        {
            new AuditLog(workspace).Append("tester", "supervisor", "search", new { query = "later" }, 0, null);
        }

        Assert.True(Verify(recorded).Intact);
    }

    public void Dispose() => folder.Dispose();
}
