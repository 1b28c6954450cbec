using Lantern.Graph;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class AliasesModel(WorkspaceGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public double MinScore { get; set; }

    public IReadOnlyList<AliasCluster> Clusters { get; private set; } = [];

    public IReadOnlyList<AliasRelay> Relays { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
        Clusters = gate.AsMember(HttpContext, session => session.Aliases(MinScore));
        Relays = gate.AsMember(HttpContext, session => session.Relays());
    }

    /// <summary>A supervisor's decision on a cluster, through the same library rule as <c>lantern review</c>.</summary>
    public IActionResult OnPost(string cluster, string decision, string reason, string? back)
    {
        var decided = gate.AsMember(HttpContext, session => session.Review(cluster, decision, reason));
        Message = $"{decided.ClusterId} {decided.Decision} ({string.Join(", ", decided.Members)}).";
        return LocalRedirect(Url.IsLocalUrl(back) ? back! : "/aliases");
    }
}
