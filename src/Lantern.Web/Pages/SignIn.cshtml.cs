using Lantern.Cases;
using Lantern.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class SignInModel(WorkspaceGate gate, SignInFailures failures) : PageModel
{
    public string CaseId { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => CaseId = gate.Use(workspace => workspace.Case.Id);

    public async Task<IActionResult> OnPostAsync(string name, string password)
    {
        CaseId = gate.Use(workspace => workspace.Case.Id);
        var member = name.Trim();
        var now = DateTimeOffset.UtcNow;
        var session = gate.Use(workspace => Passwords.SignIn(workspace, member, password, now, failures) == SignInOutcome.Success
            ? Passwords.StartSession(workspace, member, now)
            : null);
        if (session is null)
        {
            // One message whatever the reason, so the answer does not tell members from strangers.
            Message = Passwords.RefusalMessage;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Member(member, session));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
