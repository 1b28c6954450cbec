using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Graph;
using Lantern.Search;
using Lantern.Tests.Support;
using Lantern.Tests.Web;

namespace Lantern.Tests.Search;

/// <summary>Queries and handles as people type them: pasted selectors, fields in any case, and mistakes answered with one sentence.</summary>
public sealed class QueryAsTypedTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public QueryAsTypedTests()
    {
        workspace.Ingest(workspace.Folder.File("listings.jsonl", """
            {"id":"1","site":"nightmarket","author":"KetKing","kind":"listing","text":"ketamine 5g, call +1 347 460 2546, btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
            {"id":"2","site":"nightmarket","author":"Frost","text":"coke, whatsapp +1 347 460 2546, mail frost@proton.me"}
            {"id":"3","site":"dreadhall","author":"Loner","text":"nothing to share here"}

            """));
    }

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("phone:+13474602546", 2)]
    [InlineData("btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", 1)]
    [InlineData("email:frost@proton.me", 1)]
    [InlineData("(phone:+13474602546 AND ketamine)", 1)]
    [InlineData("Author:ketking", 1)]
    [InlineData("AUTHOR:KetKing", 1)]
    [InlineData("SITE:NightMarket AND Kind:listing", 1)]
    [InlineData("Phone:+13474602546", 2)]
    public void SelectorsPastedAsListedAndFieldsInAnyCaseFindTheirDocuments(string query, int documents)
    {
        Assert.Equal(documents, workspace.Search(query).Total);
    }

    [Fact]
    public void AnUnknownFieldIsAnErrorListingTheKnownOnes()
    {
        var error = Assert.Throws<SearchQueryException>(() => workspace.Search("colour:red"));

        Assert.StartsWith("there is no field 'colour' in this case", error.Message, StringComparison.Ordinal);
        Assert.Contains("author", error.Message, StringComparison.Ordinal);
        Assert.Contains("btc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsTheIndexHoldsCountAsKnownWhateverTheirCase()
    {
        using var analyzer = new LanternAnalyzer();
        var parser = new LanternQueryParser(analyzer, null, indexFields: ["id", "category", "from"]);

        Assert.Equal("category:benzos", parser.ParseQuery("Category:benzos").ToString());
        Assert.Equal("from:usa", parser.ParseQuery("FROM:usa").ToString());
        var error = Assert.Throws<SearchQueryException>(() => parser.ParseQuery("id:1"));
        Assert.Contains("the case's own fields (category, from)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fentanyl AND", "the query ends after AND: add a term after it (position 13)")]
    [InlineData("(ketamine OR coke", "a parenthesis or range is opened but not closed: add ')' or ']' (position 18)")]
    [InlineData("ketamine)", "')' closes nothing: remove it or open a parenthesis before it (position 9)")]
    [InlineData("\"ketamine", "a quote is not closed: add the closing \" (position 10)")]
    [InlineData("ketamine AND OR coke", "OR needs a term on each side (position 14)")]
    [InlineData("phone:+13474602546 AND)", "')' closes nothing: remove it or open a parenthesis before it (position 23)")]
    [InlineData("author:", "the query ends after ':': add the value to look for after it (position 8)")]
    public void ParseErrorsAreOneSentenceWithThePosition(string query, string message)
    {
        var error = Assert.Throws<SearchQueryException>(() => workspace.Search(query));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void HandlesResolveWhateverTheirCaseAndAnUnknownOneIsAnErrorWithTheNearest()
    {
        var path = workspace.Session().Path("nightmarket/ketking", "NIGHTMARKET/frost");

        Assert.True(path.Found);
        Assert.Equal("nightmarket/KetKing", path.Hops[0].From);
        var error = Assert.Throws<UnknownNodeException>(() => workspace.Session().Path("nightmarket/ketkong", "nightmarket/Frost"));
        Assert.Equal("no handle nightmarket/ketkong in this case; did you mean nightmarket/KetKing?", error.Message);
        Assert.Throws<UnknownNodeException>(() => workspace.Session().Links("btc:bc1qxxxxxxxx", 1));
        Assert.False(workspace.Session().Path("nightmarket/KetKing", "dreadhall/Loner").Found);
    }

    [Fact]
    public void TheCliExitsOneWithTheSentence()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-8", "--title", "Op Eight", "--legal-basis", "Order 8/2026").ExitCode);
        var input = folder.File("listings.jsonl", File.ReadAllText(workspace.Folder.Combine("listings.jsonl")));
        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", input, "-w", root).ExitCode);

        var search = LanternProcess.Run(folder.Path, "search", "fentanyl AND", "-w", root);
        var path = LanternProcess.Run(folder.Path, "path", "nightmarket/ketkong", "nightmarket/Frost", "-w", root);
        var field = LanternProcess.Run(folder.Path, "search", "colour:red", "-w", root);
        var pasted = LanternProcess.Run(folder.Path, "search", "phone:+13474602546", "--json", "-w", root);

        Assert.Equal(1, search.ExitCode);
        Assert.Equal("error: the query ends after AND: add a term after it (position 13)", search.Stderr.Trim());
        Assert.Equal(1, path.ExitCode);
        Assert.Contains("did you mean nightmarket/KetKing?", path.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, field.ExitCode);
        Assert.DoesNotContain("Usage", field.Stderr + field.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, pasted.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(pasted.Stdout).RootElement.GetProperty("total").GetInt32());
    }
}

/// <summary>The same mistakes through the API: 400 with a problem-details body carrying the CLI's sentence.</summary>
public sealed class QueryAsTypedApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/search?q=fentanyl%20AND", "the query ends after AND: add a term after it (position 13)")]
    [InlineData("/api/paths?from=nightmarket/greendragon&to=nightmarket/nobodyatall", "no handle nightmarket/nobodyatall in this case")]
    [InlineData("/api/links?node=nightmarket/greendragom", "no handle nightmarket/greendragom in this case; did you mean nightmarket/GreenDragon?")]
    public async Task MistakesAreBadRequestsWithOneSentence(string url, string message)
    {
        var client = await fixture.SignedIn("anna");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(message, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AHandleInAnyCaseIsFound()
    {
        var client = await fixture.SignedIn("anna");

        var response = await client.GetAsync("/api/links?node=NIGHTMARKET/greendragon");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
