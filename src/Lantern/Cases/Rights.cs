namespace Lantern.Cases;

/// <summary>
/// Who may do what: analysts work the material; supervisors also decide suggested links and run
/// retention; auditors read and verify the audit trail and nothing else; admins manage members and
/// see no case content.
/// </summary>
public static class Rights
{
    private static readonly Dictionary<Permission, Role[]> Allowed = new()
    {
        [Permission.Ingest] = [Role.Analyst, Role.Supervisor],
        [Permission.Search] = [Role.Analyst, Role.Supervisor],
        [Permission.ViewDocument] = [Role.Analyst, Role.Supervisor],
        [Permission.LookupSelector] = [Role.Analyst, Role.Supervisor],
        [Permission.AnalyseLinks] = [Role.Analyst, Role.Supervisor],
        [Permission.Export] = [Role.Analyst, Role.Supervisor],
        [Permission.Review] = [Role.Supervisor],
        [Permission.ReadAudit] = [Role.Auditor, Role.Supervisor],
        [Permission.VerifyAudit] = [Role.Auditor, Role.Supervisor, Role.Admin],
        [Permission.ManageMembers] = [Role.Admin],
        [Permission.ListMembers] = [Role.Admin, Role.Supervisor, Role.Auditor, Role.Analyst],
        [Permission.ApplyRetention] = [Role.Supervisor, Role.Admin],
    };

    public static IReadOnlyList<Role> RolesFor(Permission permission) => Allowed[permission];

    /// <summary>The first of the member's roles that grants the permission, or null.</summary>
    public static Role? Granting(IReadOnlyCollection<Role> roles, Permission permission) =>
        Allowed[permission].Cast<Role?>().FirstOrDefault(role => roles.Contains(role!.Value));

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    public static Role Parse(string text) =>
        Enum.TryParse<Role>(text.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new BadInputException($"'{text}' is not a role; use analyst, supervisor, auditor or admin");
}
