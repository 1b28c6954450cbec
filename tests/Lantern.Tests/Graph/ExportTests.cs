using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Lantern.Cases;
using Lantern.Graph;
using Lantern.Ingest;
using Lantern.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace Lantern.Tests.Graph;

/// <summary>One demo workspace, with a CAVIAR phase as relationship table, shared by the export tests.</summary>
public sealed class ExportFixture : IDisposable
{
    public ExportFixture()
    {
        Workspace.IngestDemo();
        Workspace.Ingest(new IngestRequest([TestData.Data(Path.Combine("networks", "caviar", "CAVIAR1.csv"))], Site: "caviar", Format: "matrix"));
        Graph = EntityGraph.Build(Workspace.Workspace, Workspace.Session().Aliases());
    }

    public TestWorkspace Workspace { get; } = new();

    internal EntityGraph Graph { get; }

    public void Dispose() => Workspace.Dispose();
}

public sealed class ExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private readonly TestWorkspace workspace = fixture.Workspace;
    private readonly EntityGraph graph = fixture.Graph;

    private (IReadOnlyList<string> Files, AuditEntry Entry) Export(string format, string name)
    {
        var files = workspace.Session(reason: "briefing 7").Export(format, workspace.Folder.Combine(name));
        var entry = new AuditLog(workspace.Workspace).Entries().Last(entry => entry.Action == "export");
        return (files, entry);
    }

    /// <summary>What a validating XML reader reports against a schema transcribed from the format's specification (tests/Lantern.Tests/Graph/Schemas).</summary>
    private static List<string> SchemaErrors(string file, string schema)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, XmlResolver = null, DtdProcessing = DtdProcessing.Prohibit };
        settings.Schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Graph", "Schemas", schema));
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, error) => errors.Add($"{error.Severity} line {error.Exception.LineNumber}: {error.Message}");
        using var reader = XmlReader.Create(file, settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    [Theory]
    [InlineData("graphml", "graphml.xsd")]
    [InlineData("gexf", "gexf.xsd")]
    public void GraphMlAndGexfAreValidAgainstTheirSchemas(string format, string schema)
    {
        var (files, _) = Export(format, "valid." + format);
        Assert.Empty(SchemaErrors(files[0], schema));

        // The check has teeth: an edge to a node that is not in the file is reported.
        var broken = workspace.Folder.Combine("broken." + format);
        var text = File.ReadAllText(files[0]);
        var firstSource = text.IndexOf("source=\"", StringComparison.Ordinal) + "source=\"".Length;
        File.WriteAllText(broken, text[..firstSource] + "no-such-node-" + text[firstSource..]);
        Assert.Contains(SchemaErrors(broken, schema), error => error.Contains("no-such-node-", StringComparison.Ordinal) || error.Contains("key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void GraphMlParsesBackWithDeclaredKeysConsistentEdgesAndTheWatermark()
    {
        var (files, entry) = Export("graphml", "g.graphml");

        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var document = XDocument.Load(files[0]);
        Assert.Equal(ns + "graphml", document.Root!.Name);
        var keys = document.Root.Elements(ns + "key").Select(key => (string)key.Attribute("id")!).ToHashSet();
        Assert.All(document.Descendants(ns + "data"), data => Assert.Contains((string)data.Attribute("key")!, keys));
        var graphElement = document.Root.Element(ns + "graph")!;
        var nodeIds = graphElement.Elements(ns + "node").Select(node => (string)node.Attribute("id")!).ToHashSet();
        var edges = graphElement.Elements(ns + "edge").ToList();
        Assert.Equal(graph.Nodes.Count, nodeIds.Count);
        Assert.Equal(graph.Links.Count, edges.Count);
        Assert.All(edges, edge => Assert.True(nodeIds.Contains((string)edge.Attribute("source")!) && nodeIds.Contains((string)edge.Attribute("target")!)));
        Assert.All(edges, edge => Assert.Contains(edge.Elements(ns + "data"), data => (string)data.Attribute("key")! == "e_evidence"));
        var graphData = graphElement.Elements(ns + "data").ToDictionary(data => (string)data.Attribute("key")!, data => data.Value);
        Assert.Equal(("TEST-1", "Test order 1", "tester", entry.Seq.ToString()), (graphData["g_case"], graphData["g_basis"], graphData["g_user"], graphData["g_audit"]));
    }

    [Fact]
    public void GexfParsesBackWithItsAttributesAndTheWatermark()
    {
        var (files, entry) = Export("gexf", "g.gexf");

        XNamespace ns = "http://gexf.net/1.3";
        var document = XDocument.Load(files[0]);
        Assert.Equal("1.3", (string)document.Root!.Attribute("version")!);
        var description = document.Root.Element(ns + "meta")!.Element(ns + "description")!.Value;
        Assert.Contains("case TEST-1", description, StringComparison.Ordinal);
        Assert.Contains($"audit entry {entry.Seq}", description, StringComparison.Ordinal);
        var graphElement = document.Root.Element(ns + "graph")!;
        Assert.Equal(graph.Nodes.Count, graphElement.Element(ns + "nodes")!.Elements(ns + "node").Count());
        var edges = graphElement.Element(ns + "edges")!.Elements(ns + "edge").ToList();
        Assert.Equal(graph.Links.Count, edges.Count);
        var declared = graphElement.Elements(ns + "attributes").Elements(ns + "attribute").Select(attribute => (string)attribute.Attribute("id")!).ToHashSet();
        Assert.All(document.Descendants(ns + "attvalue"), value => Assert.Contains((string)value.Attribute("for")!, declared));
    }

    [Fact]
    public void CsvTablesRoundTripThroughAnIndependentParser()
    {
        var (files, entry) = Export("csv", "g.csv");

        Assert.Equal(2, files.Count);
        var nodes = Read(files[0]);
        var links = Read(files[1]);
        Assert.Equal(["id", "label", "kind", "site", "type"], nodes[0]);
        Assert.Equal(["id", "source", "target", "kind", "weight", "score", "evidence"], links[0]);
        Assert.Equal(graph.Nodes.Count, nodes.Count - 1);
        Assert.Equal(graph.Links.Count, links.Count - 1);
        Assert.Equal(graph.Nodes.Select(node => node.Label), nodes.Skip(1).Select(row => row[1]));
        Assert.StartsWith($"# case TEST-1", File.ReadLines(files[1]).First(), StringComparison.Ordinal);
        Assert.Contains($"audit entry {entry.Seq}", File.ReadLines(files[0]).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void CytoscapeJsonHasTheElementsAndTheWatermark()
    {
        var (files, entry) = Export("json", "g.json");

        using var json = JsonDocument.Parse(File.ReadAllText(files[0]));
        var elements = json.RootElement.GetProperty("elements");
        Assert.Equal(graph.Nodes.Count, elements.GetProperty("nodes").GetArrayLength());
        Assert.Equal(graph.Links.Count, elements.GetProperty("edges").GetArrayLength());
        Assert.All(elements.GetProperty("edges").EnumerateArray(), edge => Assert.True(edge.GetProperty("data").GetProperty("evidence").GetInt32() >= 1));
        Assert.Equal(entry.Seq, json.RootElement.GetProperty("meta").GetProperty("audit_entry").GetInt64());
        Assert.Contains(graph.Links, link => link.Kind == "alias");
        Assert.Contains(graph.Links, link => link.Kind == "relation");
    }

    [Fact]
    public void AnExportNeedsAJustification()
    {
        Assert.Throws<AccessDeniedException>(() => workspace.Session().Export("json", workspace.Folder.Combine("x.json")));
        Assert.False(File.Exists(workspace.Folder.Combine("x.json")));
    }

    private static List<string[]> Read(string path)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, CommentTokens = ["#"], HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }
}
