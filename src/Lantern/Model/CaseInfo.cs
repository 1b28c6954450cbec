namespace Lantern.Model;

/// <summary>What a case is and on what authority it is worked: fixed at <c>lantern init</c>.</summary>
public sealed record CaseInfo(
    string Id,
    string Title,
    string LegalBasis,
    string? Purpose,
    int? RetentionDays,
    string? Region,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>Whether selector look-ups need a justification (<c>--reason</c>), stored in their audit entries.</summary>
    public bool RequireReasonForLookups { get; init; }
}
