using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class HandleModel(WorkspaceGate gate) : PageModel
{
    public HandleView View { get; private set; } = null!;

    public void OnGet(string site, string author) => View = gate.AsMember(HttpContext, session => CaseViews.Handle(session, site, author, 50));
}
