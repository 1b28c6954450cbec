using System.Net;
using System.Text.RegularExpressions;
using Lantern.Cases;
using Lantern.Tests.Support;
using Lantern.Web;
using Lantern.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lantern.Tests.Web;

/// <summary>A small case served in memory, with one analyst "ana" whose password is the same in every such case.</summary>
public sealed class ServedTestCase : IDisposable
{
    public const string Member = "ana";
    public const string Password = "ana-correct-horse";

    public ServedTestCase(string caseId)
    {
        Workspace = new TestWorkspace(TestWorkspace.NewCase() with { Id = caseId });
        var admin = Workspace.Session();
        new CaseAdministration(admin).AddMember(Member, Role.Analyst);
        Passwords.Set(admin, Member, Password);
        Factory = new WebApplicationFactory<WebEntryPoint>().WithWebHostBuilder(builder => builder.UseSetting("Lantern:Workspace", Workspace.Workspace.Root));
    }

    public TestWorkspace Workspace { get; }

    public WebApplicationFactory<WebEntryPoint> Factory { get; }

    public HttpClient Client(bool cookies = true) =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });

    /// <summary>Signs in through the form and returns the session cookie (name=value) the server set.</summary>
    public async Task<string> SignIn(string member = Member, string password = Password)
    {
        var client = Client(cookies: false);
        var form = await client.GetAsync("/signin");
        var antiforgeryCookie = CookiesOf(form).Single();
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = member, ["password"] = password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return CookiesOf(response).Single(cookie => !cookie.StartsWith(antiforgeryCookie.Split('=')[0], StringComparison.Ordinal));
    }

    /// <summary>A request carrying exactly the given cookie header, as a browser replaying it would.</summary>
    public async Task<HttpResponseMessage> With(string cookie, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await Client(cookies: false).SendAsync(request);
    }

    public static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(value => value.Split(';')[0]) : [];

    public void Dispose()
    {
        Factory.Dispose();
        Workspace.Dispose();
    }
}

public sealed class WebSecurityTests
{
    [Fact]
    public async Task ACookieFromOneServedCaseIsRefusedByAnother()
    {
        using var first = new ServedTestCase("OP-A");
        using var second = new ServedTestCase("OP-B");
        var cookie = await first.SignIn();
        Assert.Equal(HttpStatusCode.OK, (await first.With(cookie, "/api/case")).StatusCode);

        // As the browser would send it (same host, another port), and renamed to the other case's cookie.
        var secondName = (await second.SignIn()).Split('=')[0];
        var renamed = secondName + "=" + cookie.Split('=', 2)[1];

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.With(cookie, "/api/case")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.With(renamed, "/api/case")).StatusCode);
        Assert.NotEqual(cookie.Split('=')[0], secondName);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionOnTheServer()
    {
        using var served = new ServedTestCase("OP-OUT");
        var cookie = await served.SignIn();
        var client = served.Client(cookies: false);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", cookie);
        var home = await client.SendAsync(page);
        var antiforgery = ServedTestCase.CookiesOf(home).Single();
        var token = Regex.Match(await home.Content.ReadAsStringAsync(), "action=\"/signout\".*?name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value;

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        signOut.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(signOut)).StatusCode);

        // The old cookie, kept and replayed, signs no one in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await served.With(cookie, "/api/case")).StatusCode);
        Assert.Contains(new AuditLog(served.Workspace.Workspace).Entries(), entry => entry is { Action: "sign-out", User: ServedTestCase.Member });
    }

    [Fact]
    public async Task APasswordChangeEndsTheMembersSessions()
    {
        using var served = new ServedTestCase("OP-PW");
        var cookie = await served.SignIn();
        Assert.Equal(HttpStatusCode.OK, (await served.With(cookie, "/api/case")).StatusCode);

        Passwords.Set(served.Workspace.Session(), ServedTestCase.Member, "a-new-password-7");

        Assert.Equal(HttpStatusCode.Unauthorized, (await served.With(cookie, "/api/case")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await served.With(await served.SignIn(password: "a-new-password-7"), "/api/case")).StatusCode);
    }

    [Fact]
    public async Task MembersAndStrangersGetTheSameRefusalAndStrangersFloodsAreAuditedBounded()
    {
        using var served = new ServedTestCase("OP-FLOOD");
        var log = new AuditLog(served.Workspace.Workspace);
        var before = log.Entries()[^1].Seq;
        var client = served.Client();

        var answers = new List<string>();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            answers.Add(await Refusal(client, $"guess{attempt}", "whatever-password"));
        }

        for (var attempt = 0; attempt <= Passwords.MaxFailedAttempts; attempt++)
        {
            answers.Add(await Refusal(client, ServedTestCase.Member, "wrong-password-1"));
        }

        Assert.Single(answers.Distinct());
        Assert.Contains(Passwords.RefusalMessage, answers[0], StringComparison.Ordinal);
        var strangers = log.Entries().Where(entry => entry.Seq > before && entry.User == SignInFailures.NotAMemberUser).ToList();
        Assert.Single(strangers);

        served.Factory.Dispose();
        var flushed = log.Entries().Where(entry => entry.Seq > before && entry.User == SignInFailures.NotAMemberUser).ToList();
        Assert.Equal(2, flushed.Count);
        Assert.Contains("\"attempts\":29", flushed[1].Parameters, StringComparison.Ordinal);
        Assert.Contains("guess9", flushed[1].Parameters, StringComparison.Ordinal);
        Assert.True(log.Verify().Intact);
    }

    [Fact]
    public async Task ErrorsAndMissingPagesCarryTheContentSecurityPolicy()
    {
        using var served = new ServedTestCase("OP-CSP");
        var missing = await served.Client().GetAsync("/no-such-page");
        var error = await served.With(await served.SignIn(), "/api/search?q=ketamine%20AND");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        foreach (var response in new[] { missing, error })
        {
            Assert.Equal(LanternWebApp.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task TheHostHeaderIsNeverReflectedIntoARedirect()
    {
        using var served = new ServedTestCase("OP-HOST");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/documents/anything");
        request.Headers.Host = "attacker.example";

        var response = await served.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri);
        Assert.StartsWith("/signin", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookiesAreSecureWhenServedOverHttps()
    {
        using var served = new ServedTestCase("OP-TLS");
        var client = served.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var form = await client.GetAsync("/signin");

        Assert.All(form.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheWebKeysAreKeptInTheWorkspaceEncrypted()
    {
        using var served = new ServedTestCase("OP-KEYS");
        await served.SignIn();

        var keys = Directory.GetFiles(Path.Combine(served.Workspace.Workspace.Root, ServedCase.KeysFolderName), "*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            var xml = File.ReadAllText(key);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    private static async Task<string> Refusal(HttpClient client, string name, string password)
    {
        var form = await client.GetStringAsync("/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return Regex.Match(await response.Content.ReadAsStringAsync(), "role=\"alert\">([^<]*)<").Groups[1].Value;
    }
}
