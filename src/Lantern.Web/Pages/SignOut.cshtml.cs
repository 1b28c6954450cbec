using Lantern.Cases;
using Lantern.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>Ends the session on the server, not only in this browser: the cookie, even if kept, no longer signs anyone in.</summary>
public sealed class SignOutModel(WorkspaceGate gate) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (SessionClaims.SessionId(User) is { } session && User.Identity?.Name is { } member)
        {
            gate.Use(workspace =>
            {
                Passwords.SignOut(workspace, member, session);
                return true;
            });
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/signin");
    }
}
