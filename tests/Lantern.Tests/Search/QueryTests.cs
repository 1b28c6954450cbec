using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Search;

public sealed class QueryTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public QueryTests()
    {
        var path = workspace.Folder.File("corpus.jsonl", string.Join('\n',
            Doc("1", "nightmarket", "GreenDragon", "listing", "Colombian coke", "Pure cocaine, ships from Netherlands. ❄️❄️ vacuum sealed", "2025-01-10T10:00:00Z"),
            Doc("2", "nightmarket", "FrostByte", "listing", "Fentanyl patches", "Fentanyl 100mcg patches, ships from Germany", "2025-03-05T10:00:00Z"),
            Doc("3", "dreadhall", "buyer_one", "post", "Review", "The yayo from GreenDragon was great, stealth top", "2025-06-30T23:59:00Z"),
            Doc("4", "dreadhall", "buyer_two", "post", "Question", "Where can I find charlie in Rotterdam?", "2025-07-01T00:00:00Z"),
            Doc("5", "telegram", "Plug", "message", null, "💊💊 blues in stock, also ❄ and 🍁", "2025-08-15T12:00:00Z"),
            Doc("6", "nightmarket", "KetKing", "listing", "Ketamine", "Crème de la crème ketamine, shards, ships from the United Kingdom", "2025-09-01T08:00:00Z"),
            Doc("7", "dreadhall", "buyer_three", "post", "Scam", "The vendor shipped nothing at all from Netherlands", "2025-10-01T08:00:00Z")) + "\n");
        workspace.Ingest(path);
    }

    private static string Doc(string id, string site, string author, string kind, string? title, string text, string posted) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, site, author, kind, title, text, posted_at = posted });

    private IReadOnlyList<string> Ids(string query, bool expand = false) =>
        workspace.Search(query, expand).Hits.Select(hit => hit.SourceId!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void BooleanOperatorsCombineTerms()
    {
        Assert.Equal(["1", "2", "6"], Ids("ships AND NOT site:dreadhall"));
        Assert.Equal(["2", "6"], Ids("fentanyl OR ketamine"));
        Assert.Equal(["1"], Ids("ships netherlands cocaine"));
        Assert.Equal(["1", "7"], Ids("netherlands -germany"));
    }

    [Fact]
    public void PhrasesAndProximityRespectWordOrderAndDistance()
    {
        Assert.Equal(["1"], Ids("\"ships from netherlands\""));
        Assert.Equal(["1", "7"], Ids("\"shipped netherlands\"~4 OR \"ships netherlands\"~2"));
        Assert.Empty(Ids("\"shipped netherlands\"~3"));
        Assert.Empty(Ids("\"netherlands ships\""));
    }

    [Fact]
    public void WildcardsAndFuzzyTermsMatchVariants()
    {
        Assert.Equal(["2"], Ids("fent*"));
        Assert.Equal(["6"], Ids("k?tamine"));
        Assert.Equal(["1"], Ids("cocain~"));
        Assert.Equal(["2"], Ids("fentanil~1"));
    }

    [Fact]
    public void FieldsRestrictWhereTermsMatch()
    {
        Assert.Equal(["1", "3"], Ids("greendragon OR author:GreenDragon"));
        Assert.Equal(["1"], Ids("author:greendragon"));
        Assert.Equal(["1"], Ids("title:colombian"));
        Assert.Empty(Ids("text:colombian"));
        Assert.Equal(["5"], Ids("kind:message"));
        Assert.Equal(["3", "4", "7"], Ids("site:DREADHALL"));
    }

    [Fact]
    public void DateRangesIncludeWholeDaysAndMonths()
    {
        Assert.Equal(["3", "4"], Ids("posted_at:[2025-06-30 TO 2025-07-01]"));
        Assert.Equal(["3"], Ids("posted_at:2025-06"));
        Assert.Equal(["5", "6", "7"], Ids("posted_at:[2025-08-01 TO *]"));
        Assert.Equal(["1", "2"], Ids("posted_at:{* TO 2025-06-30} AND ships"));
        var error = Assert.Throws<SearchQueryException>(() => workspace.Search("posted_at:[yesterday TO 2025-01-01]"));
        Assert.Contains("'yesterday' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchIgnoresCaseAndAccents()
    {
        Assert.Equal(["6"], Ids("CREME"));
        Assert.Equal(["6"], Ids("crème"));
        Assert.Equal(["1"], Ids("COLOMBIAN"));
    }

    [Fact]
    public void EmojiAreSearchableWithOrWithoutVariationSelectors()
    {
        Assert.Equal(["1", "5"], Ids("❄️"));
        Assert.Equal(["1", "5"], Ids("❄"));
        Assert.Equal(["5"], Ids("💊"));
        Assert.Equal(["5"], Ids("🍁 AND blues"));
    }

    [Fact]
    public void SlangExpansionFindsStreetNamesAndEmojiAndSaysWhatItAdded()
    {
        Assert.Equal(["1"], Ids("cocaine"));

        var results = workspace.Search("cocaine", expand: true);

        // "Where can I find charlie in Rotterdam?" has no drug context near "charlie" (a name too), so expansion leaves it out.
        Assert.Equal(["1", "3", "5"], results.Hits.Select(hit => hit.SourceId!).Order(StringComparer.Ordinal));
        Assert.Contains("coke", results.ExpandedTerms);
        Assert.Contains("yayo", results.ExpandedTerms);
        Assert.Contains("charlie", results.ExpandedTerms);
        Assert.Contains("❄", results.ExpandedTerms);
        Assert.DoesNotContain("snow", results.ExpandedTerms);
    }

    [Fact]
    public void SlangExpansionWorksFromAStreetNameAndInsideBooleanQueries()
    {
        Assert.Equal(["3"], Ids("(yayo AND site:dreadhall)", expand: true));
        Assert.Equal(["3", "4"], Ids("(charlie AND site:dreadhall)", expand: true));
        Assert.Equal(["2", "5"], Ids("fentanyl", expand: true));
        Assert.Empty(workspace.Search("vendor", expand: true).ExpandedTerms);
    }

    [Fact]
    public void SnippetsMarkTheMatchesAndDateSortPutsNewestFirst()
    {
        var hit = workspace.Search("vacuum").Hits.Single();
        Assert.Contains("<mark>vacuum</mark>", hit.Snippet, StringComparison.Ordinal);
        var sorted = workspace.Search("ships OR shipped", sort: SearchSort.Date).Hits.Select(hit => hit.SourceId).ToList();
        Assert.Equal(["7", "6", "2", "1"], sorted);
    }

    [Fact]
    public void ABrokenQuerySaysWhatIsWrong()
    {
        var error = Assert.Throws<SearchQueryException>(() => workspace.Search("\"unclosed phrase"));
        Assert.Equal("a quote is not closed: add the closing \" (position 17)", error.Message);
    }

    [Fact]
    public void AQueryOfTooManyTermsSaysSoWithoutEchoingItself()
    {
        var enormous = string.Concat(Enumerable.Repeat("pills OR ", 5_000)) + "ships";

        var error = Assert.Throws<SearchQueryException>(() => workspace.Search(enormous));

        Assert.Contains("more than 1024 terms", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => workspace.Dispose();
}
