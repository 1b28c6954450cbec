using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>The findings marked for the case report, and the report itself, as 'lantern finding' and 'lantern report' give them.</summary>
public sealed class FindingsModel(WorkspaceGate gate) : PageModel
{
    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public void OnGet() => Findings = gate.AsMember(HttpContext, session => session.Findings());

    /// <summary>Marks a finding from the page that shows it, then goes back there.</summary>
    public IActionResult OnPost(string finding, string note, string? back)
    {
        var marked = gate.AsMember(HttpContext, session => session.AddFinding(finding, note));
        Message = $"Marked as finding {marked.Id}: {marked.Spec}.";
        return LocalRedirect(Url.IsLocalUrl(back) ? back! : "/findings");
    }

    public IActionResult OnPostRemove(long id)
    {
        var removed = gate.AsMember(HttpContext, session => session.RemoveFinding(id));
        Message = $"Finding {removed.Id} removed from the report.";
        return RedirectToPage();
    }

    /// <summary>
    /// The case report as a download: the file carries its own style element, so it is sent as an
    /// attachment to be saved and opened outside this application (whose pages allow no inline style).
    /// </summary>
    public IActionResult OnPostReport()
    {
        var report = gate.AsMember(HttpContext, session => session.Report("download from the web application"));
        var caseId = string.Concat(gate.Use(workspace => workspace.Case.Id).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        return File(Encoding.UTF8.GetBytes(report.Html), "application/octet-stream", $"{caseId}-report-{report.Summary.AuditSeq}.html");
    }
}
