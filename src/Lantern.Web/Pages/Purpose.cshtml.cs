using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>Sets the purpose (justification) the member works under; it goes into every audit entry until changed.</summary>
public sealed class PurposeModel : PageModel
{
    public IActionResult OnPost(string? reason, string? back)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Response.Cookies.Delete(WorkspaceGate.ReasonCookie);
        }
        else
        {
            Response.Cookies.Append(WorkspaceGate.ReasonCookie, reason.Trim(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        }

        return LocalRedirect(Url.IsLocalUrl(back) ? back! : "/");
    }
}
