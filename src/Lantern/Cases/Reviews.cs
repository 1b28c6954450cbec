using Lantern.Storage;

namespace Lantern.Cases;

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
        session.Workspace.Reviews.Save(result, entry.Seq);
        return result;
    }

    public IReadOnlyDictionary<string, ReviewDecision> All() => session.Workspace.Reviews.All();
}
