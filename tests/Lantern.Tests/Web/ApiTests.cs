using Lantern.Cases;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lantern.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lantern.Tests.Web;

/// <summary>The demo case behind the real application, hosted in memory by WebApplicationFactory.</summary>
public sealed class ApiFixture : IDisposable
{
    public ApiFixture()
    {
        Factory = new WebApplicationFactory<WebEntryPoint>().WithWebHostBuilder(builder => builder.UseSetting("Lantern:Workspace", Case.Root));
    }

    public WebCase Case { get; } = new();

    public WebApplicationFactory<WebEntryPoint> Factory { get; }

    /// <summary>A browser-like client signed in through the sign-in form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedIn(string name, string? password = null)
    {
        var client = Anonymous();
        var response = await SignIn(client, name, password ?? WebCase.Password(name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password)
    {
        var form = await client.GetStringAsync("/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public void Dispose()
    {
        Factory.Dispose();
        Case.Dispose();
    }
}

public sealed class ApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }

    private static async Task<string> Antiforgery(HttpClient client) => (await Json(client, "/api/antiforgery")).GetProperty("token").GetString()!;

    [Theory]
    [InlineData("otto", "/audit")]
    [InlineData("ada", "/members")]
    public async Task AMemberWhoMayNotSearchLandsOnAPageTheirRoleMayUse(string member, string landing)
    {
        var client = await fixture.SignedIn(member);

        var start = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal(landing, start.Headers.Location!.OriginalString);
        var page = await client.GetAsync(landing);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("href=\"/graph\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendorAndMarketAnswerTheCliRecordsAndRefuseWhatTheCliRefuses()
    {
        var client = await fixture.SignedIn("anna");
        var market = await Json(client, "/api/market?drug=Xanax");
        Assert.Equal("alprazolam", market.GetProperty("filter").GetProperty("drug").GetString());
        Assert.True(market.GetProperty("listings").GetInt32() > 0);
        Assert.All(market.GetProperty("routes").EnumerateArray(), route => Assert.Equal("alprazolam", route.GetProperty("drug").GetString()));
        var price = market.GetProperty("prices")[0];
        Assert.Equal(["drug", "from", "month", "per", "currency", "n", "median", "p25", "p75", "min", "max"], price.EnumerateObject().Select(property => property.Name));

        var hit = fixture.Case.Workspace.Search("drug:alprazolam", limit: 200).Hits.First(candidate => candidate.Author is not null);
        var vendor = await Json(client, $"/api/vendor?handle={Uri.EscapeDataString($"{hit.Site}/{hit.Author}")}");
        Assert.Equal(hit.Author, vendor.GetProperty("handle").GetProperty("author").GetString());
        Assert.Contains(vendor.GetProperty("drugs").EnumerateArray(), drug => drug.GetProperty("drug").GetString() == "alprazolam");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/vendor?handle=nightmarket%2Fnobody-by-this-name")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/vendor?handle=nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/market?to=Torland")).StatusCode);
        var auditor = await fixture.SignedIn("otto");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/market")).StatusCode);

        // Facets by drug, origin and destination count the matches' stored facts: every hit of drug:alprazolam names it.
        var search = await Json(client, "/api/search?q=drug%3Aalprazolam&facets=true");
        var facets = search.GetProperty("facets");
        var alprazolam = Assert.Single(facets.GetProperty("drugs").EnumerateArray(), facet => facet.GetProperty("value").GetString() == "alprazolam");
        Assert.Equal(search.GetProperty("total").GetInt32(), alprazolam.GetProperty("documents").GetInt32());
        Assert.NotEmpty(facets.GetProperty("ships_from").EnumerateArray());
        Assert.NotEmpty(facets.GetProperty("ships_to").EnumerateArray());
    }

    [Fact]
    public async Task AnErrorPageKeepsTheCaseHeaderAndTheMenu()
    {
        var client = await fixture.SignedIn("anna");

        var response = await client.GetAsync("/?q=cocaine&from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("yesterday&#x27; is not a date", html, StringComparison.Ordinal);
        Assert.Contains("<header class=\"case\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/graph\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditPageShowsParametersAsReadableJson()
    {
        var analyst = await fixture.SignedIn("anna");
        await analyst.GetAsync("/api/search?q=" + Uri.EscapeDataString("\"ships from\" ❄️"));
        var auditor = await fixture.SignedIn("otto");

        var html = await auditor.GetStringAsync("/audit");

        Assert.DoesNotContain("\\u0022", html, StringComparison.Ordinal);
        Assert.Contains("&quot;query&quot;:&quot;\\&quot;ships from\\&quot; ❄️&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSelectorTypeIsABadRequestWithTheCliMessage()
    {
        var client = await fixture.SignedIn("anna");

        var response = await client.GetAsync("/api/selectors?type=bitcoin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Throws<BadInputException>(() => SelectorTypes.Parse("bitcoin")).Message;
        Assert.Equal(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.True((await Json(client, "/api/selectors?type=BTC")).GetArrayLength() > 0, "a type in capitals is the same type");
    }

    [Fact]
    public async Task WithoutSigningInTheApiAnswers401AndPagesSendToTheSignInForm()
    {
        var client = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/search?q=cocaine")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        var page = await client.GetAsync("/documents/anything");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndAuditedAndRepeatedFailuresLockTheAccount()
    {
        var client = fixture.Anonymous();
        var before = fixture.Case.Audit()[^1].Seq;
        for (var attempt = 1; attempt <= Passwords.MaxFailedAttempts; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiFixture.SignIn(client, "lou", "not-the-password")).StatusCode);
        }

        var locked = await ApiFixture.SignIn(client, "lou", WebCase.Password("lou"));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var attempts = fixture.Case.Audit().Where(entry => entry.Seq > before && entry.Action == "sign-in" && entry.User == "lou").ToList();
        Assert.Equal(Passwords.MaxFailedAttempts + 1, attempts.Count);
        Assert.Equal("locked", attempts[^1].Outcome);
        Assert.Equal("denied", attempts[0].Outcome);
    }

    [Fact]
    public async Task AnAnalystSearchesReadsAndFollowsSelectorsInTheContractsShapes()
    {
        var client = await fixture.SignedIn("anna");

        var search = await Json(client, "/api/search?q=cocaine&expand_slang=true&limit=5&facets=true");
        Assert.True(search.GetProperty("total").GetInt64() > 0);
        Assert.Contains("coke", search.GetProperty("expanded_terms").EnumerateArray().Select(term => term.GetString()));
        var hit = search.GetProperty("hits")[0];
        foreach (var field in new[] { "doc", "site", "source_id", "author", "title", "posted_at", "score", "snippet", "kind" })
        {
            Assert.True(hit.TryGetProperty(field, out _), $"hit has {field}");
        }

        Assert.NotEmpty(search.GetProperty("facets").GetProperty("sites").EnumerateArray());

        var document = await Json(client, $"/api/documents/{hit.GetProperty("doc").GetString()}");
        Assert.Equal(hit.GetProperty("doc").GetString(), document.GetProperty("document").GetProperty("id").GetString());
        Assert.True(document.GetProperty("document").GetProperty("provenance").TryGetProperty("source_sha256", out _));
        var mention = document.GetProperty("mentions").EnumerateArray().First();
        foreach (var field in new[] { "type", "value", "raw", "start", "end", "confidence", "obfuscated", "rule" })
        {
            Assert.True(mention.TryGetProperty(field, out _), $"mention has {field}");
        }

        var selectors = await Json(client, "/api/selectors?min_docs=2&limit=200");
        var selector = selectors.EnumerateArray().First(item => item.GetProperty("handles").GetInt32() is >= 2 and < Lantern.Graph.AliasResolver.DefaultHubThreshold);
        var type = selector.GetProperty("type").GetString()!;
        var value = selector.GetProperty("value").GetString()!;
        var page = await Json(client, $"/api/selectors/{type}/{Uri.EscapeDataString(value)}");
        Assert.True(page.GetProperty("documents").GetProperty("total").GetInt64() >= selector.GetProperty("documents").GetInt32());
        var handle = page.GetProperty("handles")[0].GetProperty("handle").GetString()!;

        var handlePage = await Json(client, $"/api/handles/{handle.Replace("/", "/", StringComparison.Ordinal)}");
        Assert.Equal(handle, handlePage.GetProperty("handle").GetString());
        var links = await Json(client, $"/api/links?node={Uri.EscapeDataString(handle)}&hops=1");
        Assert.NotEmpty(links.GetProperty("neighbours").EnumerateArray());
        var graph = await Json(client, $"/api/graph?nodes={Uri.EscapeDataString(handle)}");
        Assert.Contains(graph.GetProperty("nodes").EnumerateArray(), node => node.GetProperty("id").GetString() == handle);
        Assert.All(graph.GetProperty("links").EnumerateArray(), link => Assert.NotEmpty(link.GetProperty("docs").EnumerateArray()));
        var other = page.GetProperty("handles").EnumerateArray().Last().GetProperty("handle").GetString()!;
        var path = await Json(client, $"/api/paths?from={Uri.EscapeDataString(handle)}&to={Uri.EscapeDataString(other)}");
        Assert.True(path.GetProperty("found").GetBoolean());

        var aliases = await Json(client, "/api/aliases");
        Assert.NotEmpty(aliases.GetProperty("clusters").EnumerateArray());
        var relay = aliases.GetProperty("relays").EnumerateArray().First();
        var relayHandle = $"{relay.GetProperty("handle").GetProperty("site").GetString()}/{relay.GetProperty("handle").GetProperty("author").GetString()}";
        Assert.True(relay.GetProperty("carries").GetArrayLength() >= 2);
        var relayGraph = await Json(client, $"/api/graph?nodes={Uri.EscapeDataString(relayHandle)}");
        Assert.Contains(relayGraph.GetProperty("nodes").EnumerateArray(), node => node.GetProperty("id").GetString() == relayHandle && node.GetProperty("kind").GetString() == "relay");
        var relayLinks = relayGraph.GetProperty("links").EnumerateArray().Where(link => link.GetProperty("source").GetString() == relayHandle || link.GetProperty("target").GetString() == relayHandle).ToList();
        Assert.NotEmpty(relayLinks);
        Assert.All(relayLinks, link => Assert.Equal("relays", link.GetProperty("via").GetString()));
        var network = await Json(client, "/api/network?top=5");
        Assert.True(network.TryGetProperty("path_method", out _));
    }

    [Fact]
    public async Task TheSelectorPageTellsTheHandleThatOwnsAContactFromOnesThatQuoteIt()
    {
        var client = await fixture.SignedIn("anna");
        var selectors = (await Json(client, "/api/selectors?min_docs=2&limit=500")).EnumerateArray()
            .Where(item => item.GetProperty("handles").GetInt32() is >= 2 and < Lantern.Graph.AliasResolver.DefaultHubThreshold).Take(40).ToList();

        var quoted = new List<JsonElement>();
        foreach (var selector in selectors)
        {
            var handles = (await Json(client, $"/api/selectors/{selector.GetProperty("type").GetString()}/{Uri.EscapeDataString(selector.GetProperty("value").GetString()!)}"))
                .GetProperty("handles").EnumerateArray().ToList();
            if (handles.Any(handle => handle.GetProperty("own_documents").GetInt32() > 0) && handles.Any(handle => handle.GetProperty("own_documents").GetInt32() == 0))
            {
                quoted.AddRange(handles.Where(handle => handle.GetProperty("own_documents").GetInt32() == 0));
            }
        }

        Assert.NotEmpty(quoted);
        Assert.All(quoted, handle => Assert.DoesNotContain(handle.GetProperty("kinds").EnumerateArray().Select(kind => kind.GetString()), kind => kind is "listing" or "profile"));
    }

    [Fact]
    public async Task AnExportNeedsTheAntiforgeryTokenAndAJustificationAndIsWatermarked()
    {
        var client = await fixture.SignedIn("anna");
        var body = JsonContent.Create(new { format = "graphml" });

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/exports", body)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/exports") { Content = JsonContent.Create(new { format = "graphml" }) };
        request.Headers.Add("X-CSRF-TOKEN", await Antiforgery(client));
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("justification", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        request = new HttpRequestMessage(HttpMethod.Post, "/api/exports") { Content = JsonContent.Create(new { format = "graphml" }) };
        request.Headers.Add("X-CSRF-TOKEN", await Antiforgery(client));
        request.Headers.Add(WorkspaceGate.ReasonHeader, "briefing for the prosecutor");
        var export = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("case TEST-1", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = fixture.Case.Audit().Last(candidate => candidate.Action == "export");
        Assert.Equal(("anna", "briefing for the prosecutor", "ok"), (entry.User, entry.Justification, entry.Outcome));
    }

    [Theory]
    [InlineData("anna", "/api/audit", "audit.show")]
    [InlineData("otto", "/api/search?q=cocaine", "search")]
    [InlineData("ada", "/api/documents/0000000000000000", "view")]
    public async Task AMemberCannotReachWhatTheirRoleMayNotAndTheAttemptIsAudited(string member, string url, string action)
    {
        var client = await fixture.SignedIn(member);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("may not", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        var entry = fixture.Case.Audit().Last(candidate => candidate.User == member);
        Assert.Equal((action, "denied"), (entry.Action, entry.Outcome));
    }

    [Fact]
    public async Task OnlyASupervisorDecidesAnAliasAndTheDecisionIsAudited()
    {
        var analyst = await fixture.SignedIn("anna");
        var cluster = (await Json(analyst, "/api/aliases")).GetProperty("clusters")[0].GetProperty("id").GetString()!;

        async Task<HttpResponseMessage> Review(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/reviews") { Content = JsonContent.Create(new { cluster, decision = "confirm", reason = "same PGP key, checked by hand" }) };
            request.Headers.Add("X-CSRF-TOKEN", await Antiforgery(client));
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Review(analyst)).StatusCode);
        var decided = await Review(await fixture.SignedIn("sam"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("confirmed", (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString());
        var entry = fixture.Case.Audit().Last(candidate => candidate.Action == "review");
        Assert.Equal(("sam", "supervisor", "ok"), (entry.User, entry.Role, entry.Outcome));
    }

    [Fact]
    public async Task TheAuditorReadsTheVerifiedTrail()
    {
        var audit = await Json(await fixture.SignedIn("otto"), "/api/audit");
        Assert.True(audit.GetProperty("verification").GetProperty("intact").GetBoolean());
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), entry => entry.GetProperty("action").GetString() == "sign-in");
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpoint()
    {
        var document = await Json(await fixture.SignedIn("anna"), "/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        foreach (var path in new[] { "/api/search", "/api/documents/{id}", "/api/selectors", "/api/selectors/{type}/{value}", "/api/handles/{site}/{author}",
                     "/api/aliases", "/api/links", "/api/graph", "/api/paths", "/api/network", "/api/exports", "/api/reviews", "/api/audit" })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public async Task TheSearchPagesDateAndFacetFiltersNarrowAsTheQueryLanguageDoes()
    {
        var client = await fixture.SignedIn("anna");
        var expected = (await Json(client, "/api/search?q=" + Uri.EscapeDataString("posted_at:[2025-06-01 TO 2025-06-30] AND site:\"nightmarket\""))).GetProperty("total").GetInt64();

        var page = await client.GetStringAsync("/?from=2025-06-01&to=2025-06-30&site=nightmarket");

        Assert.Contains($"{expected:N0} documents match", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/?from=June")).StatusCode);
    }

    [Fact]
    public async Task EveryPageSendsAPolicyThatAllowsNothingFromOutsideTheApp()
    {
        var client = await fixture.SignedIn("anna");
        foreach (var url in new[] { "/signin", "/", "/?q=oxycodone", "/graph", "/aliases" })
        {
            var response = await client.GetAsync(url);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
