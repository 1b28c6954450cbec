using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>The last entry of the trail: its number, hash and whether it is signed.</summary>
internal readonly record struct AuditTail(long Seq, string Hash, bool Signed);

/// <summary>
/// The audit table's rows. The chain, signatures and head file are the audit log's (Cases); this only
/// reads and appends rows, appending inside a write transaction the log holds across its reads.
/// </summary>
internal sealed class AuditStore
{
    private readonly SqliteConnection connection;

    internal AuditStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>How entry times are written (and hashed): UTC to the tick, so the text sorts as time does.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts an immediate (write-locked) transaction: two processes appending at once take turns, so
    /// the tail one reads is still the tail when it appends.
    /// </summary>
    public StoreTransaction BeginAppend() => new(connection.BeginTransaction(deferred: false));

    /// <summary>The last entry, or null for an empty trail.</summary>
    public AuditTail? Tail(StoreTransaction? transaction = null)
    {
        const string sql = "SELECT seq, hash, signature IS NOT NULL FROM audit ORDER BY seq DESC LIMIT 1";
        static AuditTail Map(SqliteDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2));
        var rows = transaction is null ? connection.Query(sql, Map) : transaction.Sqlite.Query(sql, Map);
        return rows is [var tail] ? tail : null;
    }

    public void Insert(StoreTransaction transaction, AuditEntry entry) =>
        connection.Execute(
            transaction.Sqlite,
            """
            INSERT INTO audit (seq, at, user, role, action, parameters, result_count, justification, outcome, prev_hash, hash, operator, signature)
            VALUES ($seq, $at, $user, $role, $action, $parameters, $count, $justification, $outcome, $prev, $hash, $operator, $signature)
            """,
            ("$seq", entry.Seq), ("$at", Timestamp(entry.At)), ("$user", entry.User), ("$role", entry.Role), ("$action", entry.Action),
            ("$parameters", entry.Parameters), ("$count", entry.ResultCount), ("$justification", entry.Justification), ("$outcome", entry.Outcome),
            ("$prev", entry.PrevHash), ("$hash", entry.Hash), ("$operator", entry.Operator), ("$signature", entry.Signature));

    /// <summary>Entries in order, optionally only those by (or operated by) a user, of an action, or from a time on.</summary>
    public IReadOnlyList<AuditEntry> Entries(string? user = null, string? action = null, DateTimeOffset? since = null) =>
        connection.Query(
            """
            SELECT seq, at, user, role, action, parameters, result_count, justification, outcome, prev_hash, hash, operator, signature FROM audit
            WHERE ($user IS NULL OR user = $user OR operator = $user) AND ($action IS NULL OR action = $action) AND ($since IS NULL OR at >= $since)
            ORDER BY seq
            """,
            reader => new AuditEntry(
                reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.NullableInt64(6), reader.NullableString(7),
                reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.NullableString(11), reader.NullableString(12)),
            ("$user", user), ("$action", action), ("$since", since is { } from ? Timestamp(from) : null));
}
