using Lantern.Search;
using Lantern.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class SelectorModel(WorkspaceGate gate) : PageModel
{
    public string Type { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public IReadOnlyList<SelectorHandle> Handles { get; private set; } = [];

    public SearchResults Documents { get; private set; } = null!;

    public void OnGet(string type, string value)
    {
        (Type, Value) = (type, value);
        (Handles, Documents) = gate.AsMember(HttpContext, session =>
        {
            using var search = new SearchService(session);
            return (search.SelectorHandles(type, value),
                search.Search(new SearchRequest($"selector:\"{ApiEndpoints.Escape(type)}:{ApiEndpoints.Escape(value)}\"", 50, Sort: SearchSort.Date)));
        });
    }
}
