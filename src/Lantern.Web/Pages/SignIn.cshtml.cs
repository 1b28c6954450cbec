using Lantern.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class SignInModel(WorkspaceGate gate) : PageModel
{
    public string CaseId { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => CaseId = gate.Use(workspace => workspace.Case.Id);

    public async Task<IActionResult> OnPostAsync(string name, string password)
    {
        CaseId = gate.Use(workspace => workspace.Case.Id);
        var outcome = gate.Use(workspace => Passwords.SignIn(workspace, name.Trim(), password, DateTimeOffset.UtcNow));
        if (outcome != SignInOutcome.Success)
        {
            Message = outcome == SignInOutcome.LockedOut
                ? $"Too many failed attempts: this account is locked for {Passwords.LockoutDuration.TotalMinutes:0} minutes."
                : "The name or password is not right.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ClaimsExtensions.Member(name.Trim()));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
