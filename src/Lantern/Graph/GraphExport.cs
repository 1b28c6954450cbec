using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Lantern.Graph;

/// <summary>
/// Writes the entity graph for other tools: GraphML and GEXF (Gephi, yEd), CSV node and link tables
/// (i2 Analyst's Notebook, Maltego imports) and Cytoscape.js JSON. Each file carries the watermark —
/// case, legal basis, exporting user, time and the export's audit entry.
/// </summary>
internal static class GraphExport
{
    public static readonly IReadOnlyList<string> Formats = ["graphml", "gexf", "csv", "json"];

    private static readonly System.Text.Json.JsonSerializerOptions CytoscapeJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The export format, checked, and the output's folder, which must exist: a mistyped path must
    /// not leave a tree of new folders behind.
    /// </summary>
    public static string CheckDestination(string format, string output)
    {
        format = format.ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new BadInputException($"unknown export format '{format}'; use one of {string.Join(", ", Formats)}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(folder))
        {
            throw new BadInputException($"the folder {folder} does not exist; create it first, or write elsewhere with -o");
        }

        return format;
    }

    public static IReadOnlyList<string> Write(EntityGraph graph, ExportWatermark watermark, string format, string output)
    {
        switch (format)
        {
            case "graphml":
                WriteXml(output, writer => GraphMl(writer, graph, watermark));
                return [output];
            case "gexf":
                WriteXml(output, writer => Gexf(writer, graph, watermark));
                return [output];
            case "json":
                File.WriteAllText(output, Cytoscape(graph, watermark));
                return [output];
            default:
                var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileNameWithoutExtension(output));
                var (nodes, links) = (stem + "-nodes.csv", stem + "-links.csv");
                File.WriteAllText(nodes, Csv(watermark, ["id", "label", "kind", "site", "type"], graph.Nodes.Select(node => new[] { node.Id, node.Label, node.Kind, node.Site ?? "", node.Type ?? "" })));
                File.WriteAllText(links, Csv(watermark, ["id", "source", "target", "kind", "weight", "score", "evidence"], graph.Links.Select(link => new[]
                {
                    link.Id, link.Source, link.Target, link.Kind, Number(link.Weight), Number(link.Score), link.Evidence.ToString(CultureInfo.InvariantCulture),
                })));
                return [nodes, links];
        }
    }

    public static string Describe(ExportWatermark watermark) =>
        $"case {watermark.CaseId} ({watermark.CaseTitle}); legal basis: {watermark.LegalBasis}; exported by {watermark.User} at " +
        $"{watermark.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; audit entry {watermark.AuditSeq}";

    private static void WriteXml(string path, Action<XmlWriter> body)
    {
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument();
        body(writer);
        writer.WriteEndDocument();
    }

    private static void GraphMl(XmlWriter writer, EntityGraph graph, ExportWatermark watermark)
    {
        const string Ns = "http://graphml.graphdrawing.org/xmlns";
        writer.WriteStartElement("graphml", Ns);
        writer.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        writer.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", $"{Ns} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        writer.WriteComment(" " + Describe(watermark) + " ");
        void Key(string id, string target, string name, string type)
        {
            writer.WriteStartElement("key", Ns);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("for", target);
            writer.WriteAttributeString("attr.name", name);
            writer.WriteAttributeString("attr.type", type);
            writer.WriteEndElement();
        }

        foreach (var (id, name) in new[] { ("g_case", "case_id"), ("g_basis", "legal_basis"), ("g_user", "exported_by"), ("g_at", "exported_at"), ("g_audit", "audit_entry") })
        {
            Key(id, "graph", name, id == "g_audit" ? "long" : "string");
        }

        Key("n_label", "node", "label", "string");
        Key("n_kind", "node", "kind", "string");
        Key("n_site", "node", "site", "string");
        Key("n_type", "node", "selector_type", "string");
        Key("e_kind", "edge", "kind", "string");
        Key("e_weight", "edge", "weight", "double");
        Key("e_score", "edge", "score", "double");
        Key("e_evidence", "edge", "evidence_count", "int");
        writer.WriteStartElement("graph", Ns);
        writer.WriteAttributeString("id", "lantern");
        writer.WriteAttributeString("edgedefault", "undirected");
        void Data(string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            writer.WriteStartElement("data", Ns);
            writer.WriteAttributeString("key", key);
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        Data("g_case", watermark.CaseId);
        Data("g_basis", watermark.LegalBasis);
        Data("g_user", watermark.User);
        Data("g_at", watermark.At.ToString("O", CultureInfo.InvariantCulture));
        Data("g_audit", watermark.AuditSeq.ToString(CultureInfo.InvariantCulture));
        foreach (var node in graph.Nodes)
        {
            writer.WriteStartElement("node", Ns);
            writer.WriteAttributeString("id", node.Id);
            Data("n_label", node.Label);
            Data("n_kind", node.Kind);
            Data("n_site", node.Site);
            Data("n_type", node.Type);
            writer.WriteEndElement();
        }

        foreach (var link in graph.Links)
        {
            writer.WriteStartElement("edge", Ns);
            writer.WriteAttributeString("id", link.Id);
            writer.WriteAttributeString("source", link.Source);
            writer.WriteAttributeString("target", link.Target);
            Data("e_kind", link.Kind);
            Data("e_weight", Number(link.Weight));
            Data("e_score", Number(link.Score));
            Data("e_evidence", link.Evidence.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void Gexf(XmlWriter writer, EntityGraph graph, ExportWatermark watermark)
    {
        const string Ns = "http://gexf.net/1.3";
        writer.WriteStartElement("gexf", Ns);
        writer.WriteAttributeString("version", "1.3");
        writer.WriteStartElement("meta", Ns);
        writer.WriteAttributeString("lastmodifieddate", watermark.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteElementString("creator", Ns, "Lantern");
        writer.WriteElementString("description", Ns, Describe(watermark));
        writer.WriteEndElement();
        writer.WriteStartElement("graph", Ns);
        writer.WriteAttributeString("defaultedgetype", "undirected");
        writer.WriteAttributeString("mode", "static");
        void Attributes(string target, params (string Id, string Title, string Type)[] attributes)
        {
            writer.WriteStartElement("attributes", Ns);
            writer.WriteAttributeString("class", target);
            foreach (var (id, title, type) in attributes)
            {
                writer.WriteStartElement("attribute", Ns);
                writer.WriteAttributeString("id", id);
                writer.WriteAttributeString("title", title);
                writer.WriteAttributeString("type", type);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        Attributes("node", ("kind", "kind", "string"), ("site", "site", "string"), ("type", "selector_type", "string"));
        Attributes("edge", ("kind", "kind", "string"), ("score", "score", "double"), ("evidence", "evidence_count", "integer"));
        void Values(params (string For, string? Value)[] values)
        {
            writer.WriteStartElement("attvalues", Ns);
            foreach (var (target, value) in values.Where(pair => pair.Value is not null))
            {
                writer.WriteStartElement("attvalue", Ns);
                writer.WriteAttributeString("for", target);
                writer.WriteAttributeString("value", value);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteStartElement("nodes", Ns);
        foreach (var node in graph.Nodes)
        {
            writer.WriteStartElement("node", Ns);
            writer.WriteAttributeString("id", node.Id);
            writer.WriteAttributeString("label", node.Label);
            Values(("kind", node.Kind), ("site", node.Site), ("type", node.Type));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("edges", Ns);
        foreach (var link in graph.Links)
        {
            writer.WriteStartElement("edge", Ns);
            writer.WriteAttributeString("id", link.Id);
            writer.WriteAttributeString("source", link.Source);
            writer.WriteAttributeString("target", link.Target);
            writer.WriteAttributeString("weight", Number(link.Weight));
            Values(("kind", link.Kind), ("score", Number(link.Score)), ("evidence", link.Evidence.ToString(CultureInfo.InvariantCulture)));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static string Cytoscape(EntityGraph graph, ExportWatermark watermark) => JsonSerializer.Serialize(new
    {
        meta = new { case_id = watermark.CaseId, case_title = watermark.CaseTitle, legal_basis = watermark.LegalBasis, exported_by = watermark.User, exported_at = watermark.At, audit_entry = watermark.AuditSeq },
        elements = new
        {
            nodes = graph.Nodes.Select(node => new { data = new { id = node.Id, label = node.Label, kind = node.Kind, site = node.Site, type = node.Type } }),
            edges = graph.Links.Select(link => new { data = new { id = link.Id, source = link.Source, target = link.Target, kind = link.Kind, weight = link.Weight, score = link.Score, evidence = link.Evidence } }),
        },
    }, CytoscapeJson);

    /// <summary>A CSV table under a comment line with the watermark; cells a spreadsheet would run as formulas are quoted as text.</summary>
    internal static string Csv(ExportWatermark watermark, string[] header, IEnumerable<string[]> rows)
    {
        var builder = new StringBuilder();
        builder.Append("# ").Append(Describe(watermark).Replace('\n', ' ')).Append('\n');
        builder.Append(string.Join(',', header)).Append('\n');
        foreach (var row in rows)
        {
            builder.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }

        return builder.ToString();
    }

    private static string Quote(string value)
    {
        // A cell a spreadsheet would read as a formula (=HYPERLINK(…), +, -, @, or a leading tab or
        // carriage return) is written as text with a leading apostrophe, as OWASP advises for CSV injection.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
