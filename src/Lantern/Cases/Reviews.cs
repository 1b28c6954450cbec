using System.Globalization;

namespace Lantern.Cases;

public sealed record ReviewDecision(string ClusterId, IReadOnlyList<string> Members, string Decision, string Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>
/// A supervisor's decisions on suggested alias clusters. A cluster's id is derived from its members,
/// so a decision holds across re-ingests and re-resolution for as long as the same handles form it.
/// </summary>
public sealed class Reviews(CaseSession session)
{
    public static readonly IReadOnlyList<string> Decisions = ["confirm", "reject"];

    public ReviewDecision Decide(string clusterId, IReadOnlyList<string> members, string decision, string reason)
    {
        decision = decision.Trim().ToLowerInvariant();
        if (!Decisions.Contains(decision))
        {
            throw new BadInputException($"'{decision}' is not a decision; use confirm or reject");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BadInputException("a review needs its reason (--reason \"…\")");
        }

        var parameters = new { cluster = clusterId, members, decision };
        var role = session.Authorize(Permission.Review, "review", parameters);
        var entry = session.Record(role, "review", new { cluster = clusterId, members, decision, reason }, 1);
        var result = new ReviewDecision(clusterId, members, decision == "confirm" ? "confirmed" : "rejected", reason.Trim(), session.User, entry.At);
        using var command = session.Workspace.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reviews (cluster_id, members, decision, reason, decided_by, decided_at, audit_seq)
            VALUES ($id, $members, $decision, $reason, $by, $at, $seq)
            ON CONFLICT (cluster_id) DO UPDATE SET decision = $decision, reason = $reason, decided_by = $by, decided_at = $at, audit_seq = $seq
            """;
        command.Parameters.AddWithValue("$id", clusterId);
        command.Parameters.AddWithValue("$members", string.Join('\n', members));
        command.Parameters.AddWithValue("$decision", result.Decision);
        command.Parameters.AddWithValue("$reason", result.Reason);
        command.Parameters.AddWithValue("$by", result.DecidedBy);
        command.Parameters.AddWithValue("$at", result.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$seq", entry.Seq);
        command.ExecuteNonQuery();
        return result;
    }

    public IReadOnlyDictionary<string, ReviewDecision> All()
    {
        using var command = session.Workspace.Connection.CreateCommand();
        command.CommandText = "SELECT cluster_id, members, decision, reason, decided_by, decided_at FROM reviews";
        using var reader = command.ExecuteReader();
        var decisions = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        while (reader.Read())
        {
            decisions[reader.GetString(0)] = new ReviewDecision(reader.GetString(0), reader.GetString(1).Split('\n'), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));
        }

        return decisions;
    }
}
