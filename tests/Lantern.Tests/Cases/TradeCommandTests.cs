using System.Text.Json;
using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

/// <summary>
/// <c>lantern vendor</c> and <c>lantern market</c> end to end on a small market dump whose answers
/// were worked out by hand: unit prices are the price column divided by the title's count, medians
/// and quartiles interpolate linearly between sorted prices (type 7: the p-th quantile at (n − 1)·p).
/// </summary>
public sealed class TradeCommandTests : IDisposable
{
    private const string Wallet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    // Unit prices (USD per pill): 1 → 2.00 (then 2.40 in its re-scrape), 2 → 3.00, 3 → 5.00, 4 → 10.00,
    // 5 → 1.50, 8 → 4.00; cocaine (EUR per g): 6 → 80, 7 → 140/2 = 70.
    private const string Listings = """
        id,title,vendor,posted_at,Ships From,Ships To,Price,text
        1,Xanax 2mg x 10,alice,2025-01-05,Netherlands,Worldwide,$20,pay to WALLET
        2,Xanax 2mg x 10,alice,2025-01-10,NL,United Kingdom,$30,stealth shipping
        3,Xanax 2mg x 10,bob,2025-01-20,NL,UK,$50,fast
        4,Xanax 2mg x 10,bob,2025-01-25,NL,Germany,$100,fast
        5,Xanax 2mg x 100,carol,2025-02-03,USA,USA,$150,domestic only
        6,Cocaine 1g,alice,2025-01-07,NL,Europe,€80,pure
        7,Cocaine 2g,alice,2025-02-07,NL,Europe,€140,pure
        8,Xanax 2mg x 10,dave,2025-02-09,NL,"Worldwide except United Kingdom",$40,no UK

        """;

    private readonly TempFolder folder = new();
    private readonly string root;

    public TradeCommandTests()
    {
        root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-T", "--title", "Trade", "--legal-basis", "Test").ExitCode);
        Ingest(folder.File("listings.csv", Listings.Replace("WALLET", Wallet, StringComparison.Ordinal)), "--site", "m", "--kind", "listing");
        // Listing 1 collected again a day later at $24: one listing, its latest price 2.40.
        Ingest(folder.File("rescrape.csv", $"id,title,vendor,posted_at,Ships From,Ships To,Price,text\n1,Xanax 2mg x 10,alice,2025-01-06,Netherlands,Worldwide,$24,pay to {Wallet}\n"),
            "--site", "m", "--kind", "listing");
        Ingest(folder.File("forum.csv", $"id,title,author,posted_at,text\np1,hello,alice_nl,2025-03-01,my wallet is {Wallet} for orders\n"), "--site", "f");
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void MarketGivesRoutesAndMedianAndQuartilesPerDrugOriginAndMonth()
    {
        var report = Json("market", "--json");
        Assert.Equal(8, report.GetProperty("listings").GetInt32());
        Assert.Equal(4, report.GetProperty("vendors").GetInt32());

        var routes = report.GetProperty("routes").EnumerateArray()
            .ToDictionary(route => $"{route.GetProperty("drug").GetString()} {route.GetProperty("from").GetString()}>{route.GetProperty("to").GetString()}",
                route => (route.GetProperty("listings").GetInt32(), route.GetProperty("vendors").GetInt32()));
        Assert.Equal((2, 2), routes["alprazolam NL>GB"]);
        Assert.Equal((2, 2), routes["alprazolam NL>WW"]);
        Assert.Equal((1, 1), routes["alprazolam NL>DE"]);
        Assert.Equal((1, 1), routes["alprazolam US>US"]);
        Assert.Equal((2, 1), routes["cocaine NL>EU"]);
        Assert.Equal(5, routes.Count);

        // Alprazolam from NL in January 2025: 2.40 (the re-scrape), 3, 5, 10 → median (3 + 5) / 2 = 4,
        // p25 at position 0.75 = 2.40 + 0.75 × 0.60 = 2.85, p75 at position 2.25 = 5 + 0.25 × 5 = 6.25.
        var january = Price(report, "alprazolam", "NL", "2025-01");
        Assert.Equal(4, january.GetProperty("n").GetInt32());
        Assert.Equal(4m, january.GetProperty("median").GetDecimal());
        Assert.Equal(2.85m, january.GetProperty("p25").GetDecimal());
        Assert.Equal(6.25m, january.GetProperty("p75").GetDecimal());
        Assert.Equal(2.4m, january.GetProperty("min").GetDecimal());
        Assert.Equal(10m, january.GetProperty("max").GetDecimal());
        Assert.Equal("unit", january.GetProperty("per").GetString());
        Assert.Equal("USD", january.GetProperty("currency").GetString());
        Assert.Equal(1.5m, Price(report, "alprazolam", "US", "2025-02").GetProperty("median").GetDecimal());
        var cocaine = Price(report, "cocaine", "NL", "2025-02");
        Assert.Equal(("g", "EUR", 70m), (cocaine.GetProperty("per").GetString(), cocaine.GetProperty("currency").GetString(), cocaine.GetProperty("median").GetDecimal()));

        // To the UK: the two listings naming it and the one shipping worldwide; not the one excepting it.
        // Prices 2.40, 3, 5 → median 3, p25 at 0.5 = 2.70, p75 at 1.5 = 4.
        var toUk = Json("market", "--to", "United Kingdom", "--drug", "Xanax", "--json");
        Assert.Equal("GB", toUk.GetProperty("filter").GetProperty("to").GetString());
        Assert.Equal("alprazolam", toUk.GetProperty("filter").GetProperty("drug").GetString());
        Assert.Equal(3, toUk.GetProperty("listings").GetInt32());
        var ukPrice = Price(toUk, "alprazolam", "NL", "2025-01");
        Assert.Equal((3, 3m, 2.7m, 4m), (ukPrice.GetProperty("n").GetInt32(), ukPrice.GetProperty("median").GetDecimal(), ukPrice.GetProperty("p25").GetDecimal(), ukPrice.GetProperty("p75").GetDecimal()));

        var february = Json("market", "--since", "2025-02-01", "--until", "2025-02-07", "--json");
        Assert.Equal(2, february.GetProperty("listings").GetInt32());
        Assert.Equal(1, Json("market", "--from", "US", "--json").GetProperty("listings").GetInt32());

        var human = LanternProcess.Run(folder.Path, "market", "-w", root, "--drug", "alprazolam");
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains("6 listings by 4 vendors", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("6.25", human.Stdout, StringComparison.Ordinal);

        var nowhere = LanternProcess.Run(folder.Path, "market", "-w", root, "--to", "Torland");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("'Torland' names no country", nowhere.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void VendorProfileShowsDrugsRoutesPricesAliasesAndDocuments()
    {
        var profile = Json("vendor", "m/alice", "--json");
        Assert.Equal("m", profile.GetProperty("handle").GetProperty("site").GetString());
        Assert.Equal("alice", profile.GetProperty("handle").GetProperty("author").GetString());
        Assert.Equal(4, profile.GetProperty("listings").GetInt32());
        Assert.Equal(5, profile.GetProperty("documents").GetArrayLength());
        Assert.StartsWith("2025-01-05", profile.GetProperty("first_seen").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2025-02-07", profile.GetProperty("last_seen").GetString(), StringComparison.Ordinal);
        Assert.Equal("posted_at", profile.GetProperty("seen_by").GetString());
        Assert.Equal(["alprazolam 2", "cocaine 2"], profile.GetProperty("drugs").EnumerateArray()
            .Select(drug => $"{drug.GetProperty("drug").GetString()} {drug.GetProperty("listings").GetInt32()}"));
        Assert.Equal(["NL>EU 2", "NL>GB 1", "NL>WW 1"], profile.GetProperty("routes").EnumerateArray()
            .Select(route => $"{route.GetProperty("from").GetString()}>{route.GetProperty("to").GetString()} {route.GetProperty("listings").GetInt32()}"));

        // Alprazolam: listing 1's latest price 2.40 and listing 2's 3 → median 2.70; cocaine 80 and 70 → 75.
        var prices = profile.GetProperty("prices").EnumerateArray().ToDictionary(price => price.GetProperty("drug").GetString()!);
        Assert.Equal((2, 2.4m, 2.7m, 3m), (prices["alprazolam"].GetProperty("n").GetInt32(), prices["alprazolam"].GetProperty("min").GetDecimal(),
            prices["alprazolam"].GetProperty("median").GetDecimal(), prices["alprazolam"].GetProperty("max").GetDecimal()));
        Assert.Equal(("g", "EUR", 75m), (prices["cocaine"].GetProperty("per").GetString(), prices["cocaine"].GetProperty("currency").GetString(),
            prices["cocaine"].GetProperty("median").GetDecimal()));

        var alias = Assert.Single(profile.GetProperty("aliases").EnumerateArray());
        Assert.Equal("f", alias.GetProperty("handle").GetProperty("site").GetString());
        Assert.Equal("alice_nl", alias.GetProperty("handle").GetProperty("author").GetString());
        Assert.Equal("suggested", alias.GetProperty("status").GetString());
        Assert.Equal(["m"], profile.GetProperty("sites").EnumerateArray().Select(site => site.GetString()));
        var document = profile.GetProperty("documents")[0];
        Assert.Equal(["doc", "site", "source_id", "title", "posted_at", "collected_at", "drugs"], document.EnumerateObject().Select(property => property.Name));

        var human = LanternProcess.Run(folder.Path, "vendor", "-w", root, "m/alice");
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains("m/alice · 4 listings in 5 documents · first seen 2025-01-05, last seen 2025-02-07", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("f/alice_nl · suggested", human.Stdout, StringComparison.Ordinal);

        var unknown = LanternProcess.Run(folder.Path, "vendor", "-w", root, "m/nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no document in this case was written by m/nobody", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, LanternProcess.Run(folder.Path, "vendor", "-w", root, "nobody").ExitCode);

        // What was asked is audited, found or not.
        using var workspace = Lantern.Storage.Workspace.Open(root);
        var vendors = CaseSession.Open(workspace, Environment.UserName).Audit.Entries(action: "vendor");
        Assert.Equal(["ok", "ok", "failed", "failed"], vendors.Select(entry => entry.Outcome));
    }

    [Fact]
    public void CsvTablesAreWatermarkedExportsThatNeedAReason()
    {
        var refused = LanternProcess.Run(folder.Path, "market", "-w", root, "--csv", folder.Combine("market.csv"));
        Assert.Equal(3, refused.ExitCode);
        Assert.False(File.Exists(folder.Combine("market-prices.csv")));

        var market = LanternProcess.Run(folder.Path, "market", "-w", root, "--drug", "alprazolam", "--csv", folder.Combine("market.csv"), "--reason", "briefing");
        Assert.True(market.ExitCode == 0, market.Stderr);
        var prices = File.ReadAllLines(folder.Combine("market-prices.csv"));
        Assert.StartsWith("# case OP-T (Trade); legal basis: Test; exported by ", prices[0], StringComparison.Ordinal);
        Assert.Equal("drug,from,month,per,currency,n,median,p25,p75,min,max", prices[1]);
        Assert.Contains("alprazolam,NL,2025-01,unit,USD,4,4,2.85,6.25,2.4,10", prices);
        Assert.Contains("alprazolam,NL,DE,1,1", File.ReadAllLines(folder.Combine("market-routes.csv")));

        var vendor = LanternProcess.Run(folder.Path, "vendor", "-w", root, "m/alice", "--csv", folder.Combine("alice.csv"), "--reason", "briefing");
        Assert.True(vendor.ExitCode == 0, vendor.Stderr);
        foreach (var table in new[] { "drugs", "routes", "prices", "aliases", "documents" })
        {
            Assert.StartsWith("# case OP-T", File.ReadAllText(folder.Combine($"alice-{table}.csv")), StringComparison.Ordinal);
        }

        Assert.Contains("m/alice,cocaine,g,EUR,2,70,75,80,72.5,77.5", File.ReadAllLines(folder.Combine("alice-prices.csv")));

        using var workspace = Lantern.Storage.Workspace.Open(root);
        var exports = CaseSession.Open(workspace, Environment.UserName).Audit.Entries().Where(entry => entry.Action == "export").ToList();
        Assert.Equal(["denied", "ok", "ok"], exports.Select(entry => entry.Outcome));
        Assert.Contains("\"view\":\"vendor\"", exports[^1].Parameters, StringComparison.Ordinal);
    }

    private void Ingest(string file, params string[] options)
    {
        var result = LanternProcess.Run(folder.Path, ["ingest", "-w", root, file, .. options]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    private JsonElement Json(params string[] args)
    {
        var result = LanternProcess.Run(folder.Path, [args[0], "-w", root, .. args[1..]]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static JsonElement Price(JsonElement report, string drug, string from, string month) =>
        Assert.Single(report.GetProperty("prices").EnumerateArray(), price => price.GetProperty("drug").GetString() == drug
            && price.GetProperty("from").GetString() == from && price.GetProperty("month").GetString() == month);
}
