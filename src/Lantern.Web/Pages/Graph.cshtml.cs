using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>The graph view: the page is a shell; assets/graph.js draws what <c>GET /api/graph</c> and <c>/api/paths</c> return.</summary>
public sealed class GraphModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Node { get; set; }

    public void OnGet()
    {
    }
}
