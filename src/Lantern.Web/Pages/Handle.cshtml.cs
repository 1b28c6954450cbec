using Lantern.Graph;
using Lantern.Search;
using Lantern.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class HandleModel(WorkspaceGate gate) : PageModel
{
    public string Handle { get; private set; } = string.Empty;

    public IReadOnlyList<AliasCluster> Aliases { get; private set; } = [];

    public SearchResults Documents { get; private set; } = null!;

    public void OnGet(string site, string author)
    {
        Handle = $"{site}/{author}";
        (Aliases, Documents) = gate.AsMember(HttpContext, session =>
        {
            using var search = new SearchService(session);
            var documents = search.Search(new SearchRequest($"site:\"{ApiEndpoints.Escape(site)}\" AND author:\"{ApiEndpoints.Escape(author)}\"", 50, Sort: SearchSort.Date));
            var aliases = new AliasAnalysis(session).Clusters().Where(cluster => cluster.Members.Contains(Handle)).ToList();
            return ((IReadOnlyList<AliasCluster>)aliases, documents);
        });
    }
}
