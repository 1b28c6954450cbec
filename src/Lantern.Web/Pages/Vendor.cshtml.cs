using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>A vendor's profile: the records of <c>lantern vendor --json</c>, as tables and charts (assets/trade.js draws them from the page's data block).</summary>
public sealed class VendorModel(WorkspaceGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Handle { get; set; }

    public VendorProfile? Profile { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Handle))
        {
            return Page();
        }

        Profile = gate.AsMember(HttpContext, session => session.Vendor(Handle));
        return Page();
    }

    /// <summary>One table of the profile as CSV, the CLI's <c>--csv</c> file: an export, needing the purpose and audited.</summary>
    public IActionResult OnPostCsv(string table)
    {
        var tables = gate.AsMember(HttpContext, session => session.ExportVendor(Handle ?? string.Empty, "download"));
        return TradeDownload.File(this, tables, table, "vendor-" + Handle);
    }
}
