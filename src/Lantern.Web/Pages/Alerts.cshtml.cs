using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>The alerts the case's watches raised, with the member's acknowledgement, and the watches themselves.</summary>
public sealed class AlertsModel(WorkspaceGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public AlertList Alerts { get; private set; } = new([], 0);

    public IReadOnlyList<Watch> Watches { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public void OnGet() =>
        (Alerts, Watches) = gate.AsMember(HttpContext, session => (session.Alerts(all: All), session.Watches()));

    /// <summary>Acknowledges one alert (<paramref name="id"/>) or every unread one, as <c>lantern alerts ack</c> does.</summary>
    public IActionResult OnPost(long? id)
    {
        var acknowledged = gate.AsMember(HttpContext, session => session.AcknowledgeAlerts(id is { } one ? [one] : null));
        Message = $"{acknowledged.Count} {(acknowledged.Count == 1 ? "alert" : "alerts")} acknowledged.";
        return RedirectToPage(new { all = All });
    }
}
