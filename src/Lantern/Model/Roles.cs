namespace Lantern.Model;

/// <summary>The roles of DESIGN §6. A member may hold several (whoever creates the case is admin and supervisor).</summary>
public enum Role
{
    Analyst,
    Supervisor,
    Auditor,
    Admin,
}

/// <summary>What an action needs. Each maps to the roles that may do it in <see cref="Rights"/>.</summary>
public enum Permission
{
    Ingest,
    Search,
    ViewDocument,
    LookupSelector,
    AnalyseLinks,
    Export,
    Review,
    ReadAudit,
    VerifyAudit,
    ManageMembers,
    ListMembers,
    ApplyRetention,
}
