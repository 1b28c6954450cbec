using Lantern.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>Who works the case and in which roles: the page every member may use, and an admin's landing page.</summary>
public sealed class MembersModel(WorkspaceGate gate) : PageModel
{
    public IReadOnlyList<Member> Members { get; private set; } = [];

    public void OnGet() => Members = gate.AsMember(HttpContext, session => new CaseAdministration(session).Members());
}
