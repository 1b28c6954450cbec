using Lantern.Cases;
using Lantern.Tests.Support;
using Lantern.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Lantern.Tests.Web;

/// <summary>The application on a real Kestrel port and Debian's Chromium driven by Playwright, recording every request the browser makes.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private WebApplication? app;

    public WebCase Case { get; } = new();

    public IPlaywright? Playwright { get; private set; }

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every URL any page asked for, across the tests.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Script errors and console errors of every page (a page that breaks under the Content-Security-Policy shows here).</summary>
    public List<string> PageErrors { get; } = [];

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        app = LanternWebApp.Build([], Case.Root);
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        BaseUrl = app.Urls.First();
        Directory.CreateDirectory(Screenshots);
        if (!Chromium.IsInstalled)
        {
            if (Chromium.IsRequired)
            {
                throw new InvalidOperationException(Chromium.Missing);
            }

            return;
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context signed in as the member, its requests recorded.</summary>
    public async Task<IPage> SignedIn(string member)
    {
        var browser = Browser ?? throw new InvalidOperationException(Chromium.Missing);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            lock (Requests)
            {
                Requests.Add(request.Url);
            }
        };
        page.PageError += (_, error) =>
        {
            lock (PageErrors)
            {
                PageErrors.Add($"{page.Url}: {error}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (PageErrors)
                {
                    PageErrors.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        await page.GotoAsync(BaseUrl + "/");
        await page.FillAsync("input[name=name]", member);
        await page.FillAsync("input[name=password]", WebCase.Password(member));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Case.Dispose();
    }
}

public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, name + ".png"), FullPage = false });

    private void NothingLeftTheApp()
    {
        lock (fixture.PageErrors)
        {
            Assert.True(fixture.PageErrors.Count == 0, string.Join("\n", fixture.PageErrors));
        }

        lock (fixture.Requests)
        {
            Assert.NotEmpty(fixture.Requests);
            Assert.All(fixture.Requests, url => Assert.StartsWith(fixture.BaseUrl + "/", url, StringComparison.Ordinal));
        }
    }

    [BrowserFact]
    public async Task AnAnalystSearchesWithSlangOpensADocumentFollowsASelectorAndExploresTheGraph()
    {
        var page = await fixture.SignedIn("anna");
        Assert.Equal("analyst", await page.TextContentAsync("[data-testid=roles]"));

        await page.FillAsync("input[name=q]", "cocaine");
        await page.CheckAsync("input[name=slang]");
        await page.ClickAsync("form.search button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=expanded]");
        Assert.Contains("coke", await page.TextContentAsync("[data-testid=expanded]"), StringComparison.Ordinal);
        Assert.True(await page.Locator("li.hit mark").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=facets] li").CountAsync() > 0);
        await Screenshot(page, "search");

        await page.Locator("li.hit a.doc").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=provenance]");
        Assert.Contains("SHA-256", await page.TextContentAsync("[data-testid=provenance]"), StringComparison.Ordinal);
        await Screenshot(page, "document");

        await page.Locator("pre.text a.selector").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=handles]");
        await Screenshot(page, "selector");
        // Explore from the first handle of the table that shares selectors with two other handles or more: one is expanded, another is the end of the path.
        string? handle = null;
        foreach (var candidate in await page.Locator("[data-testid=handles] tbody a").AllTextContentsAsync())
        {
            var quoted = System.Text.Json.JsonSerializer.Serialize(candidate);
            var others = await page.EvaluateAsync<int>($"async () => {{ const g = await (await fetch('/api/graph?nodes=' + encodeURIComponent({quoted}), {{ credentials: 'same-origin' }})).json(); return g.nodes.filter(n => n.kind !== 'selector' && n.id !== {quoted}).length; }}");
            if (others >= 2)
            {
                handle = candidate;
                break;
            }
        }

        Assert.NotNull(handle);

        await page.GotoAsync($"{fixture.BaseUrl}/graph?node={Uri.EscapeDataString(handle!)}");
        await page.WaitForSelectorAsync("#graph[data-nodes]");
        var before = int.Parse((await page.GetAttributeAsync("#graph", "data-nodes"))!);
        var target = await page.EvaluateAsync<double[]>("() => { const n = window.lanternGraph.nodes().not('.centre').filter(n => n.data('kind') === 'handle')[0] || window.lanternGraph.nodes().not('.centre')[0]; const p = n.renderedPosition(); return [p.x, p.y]; }");
        var box = (await page.Locator("#graph").BoundingBoxAsync())!;
        await page.Mouse.DblClickAsync(box.X + (float)target[0], box.Y + (float)target[1]);
        await page.WaitForFunctionAsync($"() => window.lanternGraph.nodes('.centre').length === 2");
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('graph').dataset.nodes) >= {before}");
        await Screenshot(page, "graph-expanded");

        // A relay is a handle too, drawn as one that reposts others' selectors.
        var other = await page.EvaluateAsync<string>("() => window.lanternGraph.nodes().filter(n => (n.data('kind') === 'handle' || n.data('kind') === 'relay') && !n.hasClass('centre')).map(n => n.id()).pop() || ''");
        Assert.NotEmpty(other);
        await page.FillAsync("#path-from", handle!);
        await page.FillAsync("#path-to", other);
        await page.ClickAsync("#graph-path button");
        await page.WaitForSelectorAsync("[data-testid=path] li");
        Assert.True(await page.Locator("[data-testid=path] li a").CountAsync() > 0, "each hop cites its documents");
        await Screenshot(page, "graph-path");
        NothingLeftTheApp();
    }

    [BrowserFact]
    public async Task AnUnknownNodeInTheGraphSaysSoInsteadOfDrawingOneCircle()
    {
        var page = await fixture.SignedIn("anna");

        await page.GotoAsync($"{fixture.BaseUrl}/graph?node={Uri.EscapeDataString("nightmarket/nobody-by-this-name")}");

        // The library names what is unknown (and the nearest handle); the page says it where the graph would be.
        await page.WaitForFunctionAsync("() => document.getElementById('graph-detail').textContent.includes('nobody-by-this-name')");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.lanternGraph.nodes().length"));
        lock (fixture.PageErrors)
        {
            // The browser logs the API's 400 for the unknown node: the answer this test asked for, not a page fault.
            fixture.PageErrors.RemoveAll(error => error.Contains("nobody-by-this-name", StringComparison.Ordinal) && error.Contains("400", StringComparison.Ordinal));
        }

        NothingLeftTheApp();
    }

    [BrowserFact]
    public async Task ASupervisorConfirmsAnAliasAndTheAuditorSeesTheDecision()
    {
        var supervisor = await fixture.SignedIn("sam");
        await supervisor.GotoAsync(fixture.BaseUrl + "/aliases");
        var cluster = supervisor.Locator("[data-testid=cluster]").First;
        var id = await cluster.GetAttributeAsync("data-cluster");
        await cluster.Locator("input[name=reason]").FillAsync("same PGP key on both markets, checked by hand");
        await cluster.Locator("button[value=confirm]").ClickAsync();
        await supervisor.WaitForSelectorAsync("[role=status]");
        Assert.Equal("confirmed", await supervisor.Locator($"[data-cluster='{id}'] [data-testid=status]").First.TextContentAsync());
        await Screenshot(supervisor, "aliases");

        var analyst = await fixture.SignedIn("anna");
        await analyst.GotoAsync(fixture.BaseUrl + "/aliases");
        Assert.Equal(0, await analyst.Locator("button[value=confirm]").CountAsync());

        var auditor = await fixture.SignedIn("otto");
        Assert.Equal(fixture.BaseUrl + "/audit", auditor.Url);
        Assert.Contains("intact", await auditor.TextContentAsync("[data-testid=verification]"), StringComparison.Ordinal);
        var review = auditor.Locator("[data-testid=audit] tr", new PageLocatorOptions { HasText = "review" }).First;
        Assert.Contains("sam", await review.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(id!, await review.TextContentAsync(), StringComparison.Ordinal);
        await Screenshot(auditor, "audit");
        NothingLeftTheApp();
    }

    [BrowserFact]
    public async Task AScrapedPageNeverRunsScriptNorMakesTheBrowserReachOutside()
    {
        var id = fixture.Case.Workspace.Search("site:pillshop").Hits.Single().Doc;
        var page = await fixture.SignedIn("anna");
        var outside = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (!route.Request.Url.StartsWith(fixture.BaseUrl + "/", StringComparison.Ordinal))
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });

        await page.GotoAsync($"{fixture.BaseUrl}/documents/{id}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Contains("Oxycodone 80mg", await page.TextContentAsync("[data-testid=text]"), StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));
        Assert.Equal(0, await page.Locator("main img, main iframe, main object, main script").CountAsync());
        Assert.Empty(outside);
        NothingLeftTheApp();
    }

    [BrowserFact]
    public async Task TheCaseReportOpensWithNoRequestLeavingItAndItsAnnexMatchesTheWorkspace()
    {
        var workspace = fixture.Case.Workspace;
        var session = workspace.Session("sam", reason: "court bundle");
        var hit = session.Search(new SearchRequest("oxycodone", 1)).Hits[0];
        var cluster = session.Aliases().First(candidate => candidate.Strong);
        session.AddFinding($"doc:{hit.Doc}", "offers oxycodone");
        session.AddFinding($"facts:{hit.Doc}", "what the listing sells");
        session.AddFinding($"cluster:{cluster.Id}", "one vendor on several markets");
        session.AddFinding($"path:{cluster.Members[0]}..{cluster.Members[1]}", "how the two handles connect");
        var file = Path.Combine(workspace.Folder.Path, "report.html");
        var report = session.Report(file);
        await File.WriteAllTextAsync(file, report.Html);

        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1400 } });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "report.png") });

        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        var trail = new AuditLog(workspace.Workspace);
        var entry = trail.Entries(action: "report")[^1];
        Assert.Equal(entry.Hash, await page.TextContentAsync("[data-testid=audit-head]"));
        Assert.Equal($"#{entry.Seq}", await page.TextContentAsync("[data-testid=audit-seq]"));
        Assert.True(trail.Verify(entry.Hash).Intact);
        var cited = new List<string>();
        foreach (var row in await page.QuerySelectorAllAsync("[data-testid=annex] tr[data-doc]"))
        {
            var doc = (await row.GetAttributeAsync("data-doc"))!;
            var stored = workspace.Store.Get(doc)!;
            Assert.Equal(stored.ContentSha256, await (await row.QuerySelectorAsync(".sha"))!.TextContentAsync());
            Assert.Equal(stored.Provenance!.SourceSha256, await (await row.QuerySelectorAsync(".file-sha"))!.TextContentAsync());
            Assert.Equal(IngestService.HashFile(stored.Provenance.SourcePath), stored.Provenance.SourceSha256);
            cited.Add(doc);
        }

        Assert.Contains(hit.Doc, cited);
        Assert.All(cluster.Evidence.Take(20).SelectMany(evidence => evidence.Docs), doc => Assert.Contains(doc, cited));
        Assert.Equal(4, (await page.QuerySelectorAllAsync("[data-testid=finding]")).Count);
        Assert.NotNull(await page.QuerySelectorAsync("svg[data-testid=network] circle"));
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task TheMarketAndVendorPagesDrawTheirChartsUnderTheStrictPolicyAndDownloadWatermarkedCsv()
    {
        var hit = fixture.Case.Workspace.Search("drug:* AND ships_from:*", limit: 200).Hits.First(candidate => candidate.Author is not null);
        var page = await fixture.SignedIn("anna");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };

        await page.GotoAsync(fixture.BaseUrl + "/market");
        await page.WaitForSelectorAsync("#chart-routes[data-rendered=true]");
        await page.WaitForSelectorAsync("#chart-prices[data-rendered]");
        Assert.True(await page.Locator("#chart-routes canvas").CountAsync() > 0, "the route Sankey is drawn on a canvas");
        Assert.True(await page.Locator("[data-testid=market-routes] tbody tr").CountAsync() > 0);
        var drug = await page.EvaluateAsync<string>("() => { const s = document.getElementById('chart-drug'); s.selectedIndex = 1; s.dispatchEvent(new Event('change')); return s.value; }");
        await page.WaitForFunctionAsync($"() => document.getElementById('chart-routes').dataset.drug === {System.Text.Json.JsonSerializer.Serialize(drug)}");
        await page.WaitForSelectorAsync("#chart-prices[data-rendered]");
        await Screenshot(page, "market");

        // A facet by drug adds its filter to the query.
        await page.GotoAsync($"{fixture.BaseUrl}/?q={Uri.EscapeDataString("ships_from:*")}");
        var facet = page.Locator("a[data-facet=drug]").First;
        var facetDrug = await facet.TextContentAsync();
        await facet.ClickAsync();
        await page.WaitForSelectorAsync(".filters .chip");
        Assert.Contains($"drug: {facetDrug}", await page.TextContentAsync(".filters"), StringComparison.Ordinal);
        Assert.Contains($"drug={Uri.EscapeDataString(facetDrug!)}", page.Url, StringComparison.Ordinal);

        await page.GotoAsync(fixture.BaseUrl + Lantern.Web.Pages.Present.HandleUrl($"{hit.Site}/{hit.Author}"));
        await page.ClickAsync("[data-testid=vendor-link]");
        await page.WaitForSelectorAsync("[data-testid=vendor-summary]");
        foreach (var chart in new[] { "drugs", "routes", "prices", "timeline" })
        {
            await page.WaitForSelectorAsync($"#chart-{chart}[data-rendered]");
        }

        Assert.True(await page.Locator("#chart-drugs canvas").CountAsync() > 0, "the drugs bar chart is drawn");
        await Screenshot(page, "vendor");

        // A CSV is an export: it needs a purpose, and the file carries the watermark.
        await page.FillAsync("header .purpose input[name=reason]", "market briefing");
        await page.ClickAsync("header .purpose button");
        await page.WaitForSelectorAsync("[data-testid=vendor-summary]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=csv-prices]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("# case ", csv, StringComparison.Ordinal);
        Assert.Contains("handle,drug,per,currency,n,min,median,max,p25,p75", csv, StringComparison.Ordinal);
        Assert.Contains(fixture.Case.Audit(), entry => entry.Action == "export" && entry.User == "anna" && entry.Parameters.Contains("\"view\":\"vendor\"", StringComparison.Ordinal));

        lock (violations)
        {
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        NothingLeftTheApp();
    }
}
