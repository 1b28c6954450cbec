using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Cases;

/// <summary>
/// <c>lantern facts</c> end to end, as an analyst runs it: a CSV of listings ingested into a case,
/// the facts listed with <c>--json</c> and measured against hand labels; mapped route columns
/// normalized and searchable; stale facts read again by <c>reextract</c>.
/// </summary>
public sealed class FactsCommandTests(ITestOutputHelper output)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Extraction", "Facts");

    [Fact]
    public void LabelledTitlesIngestedAsCsvMeetTheAccuracyTargetsThroughTheCommand()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "listing-titles.json")));
        var rows = fixture.RootElement.GetProperty("titles").EnumerateArray().ToList();
        using var folder = new TempFolder();
        var csv = new StringBuilder("id,title,vendor\n");
        for (var index = 0; index < rows.Count; index++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"L{index},{Quote(rows[index].GetProperty("title").GetString()!)},vendor{index % 7}\n");
        }

        var listings = folder.File("listings.csv", csv.ToString());
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-14", "--title", "Facts", "--legal-basis", "Test").ExitCode);
        var ingest = LanternProcess.Run(folder.Path, "ingest", "-w", root, listings, "--site", "market");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);

        var result = LanternProcess.Run(folder.Path, "facts", "-w", root, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var bySourceId = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(line => line.GetProperty("source_id").GetString()!);
        Assert.All(bySourceId.Values, line => Assert.Equal("market", line.GetProperty("site").GetString()));

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, strengthExact = 0, quantityExact = 0;
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var items = bySourceId.TryGetValue($"L{index}", out var line) ? line.GetProperty("items").EnumerateArray().ToList() : [];
            var expected = row.GetProperty("drugs").EnumerateArray().Select(drug => drug.GetString()!).ToHashSet(StringComparer.Ordinal);
            var found = items.Select(item => item.GetProperty("drug").GetString()!).ToHashSet(StringComparer.Ordinal);
            truePositives += found.Intersect(expected).Count();
            falsePositives += found.Except(expected).Count();
            falseNegatives += expected.Except(found).Count();
            strengthExact += Same(row.GetProperty("strength"), items.Count > 0 ? items[0].GetProperty("strength") : null) ? 1 : 0;
            quantityExact += Same(row.GetProperty("quantity"), items.Count > 0 ? items[0].GetProperty("quantity") : null) ? 1 : 0;
        }

        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        var f1 = 2 * precision * recall / Math.Max(double.Epsilon, precision + recall);
        output.WriteLine($"lantern facts --json on {rows.Count} titles: drug F1 {f1:F3}, strength exact {strengthExact / (double)rows.Count:F3}, quantity exact {quantityExact / (double)rows.Count:F3}");
        Assert.True(f1 >= 0.93, $"drug F1 {f1:F3} < 0.93");
        Assert.True(strengthExact / (double)rows.Count >= 0.90, $"strength exact {strengthExact}/{rows.Count} < 0.90");
        Assert.True(quantityExact / (double)rows.Count >= 0.90, $"quantity exact {quantityExact}/{rows.Count} < 0.90");

        var xanax = LanternProcess.Run(folder.Path, "facts", "-w", root, "--drug", "Xanax", "--json");
        var xanaxLines = xanax.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(xanaxLines);
        Assert.All(xanaxLines, line => Assert.Contains(line.GetProperty("items").EnumerateArray(), item => item.GetProperty("drug").GetString() == "alprazolam"));

        var table = LanternProcess.Run(folder.Path, "facts", "-w", root, "--drug", "alprazolam");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"{xanaxLines.Count:N0} documents with facts", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("benzodiazepine", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MappedRouteColumnsWinOverTheTextAndAreSearchableAsIsoCodes()
    {
        using var folder = new TempFolder();
        var csv = folder.File("market.csv",
            "id,title,vendor,Origin,Destination,Cost,from\n" +
            "1,Xanax 2mg x 100 shipping from Netherlands,v1,United States,\"Worldwide except Australia\",$150,usa\n" +
            "2,Etizolam 1mg x 100,v2,USA,Europe,€40,germany\n" +
            "3,Cocaine 1g,v3,Torland,Internet,0.02 BTC,nowhere\n");
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-14", "--title", "Facts", "--legal-basis", "Test").ExitCode);
        var ingest = LanternProcess.Run(folder.Path, "ingest", "-w", root, csv, "--site", "market", "--kind", "listing",
            "--map", "ships_from=Origin", "--map", "ships_to=Destination", "--map", "price=Cost");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);

        var lines = LanternProcess.Run(folder.Path, "facts", "-w", root, "--json").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToDictionary(line => line.GetProperty("source_id").GetString()!);
        Assert.Equal(["US"], Codes(lines["1"], "ships_from"));
        Assert.Equal(["WW"], Codes(lines["1"], "ships_to"));
        Assert.Equal(["AU"], Codes(lines["1"], "ships_to_except"));
        Assert.Equal(150m, lines["1"].GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(1.5m, lines["1"].GetProperty("unit_price").GetProperty("amount").GetDecimal());
        Assert.Equal(["US"], Codes(lines["2"], "ships_from"));
        Assert.Equal(["EU"], Codes(lines["2"], "ships_to"));
        Assert.Equal("EUR", lines["2"].GetProperty("price").GetProperty("currency").GetString());
        Assert.Empty(Codes(lines["3"], "ships_from"));
        Assert.Equal("BTC", lines["3"].GetProperty("price").GetProperty("currency").GetString());

        Assert.Equal(["1", "2"], SourceIds(folder, root, "ships_from:US"));
        Assert.Equal(["1", "2"], SourceIds(folder, root, "ships_from:us"));
        Assert.Empty(SourceIds(folder, root, "ships_from:NL"));
        Assert.Equal(["2"], SourceIds(folder, root, "ships_to:EU"));
        Assert.Equal(["1"], SourceIds(folder, root, "drug:alprazolam AND indicator:prescription_medicine"));
        Assert.Equal(["2"], SourceIds(folder, root, "class:benzodiazepine AND price_per_unit:[0.1 TO 0.5]"));
        Assert.Equal(["1"], SourceIds(folder, root, "price_per_unit:[1 TO 2]"));
        // A raw column named "from" keeps its own field and is no route.
        Assert.Equal(["2"], SourceIds(folder, root, "from:germany"));

        var doc = lines["1"].GetProperty("doc").GetString()!;
        var show = LanternProcess.Run(folder.Path, "show", "-w", root, doc, "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        var facts = JsonDocument.Parse(show.Stdout).RootElement.GetProperty("facts");
        Assert.Equal("alprazolam", facts.GetProperty("items")[0].GetProperty("drug").GetString());
        Assert.Equal(["US"], Codes(facts, "ships_from"));
        var human = LanternProcess.Run(folder.Path, "show", "-w", root, doc);
        Assert.Contains("listing facts", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("alprazolam (benzodiazepine)", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ReextractReadsFactsOfOtherRulesAgainAndIngestStoresThemWithTheDocument()
    {
        using var workspace = new TestWorkspace();
        var csv = workspace.Folder.File("t.csv", "id,title\n1,10x Xanax 2mg bars\n2,hello there\n");
        workspace.Ingest(new IngestRequest([csv], Site: "m"));
        var facts = workspace.Session().Facts();
        var listing = Assert.Single(facts);
        Assert.Equal("1", listing.SourceId);
        Assert.Equal("alprazolam", listing.Items[0].Drug);
        Assert.Equal(0, workspace.Workspace.StaleFacts());

        using (var command = workspace.Workspace.Connection.CreateCommand())
        {
            command.CommandText = "UPDATE facts SET rules_version = 'older', data = NULL";
            command.ExecuteNonQuery();
        }

        Assert.Equal(2, workspace.Workspace.StaleFacts());
        Assert.Empty(workspace.Session().Facts());
        Assert.Equal(2, Reextraction.Run(workspace.Workspace, "tester", all: false));
        Assert.Equal(0, workspace.Workspace.StaleFacts());
        Assert.Equal("alprazolam", Assert.Single(workspace.Session().Facts(drug: "xanax")).Items[0].Drug);
        Assert.Single(workspace.Search("drug:alprazolam").Hits);
    }

    private static List<string> SourceIds(TempFolder folder, string root, string query)
    {
        var result = LanternProcess.Run(folder.Path, "search", "-w", root, query, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("hits").EnumerateArray()
            .Select(hit => hit.GetProperty("source_id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Codes(JsonElement line, string name) =>
        line.GetProperty(name).EnumerateArray().Select(code => code.GetString()!).ToList();

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Exact after unit normalization: same unit, value within 1 % (14.17 g for half an ounce).</summary>
    private static bool Same(JsonElement expected, JsonElement? found)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return found is null || found.Value.ValueKind == JsonValueKind.Null;
        }

        if (found is not { ValueKind: JsonValueKind.Object } amount)
        {
            return false;
        }

        var value = expected.GetProperty("value").GetDouble();
        return amount.GetProperty("unit").GetString() == expected.GetProperty("unit").GetString()
            && Math.Abs(amount.GetProperty("value").GetDouble() - value) <= 0.01 * Math.Max(1, value);
    }
}
