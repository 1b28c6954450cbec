namespace Lantern.Model;

/// <summary>A member of the case and the roles they hold.</summary>
public sealed record Member(string Name, IReadOnlyList<Role> Roles, DateTimeOffset AddedAt, string AddedBy);

/// <summary>
/// One audit entry. <see cref="Hash"/> is SHA-256 over the entry's fields and <see cref="PrevHash"/>;
/// <see cref="Signature"/> is the case's audit key's HMAC over the hash (null when written without the key).
/// <see cref="Operator"/> is the operating-system account that acted in <see cref="User"/>'s name, when an
/// admin used <c>--user</c>.
/// </summary>
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
    string Hash,
    string? Operator = null,
    string? Signature = null)
{
    /// <summary>Who acted, as a person reads it: "sup", or "root acting as sup".</summary>
    public string Who => Operator is null ? User : $"{Operator} acting as {User}";
}

/// <summary>A supervisor's decision on an alias cluster, kept by the cluster's id (derived from its members).</summary>
public sealed record ReviewDecision(string ClusterId, IReadOnlyList<string> Members, string Decision, string Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A document past the case's retention period: what is kept of it after removal (ids and hashes, never content).</summary>
public sealed record ExpiredDocument(string Id, string ContentSha256, string SourceSha256, DateTimeOffset IngestedAt);
