using System.Reflection;
using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

/// <summary>
/// Every operation of the door checks rights before it touches the case and leaves its trace: a
/// stranger to the case is refused by each one, and each refusal is an audit entry. The list is
/// checked against the door's public methods, so an operation added without a rights check fails here.
/// </summary>
public sealed class DoorTests
{
    private const string Wallet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    [Fact]
    public void EveryOperationOfTheDoorRefusesAStrangerAndAuditsTheRefusal()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("m.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"author\":\"A\",\"text\":\"pay " + Wallet + "\"}\n"));
        var stranger = workspace.Session("mallory", reason: "curious");
        var output = workspace.Folder.Combine("graph.json");
        var operations = new Dictionary<string, Action>
        {
            [nameof(CaseSession.Search)] = () => stranger.Search(new SearchRequest("pay")),
            [nameof(CaseSession.MetadataFields)] = () => stranger.MetadataFields(),
            [nameof(CaseSession.View)] = () => stranger.View("anything"),
            [nameof(CaseSession.Selectors)] = () => stranger.Selectors(null, 1, 10),
            [nameof(CaseSession.Facts)] = () => stranger.Facts(drug: "xanax"),
            [nameof(CaseSession.Vendor)] = () => stranger.Vendor("m/A"),
            [nameof(CaseSession.Market)] = () => stranger.Market(new MarketFilter(Drug: "xanax")),
            [nameof(CaseSession.ExportVendor)] = () => stranger.ExportVendor("m/A", "download"),
            [nameof(CaseSession.ExportMarket)] = () => stranger.ExportMarket(new MarketFilter(), "download"),
            [nameof(CaseSession.SelectorHandles)] = () => stranger.SelectorHandles("btc", Wallet),
            [nameof(CaseSession.Aliases)] = () => stranger.Aliases(),
            [nameof(CaseSession.Relays)] = () => stranger.Relays(),
            [nameof(CaseSession.Review)] = () => stranger.Review("A-0", "confirm", "seen"),
            [nameof(CaseSession.Links)] = () => stranger.Links("m/A", 1),
            [nameof(CaseSession.Neighbourhood)] = () => stranger.Neighbourhood(["m/A"], 1),
            [nameof(CaseSession.Path)] = () => stranger.Path("m/A", $"btc:{Wallet}"),
            [nameof(CaseSession.Network)] = () => stranger.Network(),
            [nameof(CaseSession.Export)] = () => stranger.Export("json", output),
            [nameof(CaseSession.Reextract)] = () => stranger.Reextract(all: false),
            [nameof(CaseSession.CheckIndex)] = () => stranger.CheckIndex(),
            [nameof(CaseSession.RebuildIndex)] = () => stranger.RebuildIndex(),
            [nameof(CaseSession.AddWatch)] = () => stranger.AddWatch($"selector:btc:{Wallet}"),
            [nameof(CaseSession.Watches)] = () => stranger.Watches(),
            [nameof(CaseSession.RemoveWatch)] = () => stranger.RemoveWatch(1),
            [nameof(CaseSession.Alerts)] = () => stranger.Alerts(),
            [nameof(CaseSession.AcknowledgeAlerts)] = () => stranger.AcknowledgeAlerts(null),
            [nameof(CaseSession.UnreadAlerts)] = () => stranger.UnreadAlerts(),
            [nameof(CaseSession.AddFinding)] = () => stranger.AddFinding("doc:anything", "a note"),
            [nameof(CaseSession.Findings)] = () => stranger.Findings(),
            [nameof(CaseSession.RemoveFinding)] = () => stranger.RemoveFinding(1),
            [nameof(CaseSession.Report)] = () => stranger.Report(output),
            [nameof(CaseSession.ScoreExtraction)] = () => stranger.ScoreExtraction("truth.json", mentions => mentions.Count(), count => new { count }, count => count),
        };
        foreach (var method in DoorMethods())
        {
            Assert.True(operations.ContainsKey(method), $"CaseSession.{method} is an operation of the door that this test does not try as a stranger: add it");
        }

        foreach (var (name, operation) in operations)
        {
            var before = stranger.Audit.Entries(user: "mallory").Count;
            Assert.Throws<AccessDeniedException>(operation);
            var entries = stranger.Audit.Entries(user: "mallory");
            Assert.True(entries.Count == before + 1 && entries[^1].Outcome == "denied", $"{name}: the refusal was not audited");
        }

        Assert.False(File.Exists(output), "a refused export wrote its file");
    }

    /// <summary>The operations a shell can call on a session: its public methods, without the ones that open sessions.</summary>
    private static IEnumerable<string> DoorMethods() =>
        typeof(CaseSession).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .Select(method => method.Name)
            .Distinct();
}
