using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>Supervisors' decisions on alias clusters, one per cluster id (a later decision replaces an earlier one).</summary>
internal sealed class ReviewStore
{
    private readonly SqliteConnection connection;

    internal ReviewStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Keeps a decision with the number of the audit entry that records it.</summary>
    public void Save(ReviewDecision decision, long auditSeq) =>
        connection.Execute(
            """
            INSERT INTO reviews (cluster_id, members, decision, reason, decided_by, decided_at, audit_seq)
            VALUES ($id, $members, $decision, $reason, $by, $at, $seq)
            ON CONFLICT (cluster_id) DO UPDATE SET decision = $decision, reason = $reason, decided_by = $by, decided_at = $at, audit_seq = $seq
            """,
            ("$id", decision.ClusterId), ("$members", string.Join('\n', decision.Members)), ("$decision", decision.Decision), ("$reason", decision.Reason),
            ("$by", decision.DecidedBy), ("$at", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture)), ("$seq", auditSeq));

    /// <summary>Every decision, by cluster id.</summary>
    public IReadOnlyDictionary<string, ReviewDecision> All() =>
        connection.Query(
            "SELECT cluster_id, members, decision, reason, decided_by, decided_at FROM reviews",
            reader => new ReviewDecision(reader.GetString(0), reader.GetString(1).Split('\n'), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)))
            .ToDictionary(decision => decision.ClusterId, StringComparer.Ordinal);
}
