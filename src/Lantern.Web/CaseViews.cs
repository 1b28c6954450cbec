using Lantern.Cases;
using Lantern.Graph;
using Lantern.Search;

namespace Lantern.Web;

public sealed record SelectorView(string Type, string Value, SearchResults Documents, IReadOnlyList<SelectorHandle> Handles);

public sealed record HandleView(string Handle, SearchResults Documents, IReadOnlyList<AliasCluster> Aliases);

public sealed record AuditView(IReadOnlyList<AuditEntry> Entries, AuditVerification Verification);

/// <summary>What a selector, handle or audit page shows, gathered once for the page and its API endpoint alike.</summary>
public static class CaseViews
{
    public static SelectorView Selector(CaseSession session, string type, string value, int limit)
    {
        var documents = session.Search(new SearchRequest($"selector:\"{Escape(type)}:{Escape(value)}\"", limit, Sort: SearchSort.Date));
        return new SelectorView(type, value, documents, session.SelectorHandles(type, value));
    }

    public static HandleView Handle(CaseSession session, string site, string author, int limit)
    {
        var handle = new Handle(site, author).ToString();
        var documents = session.Search(new SearchRequest($"site:\"{Escape(site)}\" AND author:\"{Escape(author)}\"", limit, Sort: SearchSort.Date));
        var aliases = session.Aliases().Where(cluster => cluster.Members.Contains(handle)).ToList();
        return new HandleView(handle, documents, aliases);
    }

    public static AuditView Audit(CaseSession session, string? user, string? action, DateTimeOffset? since)
    {
        var administration = new CaseAdministration(session);
        return new AuditView(administration.AuditEntries(user, action, since), administration.VerifyAudit(null));
    }

    /// <summary>Quotes a value for the query language: backslash and double quote are escaped.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
