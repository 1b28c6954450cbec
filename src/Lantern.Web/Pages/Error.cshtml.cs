using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>
/// Where every error is answered: the API gets problem details (RFC 9457) as JSON; a page gets the message inside
/// the layout, so the case header and the menu stay.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Message { get; private set; } = string.Empty;

    public IActionResult OnGet() => Answer();

    public IActionResult OnPost() => Answer();

    private IActionResult Answer()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        (Status, Message) = LanternWebApp.ErrorResponse(failure?.Error);
        Response.StatusCode = Status;
        return failure is not null && LanternWebApp.IsApi(failure.Path)
            ? new JsonResult(LanternWebApp.ApiProblem(Status, Message)) { StatusCode = Status, ContentType = "application/problem+json" }
            : Page();
    }
}
