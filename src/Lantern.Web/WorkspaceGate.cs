using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Web;

/// <summary>
/// The one workspace the server serves, to many requests at once, with no lock between them: each
/// call gets its own pooled SQLite connection (WAL: reads never wait for a writer; the small writes
/// requests make — audit entries, reviews, passwords — queue on SQLite's busy timeout inside
/// <c>BEGIN IMMEDIATE</c>), and every search shares one long-lived index reader, reopened only
/// when a writer (an ingest in another process) has committed. The server never writes the index,
/// except to index what an interrupted ingest left behind when no other process is writing.
/// </summary>
public sealed class WorkspaceGate : IDisposable
{
    /// <summary>The header (API) or form field (UI) that carries why the member looks something up.</summary>
    public const string ReasonHeader = "X-Lantern-Reason";
    public const string ReasonCookie = "lantern-reason";

    /// <summary>How often the shared reader looks for a new commit.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lazy<Workspace> opened;
    private readonly Lazy<SharedIndex> index;

    public WorkspaceGate(string root)
    {
        Root = Path.GetFullPath(root);
        // Opened when first used (applying migrations once), so a host's configuration is read first.
        opened = new Lazy<Workspace>(() => Workspace.Open(Root), LazyThreadSafetyMode.ExecutionAndPublication);
        index = new Lazy<SharedIndex>(() => new SharedIndex(opened.Value, RefreshInterval), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Root { get; }

    /// <summary>
    /// Runs an operation as the signed-in member, with the justification the request carries. Its
    /// searches share the server's index reader; when one finds documents not yet indexed and no
    /// process is writing, they are indexed in the background.
    /// </summary>
    public T AsMember<T>(HttpContext http, Func<CaseSession, T> operation)
    {
        var user = http.User.Identity?.Name ?? throw new InvalidOperationException("the request is not signed in");
        var reason = http.Request.Headers[ReasonHeader].FirstOrDefault() ?? http.Request.Cookies[ReasonCookie];
        return Use(workspace => operation(CaseSession.Open(workspace, user, reason, index.Value)));
    }

    public T Use<T>(Func<Workspace, T> operation)
    {
        using var workspace = opened.Value.Attach();
        return operation(workspace);
    }

    public void Dispose()
    {
        if (index.IsValueCreated)
        {
            index.Value.Dispose();
        }

        if (opened.IsValueCreated)
        {
            opened.Value.Dispose();
        }
    }
}

/// <summary>The case header every page shows: which case, under what authority, who is working and in which role.</summary>
/// <remarks><see cref="UnreadAlerts"/> is how many alerts the member has not acknowledged, or null for a member who may not read them.</remarks>
public sealed record CaseHeader(string CaseId, string Title, string LegalBasis, string User, IReadOnlyList<string> Roles, string? Reason, int? UnreadAlerts)
{
    /// <summary>The header of this request, read once however many parts of the page ask (the layout, each alias cluster's review form).</summary>
    public static CaseHeader For(WorkspaceGate gate, HttpContext http)
    {
        if (http.Items[typeof(CaseHeader)] is CaseHeader known)
        {
            return known;
        }

        var header = gate.Use(workspace =>
        {
            var user = http.User.Identity?.Name ?? string.Empty;
            var session = CaseSession.Open(workspace, user);
            var roles = session.Roles.Select(Rights.Name).ToList();
            int? unread = Rights.Granting(session.Roles.ToList(), Permission.Search) is null ? null : session.UnreadAlerts();
            return new CaseHeader(workspace.Case.Id, workspace.Case.Title, workspace.Case.LegalBasis, user, roles, http.Request.Cookies[WorkspaceGate.ReasonCookie], unread);
        });
        http.Items[typeof(CaseHeader)] = header;
        return header;
    }

    public bool Has(Role role) => Roles.Contains(Rights.Name(role));
}
