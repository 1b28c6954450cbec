using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Storage;
using Microsoft.Data.Sqlite;

namespace Lantern.Cases;

/// <summary>One audit entry. <see cref="Hash"/> is SHA-256 over the entry's fields and <see cref="PrevHash"/>.</summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset At,
    string User,
    string Role,
    string Action,
    string Parameters,
    long? ResultCount,
    string? Justification,
    string Outcome,
    string PrevHash,
    string Hash);

/// <summary>The result of recomputing the chain: fine, or the first entry found wrong and how.</summary>
public sealed record AuditVerification(bool Intact, long Entries, string? HeadHash, long? FirstBadSeq, string? Problem);

/// <summary>
/// The tamper-evident audit trail: an append-only hash chain in <c>lantern.db</c> (each entry holds
/// the SHA-256 of the one before), with the head — last sequence number and hash — also written to
/// <c>audit-head</c> beside it, so that removing entries from the end is noticed too. Analysts can
/// record the head (<c>lantern audit head</c>) in an external case file and verify against it later.
/// </summary>
public sealed class AuditLog(Workspace workspace)
{
    public const string HeadFileName = "audit-head";

    private static readonly JsonSerializerOptions ParameterJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    public static readonly string Genesis = new('0', 64);

    public string HeadPath => Path.Combine(workspace.Root, HeadFileName);

    public AuditEntry Append(string user, string role, string action, object parameters, long? resultCount, string? justification, string outcome = "ok")
    {
        using var transaction = workspace.Connection.BeginTransaction();
        var (lastSeq, lastHash) = Last(transaction);
        var entry = new AuditEntry(lastSeq + 1, DateTimeOffset.UtcNow, user, role, action,
            JsonSerializer.Serialize(parameters, ParameterJson), resultCount, justification, outcome, lastHash, string.Empty);
        entry = entry with { Hash = ComputeHash(entry) };
        using var insert = workspace.Connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit (seq, at, user, role, action, parameters, result_count, justification, outcome, prev_hash, hash)
            VALUES ($seq, $at, $user, $role, $action, $parameters, $count, $justification, $outcome, $prev, $hash)
            """;
        insert.Parameters.AddWithValue("$seq", entry.Seq);
        insert.Parameters.AddWithValue("$at", Timestamp(entry.At));
        insert.Parameters.AddWithValue("$user", entry.User);
        insert.Parameters.AddWithValue("$role", entry.Role);
        insert.Parameters.AddWithValue("$action", entry.Action);
        insert.Parameters.AddWithValue("$parameters", entry.Parameters);
        insert.Parameters.AddWithValue("$count", (object?)entry.ResultCount ?? DBNull.Value);
        insert.Parameters.AddWithValue("$justification", (object?)entry.Justification ?? DBNull.Value);
        insert.Parameters.AddWithValue("$outcome", entry.Outcome);
        insert.Parameters.AddWithValue("$prev", entry.PrevHash);
        insert.Parameters.AddWithValue("$hash", entry.Hash);
        insert.ExecuteNonQuery();
        transaction.Commit();
        WriteHead(entry.Seq, entry.Hash);
        return entry;
    }

    public IReadOnlyList<AuditEntry> Entries(string? user = null, string? action = null, DateTimeOffset? since = null)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT seq, at, user, role, action, parameters, result_count, justification, outcome, prev_hash, hash FROM audit
            WHERE ($user IS NULL OR user = $user) AND ($action IS NULL OR action = $action) AND ($since IS NULL OR at >= $since)
            ORDER BY seq
            """;
        command.Parameters.AddWithValue("$user", (object?)user ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", (object?)action ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", since is { } from ? Timestamp(from) : DBNull.Value);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8), reader.GetString(9), reader.GetString(10)));
        }

        return entries;
    }

    /// <summary>The head as recorded beside the database: last sequence number and hash.</summary>
    public (long Seq, string Hash)? RecordedHead()
    {
        if (!File.Exists(HeadPath))
        {
            return null;
        }

        var parts = File.ReadAllText(HeadPath).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq) ? (seq, parts[1]) : null;
    }

    /// <summary>
    /// Recomputes the chain from the first entry and names the first that was removed (a gap in the
    /// sequence), inserted or reordered (not chained to its predecessor) or altered (its content no
    /// longer gives its hash); then checks the end against the recorded head and, when given, a head
    /// the analyst recorded elsewhere.
    /// </summary>
    public AuditVerification Verify(string? expectedHead = null)
    {
        var entries = Entries();
        var previousHash = Genesis;
        long expectedSeq = 1;
        foreach (var entry in entries)
        {
            if (entry.Seq != expectedSeq)
            {
                return Bad(entries.Count, entry.Seq > expectedSeq ? expectedSeq : entry.Seq,
                    entry.Seq > expectedSeq
                        ? $"entry {expectedSeq} was removed: the sequence jumps from {expectedSeq - 1} to {entry.Seq}"
                        : $"entry {entry.Seq} is out of order");
            }

            if (entry.PrevHash != previousHash)
            {
                return Bad(entries.Count, entry.Seq, $"entry {entry.Seq} is not chained to entry {entry.Seq - 1}: an entry was inserted, removed or reordered here");
            }

            if (ComputeHash(entry) != entry.Hash)
            {
                return Bad(entries.Count, entry.Seq, $"entry {entry.Seq} was altered: its content no longer matches its hash");
            }

            previousHash = entry.Hash;
            expectedSeq++;
        }

        var lastSeq = expectedSeq - 1;
        if (RecordedHead() is { } head && (head.Seq > lastSeq || (head.Seq == lastSeq && head.Hash != previousHash)))
        {
            return Bad(entries.Count, Math.Min(head.Seq, lastSeq + 1),
                head.Seq > lastSeq
                    ? $"entries {lastSeq + 1}–{head.Seq} were removed from the end: the recorded head is entry {head.Seq}"
                    : $"the last entry does not match the recorded head ({head.Hash[..12]}…)");
        }

        if (expectedHead is { Length: > 0 } && !entries.Any(entry => entry.Hash.Equals(expectedHead.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return Bad(entries.Count, lastSeq + 1, $"the expected head {expectedHead.Trim()[..Math.Min(12, expectedHead.Trim().Length)]}… is not in the chain: entries up to it were removed or altered");
        }

        return new AuditVerification(true, entries.Count, entries.Count > 0 ? previousHash : Genesis, null, null);

        AuditVerification Bad(long count, long seq, string problem) => new(false, count, null, seq, problem);
    }

    public static string ComputeHash(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            entry.Seq, Timestamp(entry.At), entry.User, entry.Role, entry.Action, entry.Parameters,
            entry.ResultCount, entry.Justification, entry.Outcome, entry.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private (long Seq, string Hash) Last(SqliteTransaction transaction)
    {
        using var command = workspace.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, Genesis);
    }

    private void WriteHead(long seq, string hash)
    {
        var temporary = HeadPath + ".tmp";
        File.WriteAllText(temporary, $"{seq.ToString(CultureInfo.InvariantCulture)} {hash}\n");
        File.Move(temporary, HeadPath, overwrite: true);
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
