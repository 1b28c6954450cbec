using Lantern.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class AuditModel(WorkspaceGate gate) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? FilterUser { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public AuditVerification Verification { get; private set; } = null!;

    /// <summary>Started actions (ingests) no entry closes: killed, or still running.</summary>
    public IReadOnlySet<long> Unfinished { get; private set; } = new HashSet<long>();

    public void OnGet()
    {
        var view = gate.AsMember(HttpContext, session =>
            CaseViews.Audit(session, string.IsNullOrWhiteSpace(FilterUser) ? null : FilterUser, string.IsNullOrWhiteSpace(Action) ? null : Action, null));
        (Entries, Verification, Unfinished) = (view.Entries.Reverse().Take(500).ToList(), view.Verification, CaseAdministration.Unfinished(view.Entries));
    }
}
