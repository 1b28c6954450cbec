using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

/// <summary>Findings are checked when marked, and the report built from them is self-contained, watermarked and audited.</summary>
public sealed class FindingTests
{
    [Fact]
    public void FindingsAreCheckedAndTheReportNeedsAJustificationAndLoadsNothing()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("m.jsonl",
            "{\"id\":\"1\",\"site\":\"m\",\"author\":\"A\",\"title\":\"<script>alert(1)</script>\",\"text\":\"<img src=http://tracker.invalid/x.png> 10x Xanax 2mg bars, 50 EUR\"}\n"));
        var session = workspace.Session();
        var doc = session.Search(new SearchRequest("xanax")).Hits[0].Doc;

        Assert.Throws<NotFoundException>(() => session.AddFinding("doc:nosuchdoc", "note"));
        Assert.Throws<NotFoundException>(() => session.AddFinding("cluster:A-none", "note"));
        Assert.Throws<BadInputException>(() => session.AddFinding($"doc:{doc}", " "));
        Assert.Throws<BadInputException>(() => session.AddFinding("path:m/A", "note"));
        Assert.Throws<BadInputException>(() => session.AddFinding("thing:1", "note"));
        var finding = session.AddFinding($"doc:{doc}", "sells alprazolam");
        var facts = session.AddFinding($"facts:{doc}", "the listing's facts");
        Assert.Equal([finding.Id, facts.Id], session.Findings().Select(found => found.Id));
        session.RemoveFinding(facts.Id);
        Assert.Single(session.Findings());

        Assert.Throws<AccessDeniedException>(() => session.Report(workspace.Folder.Combine("r.html")));
        var report = workspace.Session(reason: "for the prosecutor").Report(workspace.Folder.Combine("r.html"));

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]+ (src|href)=", report.Html);
        Assert.Contains($"audit entry #{report.Summary.AuditSeq}", report.Html, StringComparison.Ordinal);
        Assert.Contains("Test order 1", report.Html, StringComparison.Ordinal);
        var entry = new AuditLog(workspace.Workspace).Entries(action: "report")[^1];
        Assert.Equal((report.Summary.AuditSeq, report.Summary.AuditHash, "for the prosecutor"), (entry.Seq, entry.Hash, entry.Justification));
        Assert.Equal([doc], report.Summary.Documents.Select(document => document.Doc));
        Assert.Contains(report.Summary.Documents[0].ContentSha256, entry.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void ARightToLeftOverrideInScrapedTextIsShownNotObeyedInTheReport()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("m.jsonl",
            "{\"id\":\"1\",\"site\":\"m\",\"author\":\"A\",\"title\":\"Xanax \u202Egnp.exe 2mg\",\"text\":\"pay to \u2067bc1qtm47yfxr7zfly5w2wqgeujn0amg54ttq8zwut6\"}\n"));
        var session = workspace.Session(reason: "for the prosecutor");
        session.AddFinding($"doc:{session.Search(new SearchRequest("xanax")).Hits[0].Doc}", "note \u202Ereversed");

        var html = session.Report(workspace.Folder.Combine("r.html")).Html;

        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain('\u2067', html);
        Assert.Contains("⟨U+202E⟩</span>gnp.exe", html, StringComparison.Ordinal);
        Assert.Contains("⟨U+2067⟩</span>bc1qtm47yfxr7zfly5w2wqgeujn0amg54ttq8zwut6", html, StringComparison.Ordinal);
    }
}
