using System.Globalization;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// A member acting on a case: the one door to the case's material. Every operation a user can
/// perform is a method of this class (see CaseSession.Operations.cs) or of an operation class that
/// takes it, and passes one gate, <see cref="Perform"/>: it checks the member's roles against
/// <see cref="Rights"/> (a denial is audited and throws), runs the operation, and writes its audit
/// entry — or a "failed" entry when the operation fails. The CLI and the web application share
/// it, so the rules and the trail are the same whichever is used.
/// </summary>
public sealed partial class CaseSession
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

    internal AuditLog Audit { get; }

    /// <summary>The host's long-lived index reader (a server's), shared by every search; null in the CLI, where each search opens its own.</summary>
    private SharedIndex? Shared { get; init; }

    /// <summary>
    /// A session for a member whose identity the host has established (the web application's
    /// sign-in, or the operating-system account in the CLI).
    /// </summary>
    public static CaseSession Open(Workspace workspace, string user, string? justification = null) =>
        new(workspace, user, workspace.Members.RolesOf(user), Clean(justification), null);

    /// <summary>A session whose searches share a host's long-lived index reader (see <see cref="SharedIndex"/>).</summary>
    public static CaseSession Open(Workspace workspace, string user, string? justification, SharedIndex shared) =>
        new(workspace, user, workspace.Members.RolesOf(user), Clean(justification), null) { Shared = shared };

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

        var members = workspace.Members;
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

    /// <summary>
    /// The gate: authorizes <paramref name="permission"/> (with the case's justification rule for
    /// selector look-ups when <paramref name="lookup"/>), runs the operation, and audits it with
    /// <paramref name="resultCount"/> (and <paramref name="recordedParameters"/>, when what the
    /// operation found belongs in the entry); an operation that fails on the user's input or the case's
    /// state is audited as "failed" with the reason, since what was asked matters as much as what was found.
    /// </summary>
    internal T Perform<T>(Permission permission, string action, object parameters, Func<T> operation, Func<T, long?> resultCount, bool lookup = false, bool justified = false,
        Func<T, object>? recordedParameters = null)
    {
        var role = Authorize(permission, action, parameters, justified || (lookup && Workspace.Case.RequireReasonForLookups));
        T result;
        try
        {
            result = operation();
        }
        catch (LanternException failure) when (failure is not AccessDeniedException)
        {
            Record(role, action, new { request = parameters, error = failure.Message }, null, "failed");
            throw;
        }
        catch (OperationCanceledException)
        {
            Record(role, action, parameters, null, "cancelled");
            throw;
        }

        Record(role, action, recordedParameters?.Invoke(result) ?? parameters, resultCount(result));
        return result;
    }

    /// <summary>Checks a permission; on refusal, audits the denial and throws <see cref="AccessDeniedException"/>.</summary>
    internal Role Authorize(Permission permission, string action, object parameters, bool justificationRequired = false)
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
    internal AuditEntry Record(Role role, string action, object parameters, long? resultCount, string outcome = "ok") =>
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
