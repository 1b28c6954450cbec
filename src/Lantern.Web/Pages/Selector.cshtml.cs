using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class SelectorModel(WorkspaceGate gate) : PageModel
{
    public SelectorView View { get; private set; } = null!;

    public void OnGet(string type, string value) => View = gate.AsMember(HttpContext, session => CaseViews.Selector(session, type, value, 50));
}
