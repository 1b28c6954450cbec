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
    private CaseSession(Workspace workspace, string user, IReadOnlySet<Role> roles, string? justification, string? operatorName)
    {
        Workspace = workspace;
        User = user;
        Roles = roles;
        Justification = justification;
        Operator = operatorName;
        Audit = new AuditLog(workspace);
    }

    public Workspace Workspace { get; }

    /// <summary>The member whose rights are used.</summary>
    public string User { get; }

    public IReadOnlySet<Role> Roles { get; }

    /// <summary>Why the member acts, as given with <c>--reason</c>; stored in every audit entry of the session.</summary>
    public string? Justification { get; }

    /// <summary>The operating-system account acting in <see cref="User"/>'s name (an admin's <c>--user</c>), or null when they are the same.</summary>
    public string? Operator { get; }

    /// <summary>Who acts, as a person reads it: "sup", or "root acting as sup".</summary>
    public string Who => Operator is null ? User : $"{Operator} acting as {User}";

    public AuditLog Audit { get; }

    /// <summary>
    /// A session for a member whose identity the host has established (the web application's
    /// sign-in, or the operating-system account in the CLI).
    /// </summary>
    public static CaseSession Open(Workspace workspace, string user, string? justification = null) =>
        new(workspace, user, new MemberStore(workspace).RolesOf(user), Clean(justification), null);

    /// <summary>
    /// The CLI's session: the operating-system account acts as itself; acting as another member
    /// (<paramref name="requestedUser"/>) is allowed only to an admin of the case, and is recorded as
    /// "OSUSER acting as NAME". A refusal is audited and throws <see cref="AccessDeniedException"/>.
    /// </summary>
    public static CaseSession OpenAs(Workspace workspace, string osUser, string? requestedUser, string? justification = null)
    {
        if (string.IsNullOrWhiteSpace(requestedUser) || requestedUser == osUser)
        {
            return Open(workspace, osUser, justification);
        }

        var members = new MemberStore(workspace);
        var osRoles = members.RolesOf(osUser);
        if (!osRoles.Contains(Role.Admin))
        {
            new AuditLog(workspace).Append(osUser, osRoles.Count == 0 ? "none" : string.Join(',', osRoles.Select(Rights.Name)), "act-as",
                new { member = requestedUser }, null, Clean(justification), "denied");
            throw new AccessDeniedException($"{osUser} may not act as {requestedUser}: only an admin of case {workspace.Case.Id} may use --user, " +
                $"and {osUser} {(osRoles.Count == 0 ? "is not a member" : "is " + string.Join(", ", osRoles.Select(Rights.Name)))}. The attempt was recorded in the audit trail.");
        }

        return new CaseSession(workspace, requestedUser, members.RolesOf(requestedUser), Clean(justification), osUser);
    }

    /// <summary>Checks a permission; on refusal, audits the denial and throws <see cref="AccessDeniedException"/>.</summary>
    public Role Authorize(Permission permission, string action, object parameters, bool justificationRequired = false)
    {
        var granting = Rights.Granting(Roles.ToList(), permission);
        if (granting is null)
        {
            Audit.Append(User, Roles.Count == 0 ? "none" : string.Join(',', Roles.Select(Rights.Name)), action, parameters, null, Justification, "denied", Operator);
            var needs = $"that needs the role {string.Join(" or ", Rights.RolesFor(permission).Select(Rights.Name))}";
            var why = Roles.Count == 0
                ? $"{Who} may not {Describe(permission)}: {User} is not a member of case {Workspace.Case.Id}"
                : $"{Who} ({string.Join(", ", Roles.Select(Rights.Name))}) may not {Describe(permission)}: {needs}";
            throw new AccessDeniedException($"{why}. The attempt was recorded in the audit trail.");
        }

        if (justificationRequired && Justification is null)
        {
            Audit.Append(User, Rights.Name(granting.Value), action, parameters, null, null, "denied", Operator);
            throw new AccessDeniedException($"case {Workspace.Case.Id} requires a justification to {Describe(permission)}: give one with --reason \"…\". The attempt was recorded in the audit trail.");
        }

        return granting.Value;
    }

    /// <summary>Writes the audit entry of a completed operation.</summary>
    public AuditEntry Record(Role role, string action, object parameters, long? resultCount, string outcome = "ok") =>
        Audit.Append(User, Rights.Name(role), action, parameters, resultCount, Justification, outcome, Operator);

    private static string? Clean(string? justification) => string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();

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
        Permission.ListMembers => "list the case's members",
        Permission.ApplyRetention => "apply retention",
        _ => permission.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
