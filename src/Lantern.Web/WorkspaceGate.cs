using System.Security.Claims;
using Lantern.Cases;
using Lantern.Storage;

namespace Lantern.Web;

/// <summary>
/// The one workspace the server serves. A workspace is a SQLite connection and a Lucene index
/// writer, neither meant for concurrent use, so requests take turns: a case is worked by a handful
/// of analysts, and each call is short.
/// </summary>
public sealed class WorkspaceGate(string root) : IDisposable
{
    /// <summary>The header (API) or form field (UI) that carries why the member looks something up.</summary>
    public const string ReasonHeader = "X-Lantern-Reason";
    public const string ReasonCookie = "lantern-reason";

    private readonly Lock gate = new();
    private Workspace? workspace;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Runs an operation as the signed-in member, with the justification the request carries.</summary>
    public T AsMember<T>(HttpContext http, Func<CaseSession, T> operation)
    {
        var user = http.User.Identity?.Name ?? throw new InvalidOperationException("the request is not signed in");
        var reason = http.Request.Headers[ReasonHeader].FirstOrDefault() ?? http.Request.Cookies[ReasonCookie];
        return Use(workspace => operation(CaseSession.Open(workspace, user, reason)));
    }

    public T Use<T>(Func<Workspace, T> operation)
    {
        lock (gate)
        {
            workspace ??= Workspace.Open(Root);
            return operation(workspace);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            workspace?.Dispose();
            workspace = null;
        }
    }
}

/// <summary>The case header every page shows: which case, under what authority, who is working and in which role.</summary>
public sealed record CaseHeader(string CaseId, string Title, string LegalBasis, string User, IReadOnlyList<string> Roles, string? Reason)
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
            var roles = new MemberStore(workspace).RolesOf(user).Select(Rights.Name).ToList();
            return new CaseHeader(workspace.Case.Id, workspace.Case.Title, workspace.Case.LegalBasis, user, roles, http.Request.Cookies[WorkspaceGate.ReasonCookie]);
        });
        http.Items[typeof(CaseHeader)] = header;
        return header;
    }

    public bool Has(Role role) => Roles.Contains(Rights.Name(role));
}

public static class ClaimsExtensions
{
    public static ClaimsPrincipal Member(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "lantern"));
}
