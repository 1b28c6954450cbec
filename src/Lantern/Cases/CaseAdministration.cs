using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>Membership changes and audit reading as rights-checked, audited operations, for every interface alike.</summary>
public sealed class CaseAdministration(CaseSession session)
{
    private readonly MemberStore members = session.Workspace.Members;

    /// <summary>
    /// Creates a case (see <see cref="Workspace.Create"/>) with its creator as admin and supervisor,
    /// and writes the trail's first entry, the creation itself, with the creator's justification.
    /// </summary>
    public static Workspace CreateCase(string root, CaseInfo caseInfo, bool shareWithGroup = false, string? justification = null)
    {
        var workspace = Workspace.Create(root, caseInfo, shareWithGroup);
        new AuditLog(workspace).Append(caseInfo.CreatedBy, "admin", "init", caseInfo, null, string.IsNullOrWhiteSpace(justification) ? null : justification.Trim());
        return workspace;
    }

    public void AddMember(string name, Role role)
    {
        session.Perform(Permission.ManageMembers, "members.add", new { member = name, role = Rights.Name(role) }, () =>
        {
            members.Grant(name, role, session.User);
            return 1;
        }, count => count);
    }

    public void RemoveMember(string name, Role? role)
    {
        session.Perform(Permission.ManageMembers, "members.remove", new { member = name, role = role is { } one ? Rights.Name(one) : "all" }, () =>
        {
            members.Revoke(name, role);
            return 1;
        }, count => count);
    }

    /// <summary>Stores a member's sign-in password hash: members may set their own, admins anyone's.</summary>
    public void SetPasswordHash(string name, string hash)
    {
        var parameters = new { member = name };
        var acting = name == session.User && session.Roles.Count > 0 ? session.Roles.Min() : session.Authorize(Permission.ManageMembers, "members.passwd", parameters);
        session.Workspace.SignIns.SetHash(name, hash);
        session.Record(acting, "members.passwd", parameters, 1);
    }

    public IReadOnlyList<AuditEntry> AuditEntries(string? user, string? action, DateTimeOffset? since)
    {
        return session.Perform(Permission.ReadAudit, "audit.show", new { user, action, since }, () => session.Audit.Entries(user, action, since), entries => entries.Count);
    }

    /// <summary>The case's members and their roles, for any member; the listing is audited.</summary>
    public IReadOnlyList<Member> Members()
    {
        return session.Perform(Permission.ListMembers, "members.list", new { }, members.All, all => all.Count);
    }

    /// <summary>
    /// Verifies the trail, then writes the verification's own entry (with its result) and reports the
    /// head as that entry leaves it: the head every reading command reports is the one <c>audit-head</c>
    /// holds afterwards, so <c>audit verify</c>, <c>audit head</c> and <c>audit checkpoint</c> agree.
    /// </summary>
    public AuditVerification VerifyAudit(string? expectedHead, AuditCheckpoint? checkpoint = null)
    {
        var parameters = new { expect_head = expectedHead, checkpoint = checkpoint is null ? null : new { checkpoint.Entry, checkpoint.Hash } };
        var role = session.Authorize(Permission.VerifyAudit, "audit.verify", parameters);
        var result = session.Audit.Verify(expectedHead, checkpoint);
        var entry = session.Record(role, "audit.verify", new
        {
            expect_head = expectedHead,
            checkpoint = parameters.checkpoint,
            intact = result.Intact,
            first_bad = result.FirstBadSeq,
            signatures_checked = result.SignaturesChecked,
        }, result.Entries);
        return result with { HeadHash = entry.Hash, HeadEntry = entry.Seq };
    }

    /// <summary>The chain's head, to record elsewhere: the reading is audited first, so the head reported is the one that entry leaves.</summary>
    public (long Seq, string Hash) AuditHead()
    {
        var role = session.Authorize(Permission.VerifyAudit, "audit.head", new { });
        var entry = session.Record(role, "audit.head", new { }, null);
        return (entry.Seq, entry.Hash);
    }

    /// <summary>A signed checkpoint of the head, including the checkpoint's own entry, to keep outside the workspace.</summary>
    public AuditCheckpoint AuditCheckpoint(string destination)
    {
        var parameters = new { output = destination };
        var role = session.Authorize(Permission.VerifyAudit, "audit.checkpoint", parameters);
        session.Record(role, "audit.checkpoint", new { output = destination, signed = session.Workspace.AuditKey is not null }, null);
        return session.Audit.Checkpoint();
    }

    /// <summary>The "started" entries among these (an ingest) that no later entry closes: the process was killed, or is still running.</summary>
    public static IReadOnlySet<long> Unfinished(IReadOnlyList<AuditEntry> entries) => AuditLog.Unfinished(entries);
}
