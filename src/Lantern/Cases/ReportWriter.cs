using System.Globalization;
using System.Net;
using System.Text;
using Lantern.Graph;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// Writes the case report: one HTML file that needs nothing else — its CSS in a style element, its
/// network picture an inline SVG, no script and no outside reference — so it can be opened, printed
/// and archived anywhere, and checked against the workspace with the commands its annex gives.
/// </summary>
internal static class ReportWriter
{
    private const int EvidencePerCluster = 20;

    /// <summary>A finding with what it names, read now; a cluster no longer resolved or a document removed by retention is null.</summary>
    internal sealed record Resolved(Finding Finding, Document? Document, ListingFacts? Facts, AliasCluster? Cluster, PathResult? Path);

    internal sealed record Contents(IReadOnlyList<Resolved> Findings, IReadOnlyList<CitedDocument> Cited, IReadOnlyDictionary<string, Document> Documents);

    public static Contents Gather(Workspace workspace, IReadOnlyList<Finding> findings, IReadOnlyList<AliasCluster> clusters)
    {
        var links = new Lazy<LinkAnalysis>(() => new LinkAnalysis(workspace, AliasResolver.DefaultHubThreshold));
        var resolved = new List<Resolved>(findings.Count);
        foreach (var finding in findings)
        {
            switch (finding.Kind)
            {
                case "doc":
                    resolved.Add(new Resolved(finding, workspace.Documents.Get(finding.Target), null, null, null));
                    break;
                case "facts":
                    var document = workspace.Documents.Get(finding.Target);
                    resolved.Add(new Resolved(finding, document, document is null ? null : workspace.Documents.Facts(document.RowId), null, null));
                    break;
                case "cluster":
                    resolved.Add(new Resolved(finding, null, null, clusters.FirstOrDefault(cluster => cluster.Id == finding.Target), null));
                    break;
                default:
                    var separator = finding.Target.IndexOf("..", StringComparison.Ordinal);
                    resolved.Add(new Resolved(finding, null, null, null, links.Value.Path(finding.Target[..separator], finding.Target[(separator + 2)..])));
                    break;
            }
        }

        var ids = resolved.SelectMany(CitedIds).Distinct(StringComparer.Ordinal).ToList();
        var documents = workspace.Documents.GetMany(ids).ToDictionary(document => document.Id, StringComparer.Ordinal);
        var cited = ids.Where(documents.ContainsKey).Select(id => documents[id])
            .Select(document => new CitedDocument(document.Id, document.ContentSha256, document.Provenance!.SourcePath, document.Provenance.SourceSha256)).ToList();
        return new Contents(resolved, cited, documents);
    }

    private static IEnumerable<string> CitedIds(Resolved finding) =>
        finding.Document is { } document ? [document.Id]
        : finding.Cluster is { } cluster ? cluster.Evidence.Take(EvidencePerCluster).SelectMany(evidence => evidence.Docs)
        : finding.Path is { } path ? path.Hops.SelectMany(hop => hop.Docs)
        : [];

    public static string Render(CaseInfo info, Contents contents, ExportWatermark watermark, AuditEntry entry, string? justification)
    {
        var html = new StringBuilder();
        var mark = $"Case {watermark.CaseId} · {watermark.LegalBasis} · prepared by {watermark.User} · audit entry #{watermark.AuditSeq} · {Time(watermark.At)}";
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="referrer" content="no-referrer">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>Case report — {E(info.Id)} — {E(info.Title)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <div class="watermark" aria-hidden="true">{E(watermark.CaseId)} · {E(watermark.User)} · #{watermark.AuditSeq}</div>
            <p class="mark" data-testid="watermark">{E(mark)}</p>
            <h1>Case report: {E(info.Title)}</h1>
            <table class="header">
            <tr><th>Case</th><td data-testid="case-id">{E(info.Id)}</td></tr>
            <tr><th>Legal basis</th><td>{E(info.LegalBasis)}</td></tr>
            <tr><th>Purpose</th><td>{E(info.Purpose ?? "—")}</td></tr>
            <tr><th>Period</th><td>case opened {Time(info.CreatedAt)} by {E(info.CreatedBy)}; report of {Time(entry.At)}{(info.RetentionDays is { } days ? $"; material kept {days} days after ingest" : string.Empty)}</td></tr>
            <tr><th>Prepared by</th><td>{E(entry.Who)} ({E(entry.Role)}), justification: {E(justification ?? "—")}</td></tr>
            <tr><th>Findings</th><td>{contents.Findings.Count}, citing {contents.Cited.Count} documents</td></tr>
            </table>
            """);
        html.Append("<h2>Findings</h2>\n");
        if (contents.Findings.Count == 0)
        {
            html.Append("<p>No findings were marked ('lantern finding add').</p>\n");
        }

        var number = 0;
        foreach (var finding in contents.Findings)
        {
            number++;
            html.Append(CultureInfo.InvariantCulture, $"""
                <section class="finding" data-testid="finding" data-kind="{E(finding.Finding.Kind)}">
                <h3>{number}. {E(Title(finding))}</h3>
                <p class="note">{E(finding.Finding.Note)}</p>
                <p class="small">Marked by {E(finding.Finding.AddedBy)} on {Time(finding.Finding.AddedAt)} as <code>{E(finding.Finding.Spec)}</code>.</p>
                """);
            if (finding.Finding.Kind is "doc" or "facts")
            {
                AppendDocument(html, finding.Document, finding.Finding.Target, withText: finding.Finding.Kind == "doc" || finding.Facts is null);
                if (finding.Facts is { } facts)
                {
                    AppendFacts(html, facts);
                }
            }
            else if (finding.Finding.Kind == "cluster")
            {
                AppendCluster(html, finding.Cluster, contents.Documents);
            }
            else
            {
                AppendPath(html, finding.Path, contents.Documents);
            }

            html.Append("</section>\n");
        }

        html.Append("<h2>Network</h2>\n<p class=\"small\">The handles, selectors and links of the findings above: alias clusters joined through their evidence, paths hop by hop.</p>\n");
        html.Append(NetworkSvg(contents.Findings));
        AppendAnnex(html, contents, entry);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"mark\">{E(mark)}</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Title(Resolved finding) => finding.Finding.Kind switch
    {
        "doc" => $"Document {finding.Finding.Target}",
        "facts" => $"Listing facts of document {finding.Finding.Target}",
        "cluster" => $"Alias cluster {finding.Finding.Target}",
        _ => $"Path {finding.Finding.Target.Replace("..", " → ", StringComparison.Ordinal)}",
    };

    private static void AppendDocument(StringBuilder html, Document? document, string id, bool withText)
    {
        if (document is null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Document {E(id)} is no longer in the case (removed by retention; the retention log keeps its hashes).</p>\n");
            return;
        }

        var provenance = document.Provenance!;
        var place = provenance.Line is { } line ? $"line {line}" : provenance.Record is { } record ? $"record {record}" : "—";
        html.Append(CultureInfo.InvariantCulture, $"""
            <table class="provenance" data-testid="document" data-doc="{E(document.Id)}">
            <tr><th>Document</th><td><code>{E(document.Id)}</code> · {E(document.Kind)}</td></tr>
            <tr><th>Site, id, author</th><td>{E(document.Site)} · {E(document.SourceId ?? "—")} · {E(document.Author ?? "—")}</td></tr>
            <tr><th>Posted</th><td>{(document.PostedAt is { } posted ? Time(posted) : "—")}{(document.Url is { } url ? $" · {E(url)}" : string.Empty)}</td></tr>
            <tr><th>Source file</th><td><code>{E(provenance.SourcePath)}</code></td></tr>
            <tr><th>File SHA-256</th><td><code>{E(provenance.SourceSha256)}</code></td></tr>
            <tr><th>Place in file</th><td>{place}, bytes {provenance.ByteStart}–{provenance.ByteEnd}</td></tr>
            <tr><th>Ingested</th><td>{Time(provenance.IngestedAt)} by {E(provenance.IngestedBy)}</td></tr>
            <tr><th>Content SHA-256</th><td><code>{E(document.ContentSha256)}</code></td></tr>
            </table>
            """);
        if (withText)
        {
            html.Append(CultureInfo.InvariantCulture, $"{(document.Title is { } title ? $"<p><strong>{E(title)}</strong></p>" : string.Empty)}<pre class=\"text\">{E(document.Text)}</pre>\n");
        }
    }

    private static void AppendFacts(StringBuilder html, ListingFacts facts)
    {
        html.Append("<table class=\"facts\"><tr><th>drug</th><th>class</th><th>strength</th><th>form</th><th>quantity</th><th>as written</th></tr>\n");
        foreach (var item in facts.Items)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(item.Drug)}</td><td>{E(item.Class)}</td><td>{Amount(item.Strength)}</td><td>{E(item.Form)}</td><td>{Amount(item.Quantity)}</td><td>{E(item.Raw)}</td></tr>\n");
        }

        html.Append("</table>\n<ul class=\"small\">");
        html.Append(CultureInfo.InvariantCulture, $"<li>Price: {(facts.Price is { } price ? $"{price.Amount.ToString(CultureInfo.InvariantCulture)} {E(price.Currency)}" : "—")}");
        html.Append(CultureInfo.InvariantCulture, $"{(facts.UnitPrice is { } unit ? $" ({unit.Amount.ToString("0.##", CultureInfo.InvariantCulture)} {E(unit.Currency)} per {E(unit.Per)})" : string.Empty)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Ships from: {E(Join(facts.ShipsFrom))}; ships to: {E(Join(facts.ShipsTo))}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Indicators: {E(Join(facts.Indicators.Select(indicator => $"{indicator.Kind} (\"{indicator.Raw}\")")))}</li></ul>\n");
    }

    private static void AppendCluster(StringBuilder html, AliasCluster? cluster, IReadOnlyDictionary<string, Document> documents)
    {
        if (cluster is null)
        {
            html.Append("<p>This cluster is no longer resolved from the case's material.</p>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <p>Members: {string.Join(", ", cluster.Members.Select(member => $"<code>{E(member)}</code>"))} · score {cluster.Score.ToString("0.00", CultureInfo.InvariantCulture)} · {cluster.Strength} evidence ·
            <strong>{E(cluster.Status)}</strong>{(cluster.DecidedBy is { } by ? $" by {E(by)}: {E(cluster.DecisionReason ?? string.Empty)}" : " (no supervisor has decided it)")}</p>
            <table><tr><th>rule</th><th>selector</th><th>documents</th></tr>
            """);
        foreach (var evidence in cluster.Evidence.Take(EvidencePerCluster))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(evidence.Rule)}</td><td><code>{E(evidence.Type)}:{E(evidence.Value)}</code></td><td>{Documents(evidence.Docs, documents)}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (cluster.Evidence.Count > EvidencePerCluster)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">and {cluster.Evidence.Count - EvidencePerCluster} more pieces of evidence ('lantern aliases' lists them all).</p>\n");
        }
    }

    private static void AppendPath(StringBuilder html, PathResult? path, IReadOnlyDictionary<string, Document> documents)
    {
        if (path is not { Found: true })
        {
            html.Append("<p>No path joins these two any longer.</p>\n");
            return;
        }

        html.Append("<table><tr><th>from</th><th>to</th><th>via</th><th>documents</th></tr>\n");
        foreach (var hop in path.Hops)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(hop.From)}</code></td><td><code>{E(hop.To)}</code></td><td>{E(hop.Via)}</td><td>{Documents(hop.Docs, documents)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Cited documents by id with their site and source id, so a reader can find each in the annex.</summary>
    private static string Documents(IEnumerable<string> ids, IReadOnlyDictionary<string, Document> documents) =>
        string.Join(", ", ids.Select(id => documents.TryGetValue(id, out var document)
            ? $"<code>{E(id)}</code> ({E(document.Site)} {E(document.SourceId ?? string.Empty)})"
            : $"<code>{E(id)}</code>"));

    private static void AppendAnnex(StringBuilder html, Contents contents, AuditEntry entry)
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Integrity annex</h2>
            <p>This report's creation is entry <strong data-testid="audit-seq">#{entry.Seq}</strong> of the case's audit trail, whose hash — the head of the trail when the report was made — is</p>
            <p><code data-testid="audit-head">{E(entry.Hash)}</code></p>
            <p>That entry names every document below with its content hash. To check the trail and that this entry is still in it, in the workspace:</p>
            <pre>lantern audit verify --expect-head {E(entry.Hash)}</pre>
            <p>To check a document, compare its content SHA-256 with <code>lantern show DOC --json</code> (<code>content_sha256</code>), and its source file with</p>
            <pre>sha256sum FILE</pre>
            <p>which must print the file SHA-256 below.</p>
            <table class="annex" data-testid="annex">
            <tr><th>document</th><th>content SHA-256</th><th>source file</th><th>file SHA-256</th></tr>
            """);
        foreach (var document in contents.Cited)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-doc=\"{E(document.Doc)}\"><td><code>{E(document.Doc)}</code></td><td><code class=\"sha\">{E(document.ContentSha256)}</code></td><td><code>{E(document.SourcePath)}</code></td><td><code class=\"file-sha\">{E(document.SourceSha256)}</code></td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>The findings' handles and selectors on a circle, joined as the clusters' evidence and the paths' hops join them.</summary>
    private static string NetworkSvg(IReadOnlyList<Resolved> findings)
    {
        var edges = new List<(string From, string To, string Kind)>();
        foreach (var finding in findings)
        {
            if (finding.Cluster is { } cluster)
            {
                foreach (var evidence in cluster.Evidence.Take(EvidencePerCluster))
                {
                    var selector = $"{evidence.Type}:{evidence.Value}";
                    edges.AddRange(cluster.Members.Select(member => (member, selector, "evidence")));
                }
            }

            if (finding.Path is { Found: true } path)
            {
                edges.AddRange(path.Hops.Select(hop => (hop.From, hop.To, "path")));
            }
        }

        var nodes = edges.SelectMany(edge => new[] { edge.From, edge.To }).Distinct(StringComparer.Ordinal).ToList();
        if (nodes.Count == 0)
        {
            return "<p class=\"small\">No cluster or path was marked, so there is no network to draw.</p>\n";
        }

        const double width = 960, height = 560, margin = 150;
        var radius = Math.Min(width, height) / 2 - margin / 2;
        var position = nodes.Select((node, index) => (node, x: width / 2 + radius * Math.Cos(2 * Math.PI * index / nodes.Count), y: height / 2 + radius * Math.Sin(2 * Math.PI * index / nodes.Count)))
            .ToDictionary(item => item.node, item => (item.x, item.y), StringComparer.Ordinal);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"network of the findings\" data-testid=\"network\">\n");
        foreach (var (from, to, kind) in edges.Distinct())
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{kind}\" x1=\"{position[from].x:0.0}\" y1=\"{position[from].y:0.0}\" x2=\"{position[to].x:0.0}\" y2=\"{position[to].y:0.0}\"/>\n");
        }

        foreach (var node in nodes)
        {
            var (x, y) = position[node];
            var handle = Handle.TryParse(node, out _) && !node.Contains(':', StringComparison.Ordinal);
            var label = node.Length > 30 ? node[..27] + "…" : node;
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{E(node)}</title><circle class=\"{(handle ? "handle" : "selector")}\" cx=\"{x:0.0}\" cy=\"{y:0.0}\" r=\"9\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.0}\" y=\"{y + 22:0.0}\" text-anchor=\"middle\">{E(label)}</text></g>\n");
        }

        svg.Append("</svg>\n<p class=\"small\"><span class=\"key handle\">●</span> handle · <span class=\"key selector\">●</span> selector · grey lines: evidence of a cluster · dark lines: a path's hops</p>\n");
        return svg.ToString();
    }

    private static string Amount(FactAmount? amount) => amount is null ? "—" : $"{amount.Value.ToString(CultureInfo.InvariantCulture)} {E(amount.Unit)}";

    private static string Join(IEnumerable<string> values) => values.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "—";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Text as HTML, with each bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) shown as a
    /// visible ⟨U+202E⟩ mark: in a court report an override hidden in a scraped title must not reorder what is read
    /// after it. Text without such controls is left exactly as stored, so commands and values copy out unchanged.
    /// </summary>
    private static string E(string text)
    {
        var encoded = WebUtility.HtmlEncode(text);
        if (!encoded.AsSpan().ContainsAny(BidiControls))
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length + 16);
        foreach (var c in encoded)
        {
            if (BidiControls.Contains(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"<span class=\"bidi\">⟨U+{(int)c:X4}⟩</span>");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    private const string Style = """
        body { font: 11pt/1.45 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #111; margin: 24px 36px; }
        h1 { font-size: 20pt; margin: 8px 0 12px; } h2 { font-size: 15pt; border-bottom: 1px solid #999; margin-top: 28px; } h3 { font-size: 12pt; margin-bottom: 4px; }
        table { border-collapse: collapse; margin: 6px 0 10px; } th, td { border: 1px solid #bbb; padding: 3px 7px; text-align: left; vertical-align: top; font-size: 9.5pt; }
        th { background: #f2f2f2; } table.header th, table.provenance th { width: 150px; }
        .bidi { color: #a00; font-size: 8pt; }
        code { font: 9pt "DejaVu Sans Mono", monospace; word-break: break-all; }
        pre { font: 9pt "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-word; background: #f7f7f7; border: 1px solid #ddd; padding: 8px; }
        pre.text { max-height: none; } .note { font-style: italic; } .small { font-size: 9pt; color: #444; }
        .finding { border-left: 3px solid #3b5bdb; padding-left: 12px; margin: 14px 0; } tr, pre { page-break-inside: avoid; } h3 { page-break-after: avoid; }
        .mark { font-size: 8.5pt; color: #8a1c1c; border: 1px solid #e3b4b4; padding: 3px 8px; }
        .watermark { position: fixed; top: 42%; left: 0; right: 0; text-align: center; font-size: 44pt; color: rgba(160, 0, 0, 0.07); transform: rotate(-24deg); pointer-events: none; z-index: -1; }
        svg line.evidence { stroke: #adb5bd; stroke-width: 1.2; } svg line.path { stroke: #343a40; stroke-width: 2.4; }
        svg circle.handle { fill: #3b5bdb; } svg circle.selector { fill: #f08c00; } svg text { font-size: 10px; fill: #222; }
        .key.handle { color: #3b5bdb; } .key.selector { color: #f08c00; }
        @media print { body { margin: 0; } h2 { page-break-after: avoid; } }
        """;
}
