using System.Globalization;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>An action was refused by the case's rights; it has been written to the audit trail.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>
/// A member acting on a case. Every library operation goes through <see cref="Authorize"/>: it
/// checks the member's roles against <see cref="Rights"/>, writes a denial to the audit trail and
/// throws, or returns the granting role for the operation's own audit entry. The CLI and the web
/// application share it, so the rules and the trail are the same whichever is used.
/// </summary>
public sealed class CaseSession
{
    private CaseSession(Workspace workspace, string user, IReadOnlySet<Role> roles, string? justification)
    {
        Workspace = workspace;
        User = user;
        Roles = roles;
        Justification = justification;
        Audit = new AuditLog(workspace);
    }

    public Workspace Workspace { get; }

    public string User { get; }

    public IReadOnlySet<Role> Roles { get; }

    /// <summary>Why the member acts, as given with <c>--reason</c>; stored in every audit entry of the session.</summary>
    public string? Justification { get; }

    public AuditLog Audit { get; }

    public static CaseSession Open(Workspace workspace, string user, string? justification = null) =>
        new(workspace, user, new MemberStore(workspace).RolesOf(user), string.IsNullOrWhiteSpace(justification) ? null : justification.Trim());

    /// <summary>Checks a permission; on refusal, audits the denial and throws <see cref="AccessDeniedException"/>.</summary>
    public Role Authorize(Permission permission, string action, object parameters, bool justificationRequired = false)
    {
        var granting = Rights.Granting(Roles.ToList(), permission);
        if (granting is null)
        {
            Audit.Append(User, Roles.Count == 0 ? "none" : string.Join(',', Roles.Select(Rights.Name)), action, parameters, null, Justification, "denied");
            var who = Roles.Count == 0 ? $"{User} is not a member of case {Workspace.Case.Id}" : $"{User} ({string.Join(", ", Roles.Select(Rights.Name))})";
            throw new AccessDeniedException($"{who} may not {Describe(permission)}; that needs the role {string.Join(" or ", Rights.RolesFor(permission).Select(Rights.Name))}. The attempt was recorded in the audit trail.");
        }

        if (justificationRequired && Justification is null)
        {
            Audit.Append(User, Rights.Name(granting.Value), action, parameters, null, null, "denied");
            throw new AccessDeniedException($"case {Workspace.Case.Id} requires a justification to {Describe(permission)}: give one with --reason \"…\". The attempt was recorded in the audit trail.");
        }

        return granting.Value;
    }

    /// <summary>Writes the audit entry of a completed operation.</summary>
    public AuditEntry Record(Role role, string action, object parameters, long? resultCount) =>
        Audit.Append(User, Rights.Name(role), action, parameters, resultCount, Justification);

    private static string Describe(Permission permission) => permission switch
    {
        Permission.Ingest => "ingest material",
        Permission.Search => "search the case",
        Permission.ViewDocument => "view documents",
        Permission.LookupSelector => "look up selectors",
        Permission.AnalyseLinks => "analyse links",
        Permission.Export => "export",
        Permission.Review => "decide suggested links",
        Permission.ReadAudit => "read the audit trail",
        Permission.VerifyAudit => "verify the audit trail",
        Permission.ManageMembers => "manage members",
        Permission.ApplyRetention => "apply retention",
        _ => permission.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
