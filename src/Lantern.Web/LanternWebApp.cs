using System.Reflection;
using Lantern.Cases;
using Lantern.Web.Api;
using Lantern.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Lantern.Web;

/// <summary>
/// The web application over one case workspace: cookie sign-in for the case's members, the REST API
/// under /api (OpenAPI at /openapi/v1.json) and the analyst's pages. Every call goes through the same
/// library operations as the CLI, so roles, justifications and the audit trail are the same.
/// </summary>
public static class LanternWebApp
{
    /// <summary>
    /// Nothing outside the app: scripts, styles, images and connections only from its own origin,
    /// no plugins, no framing, forms post only back to the app.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication Build(string[] args, string? workspace = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LanternWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // ASP.NET Core logs every request at Information; the console of `lantern serve` is for the address, the demo's
        // sign-ins and real problems. Logging:LogLevel:Microsoft.AspNetCore in configuration brings the requests back.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // Read when first needed, so configuration added by a host (a test server, environment variables) is seen.
        builder.Services.AddSingleton(services => new WorkspaceGate(workspace ?? services.GetRequiredService<IConfiguration>()["Lantern:Workspace"] ?? Storage.Workspace.Resolve(null)));
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Error");
        }).AddApplicationPart(typeof(LanternWebApp).Assembly);
        builder.Services.AddSingleton(services => services.GetRequiredService<WorkspaceGate>().Use(ServedCase.From));
        builder.Services.AddSingleton(new SignInFailures(TimeSpan.FromMinutes(1)));
        // Cookie-signing and antiforgery keys of this case alone: kept in its workspace, encrypted at rest.
        builder.Services.AddDataProtection();
        builder.Services.AddOptions<DataProtectionOptions>().Configure<ServedCase>((options, served) => options.ApplicationDiscriminator = served.ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<ServedCase, ILoggerFactory>((options, served, logging) =>
        {
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(served.KeysFolder), logging);
            options.XmlEncryptor = new WorkspaceKeyEncryptor(served.KeyEncryptionKey);
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSession;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            options.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ServedCase>((options, served) => options.Cookie.Name = served.CookieName);
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddOptions<AntiforgeryOptions>().Configure<ServedCase>((options, served) => options.Cookie.Name = served.AntiforgeryCookieName);
        // Behind a TLS reverse proxy: the scheme it forwards is believed only from loopback (the
        // defaults' known proxies), so cookies are Secure there; the Host header is never taken from it.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(options => LanternJson.Apply(options.SerializerOptions));

        var app = builder.Build();
        app.UseForwardedHeaders();
        // Set as the response starts, so every answer carries them: pages, 404s and the error handler's 500s alike.
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
        // Errors are answered by the error page: problem details for the API, for pages the message inside the layout with its header and menu.
        app.UseExceptionHandler("/error");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/assets/{name}", ServeAsset).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().RequireAuthorization();
        app.MapLanternApi();
        app.MapRazorPages();
        app.Lifetime.ApplicationStopping.Register(() =>
            app.Services.GetRequiredService<WorkspaceGate>().Use(workspace =>
            {
                app.Services.GetRequiredService<SignInFailures>().Flush(workspace);
                return true;
            }));
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<WorkspaceGate>().Dispose());
        return app;
    }

    /// <summary>
    /// Every request's session must still be live on the server: not signed out, not ended by a
    /// password change, its member still a member. Otherwise the cookie is rejected and removed.
    /// </summary>
    private static async Task ValidateSession(CookieValidatePrincipalContext context)
    {
        var member = context.Principal?.Identity?.Name;
        var session = SessionClaims.SessionId(context.Principal);
        var gate = context.HttpContext.RequestServices.GetRequiredService<WorkspaceGate>();
        if (member is null || session is null || !gate.Use(workspace => Passwords.IsLive(workspace, member, session, DateTimeOffset.UtcNow)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task Answer(HttpContext context, string redirect, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // Relative: the redirect never repeats the request's Host header back to the browser.
        context.Response.Redirect(Uri.TryCreate(redirect, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirect);
        return Task.CompletedTask;
    }

    /// <summary>Refusals by the case's rights are 403 (already audited by the library); bad requests 400; the API answers JSON, pages a short page.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    /// <summary>
    /// Lantern's errors mapped once to HTTP: a refusal by the case's rights 403 (already audited by the
    /// library), bad input 400, not found 404, a conflict with the workspace's state 409; anything
    /// else is a defect, 500 without details.
    /// </summary>
    public static (int Status, string Message) ErrorResponse(Exception? error) =>
        error switch
        {
            AccessDeniedException denied => (StatusCodes.Status403Forbidden, denied.Message),
            BadInputException or FormatException => (StatusCodes.Status400BadRequest, error.Message),
            NotFoundException missing => (StatusCodes.Status404NotFound, missing.Message),
            ConflictException conflict => (StatusCodes.Status409Conflict, conflict.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "the server could not complete the request; see the server's log"),
        };

    /// <summary>RFC 9457 problem details; "error" is kept for clients written against the first API.</summary>
    public static object ApiProblem(int status, string message)
    {
        var title = status switch { 400 => "The request cannot be answered as written", 403 => "Not allowed", 404 => "Not found", 409 => "Not now", _ => "The request failed" };
        return new { type = "about:blank", title, status, detail = message, error = message };
    }

    private static IResult ServeAsset(string name)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        return Results.Stream(stream, type);
    }
}
