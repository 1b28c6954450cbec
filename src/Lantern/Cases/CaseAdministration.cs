namespace Lantern.Cases;

/// <summary>Membership changes and audit reading as rights-checked, audited operations, for every interface alike.</summary>
public sealed class CaseAdministration(CaseSession session)
{
    private readonly MemberStore members = new(session.Workspace);

    public void AddMember(string name, Role role)
    {
        var parameters = new { member = name, role = Rights.Name(role) };
        var acting = session.Authorize(Permission.ManageMembers, "members.add", parameters);
        members.Grant(name, role, session.User);
        session.Record(acting, "members.add", parameters, 1);
    }

    public void RemoveMember(string name, Role? role)
    {
        var parameters = new { member = name, role = role is { } one ? Rights.Name(one) : "all" };
        var acting = session.Authorize(Permission.ManageMembers, "members.remove", parameters);
        members.Revoke(name, role);
        session.Record(acting, "members.remove", parameters, 1);
    }

    /// <summary>Stores a member's sign-in password hash: members may set their own, admins anyone's.</summary>
    public void SetPasswordHash(string name, string hash)
    {
        var parameters = new { member = name };
        var acting = name == session.User && session.Roles.Count > 0 ? session.Roles.Min() : session.Authorize(Permission.ManageMembers, "members.passwd", parameters);
        new SignInStore(session.Workspace).SetHash(name, hash);
        session.Record(acting, "members.passwd", parameters, 1);
    }

    public IReadOnlyList<AuditEntry> AuditEntries(string? user, string? action, DateTimeOffset? since)
    {
        var parameters = new { user, action, since };
        var role = session.Authorize(Permission.ReadAudit, "audit.show", parameters);
        var entries = session.Audit.Entries(user, action, since);
        session.Record(role, "audit.show", parameters, entries.Count);
        return entries;
    }

    public AuditVerification VerifyAudit(string? expectedHead)
    {
        var role = session.Authorize(Permission.VerifyAudit, "audit.verify", new { expect_head = expectedHead });
        var result = session.Audit.Verify(expectedHead);
        session.Record(role, "audit.verify", new { expect_head = expectedHead, intact = result.Intact, first_bad = result.FirstBadSeq }, result.Entries);
        return result;
    }
}
