using Lantern.Graph;

namespace Lantern.Cases;

/// <summary>Findings marked for the case report, and the report itself (see <see cref="ReportWriter"/>).</summary>
public sealed partial class CaseSession
{
    /// <summary>
    /// Marks a finding with a note: <c>doc:ID</c> or <c>facts:ID</c> (a stored document; viewing it is
    /// needed), <c>cluster:ID</c> (an alias cluster as 'lantern aliases' lists it) or <c>path:A..B</c> (two
    /// handles or selectors a path joins); what it names must exist now.
    /// </summary>
    public Finding AddFinding(string spec, string note)
    {
        var trimmed = spec.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? trimmed[..colon].Trim().ToLowerInvariant() : string.Empty;
        var target = colon > 0 ? trimmed[(colon + 1)..].Trim() : string.Empty;
        var permission = kind is "cluster" or "path" ? Permission.AnalyseLinks : Permission.ViewDocument;
        return Perform(permission, "finding.add", new { finding = trimmed, note }, () =>
        {
            if (string.IsNullOrWhiteSpace(note))
            {
                throw new BadInputException("a finding needs its note (--note \"…\"): what it shows, for the reader of the report");
            }

            switch (kind)
            {
                case "doc" or "facts":
                    _ = Workspace.Documents.Get(target) ?? throw new NotFoundException($"no document '{target}' in this case; 'lantern search' finds documents");
                    break;
                case "cluster":
                    _ = DecidedClusters(0, AliasResolver.DefaultHubThreshold).FirstOrDefault(cluster => cluster.Id == target)
                        ?? throw new NotFoundException($"no alias cluster '{target}' in this case; 'lantern aliases' lists them");
                    break;
                case "path":
                    var (from, to) = PathEnds(target);
                    target = $"{from}..{to}";
                    if (!new LinkAnalysis(Workspace, AliasResolver.DefaultHubThreshold).Path(from, to).Found)
                    {
                        throw new NotFoundException($"no path joins {from} and {to} in this case");
                    }

                    break;
                default:
                    throw new BadInputException($"'{spec}' is not a finding: write doc:ID, cluster:ID, path:A..B or facts:ID");
            }

            return Workspace.Findings.Add(kind, target, note.Trim(), User, DateTimeOffset.UtcNow);
        }, _ => 1, recordedParameters: finding => new { finding = finding.Spec, note = finding.Note, id = finding.Id });
    }

    /// <summary>The findings marked for the report, in the order they were marked.</summary>
    public IReadOnlyList<Finding> Findings() =>
        Perform(Permission.Search, "finding.list", new { }, () => Workspace.Findings.Active(), findings => findings.Count);

    /// <summary>Takes a finding out of the report.</summary>
    public Finding RemoveFinding(long id) =>
        Perform(Permission.Search, "finding.remove", new { id }, () =>
        {
            var finding = Workspace.Findings.Active().FirstOrDefault(candidate => candidate.Id == id)
                ?? throw new NotFoundException($"no finding {id} in this case; 'lantern finding list' lists them");
            Workspace.Findings.Remove(id, User, DateTimeOffset.UtcNow);
            return finding;
        }, _ => 1, recordedParameters: finding => new { id, finding = finding.Spec });

    /// <summary>
    /// The case report built from the findings: self-contained HTML with the case header, each finding
    /// with its documents' text and provenance, the network they draw, and an integrity annex (the audit
    /// head, which is the report's own audit entry, and the SHA-256 of every cited document). Needs a
    /// justification and is watermarked like an export; <paramref name="destination"/> (a file's full path,
    /// or where else it goes) is recorded in the trail as given.
    /// </summary>
    public CaseReport Report(string destination)
    {
        var output = destination;
        var role = Authorize(Permission.Export, "report", new { output }, justificationRequired: true);
        ReportWriter.Contents contents;
        try
        {
            contents = ReportWriter.Gather(Workspace, Workspace.Findings.Active(), DecidedClusters(0, AliasResolver.DefaultHubThreshold));
        }
        catch (LanternException failure)
        {
            Record(role, "report", new { output, error = failure.Message }, null, "failed");
            throw;
        }

        var entry = Record(role, "report", new
        {
            output,
            findings = contents.Findings.Select(finding => finding.Finding.Id),
            documents = contents.Cited.Select(document => new { doc = document.Doc, sha256 = document.ContentSha256 }),
        }, contents.Findings.Count);
        var info = Workspace.Case;
        var watermark = new ExportWatermark(info.Id, info.Title, info.LegalBasis, User, entry.At, entry.Seq);
        var html = ReportWriter.Render(info, contents, watermark, entry, Justification);
        return new CaseReport(html, new CaseReportSummary(output, entry.Seq, entry.Hash, contents.Findings.Count, contents.Cited));
    }

    private static (string From, string To) PathEnds(string target)
    {
        var separator = target.IndexOf("..", StringComparison.Ordinal);
        return separator > 0 && separator < target.Length - 2
            ? (target[..separator].Trim(), target[(separator + 2)..].Trim())
            : throw new BadInputException($"'{target}' is not a path: write path:FROM..TO, e.g. path:ironbridge/GreenDragon..btc:bc1q…");
    }
}
