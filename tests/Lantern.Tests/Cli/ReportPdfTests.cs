using System.Diagnostics;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cli;

/// <summary>'lantern report -o report.pdf' prints the HTML report with Chromium headless; its pages render to PNG.</summary>
public sealed class ReportPdfTests
{
    private static (TestWorkspace Workspace, string Pdf, CliResult Result) PrintDemoReport()
    {
        var workspace = new TestWorkspace();
        workspace.IngestDemo();
        var session = workspace.Session();
        var cluster = session.Aliases().First(candidate => candidate.Strong);
        session.AddFinding($"cluster:{cluster.Id}", "one vendor on several markets");
        session.AddFinding($"doc:{session.Search(new SearchRequest("oxycodone", 1)).Hits[0].Doc}", "offers oxycodone");
        workspace.Workspace.Members.Grant(Environment.UserName, Role.Analyst, "tester");
        workspace.Workspace.Dispose();
        var pdf = workspace.Folder.Combine("report.pdf");
        var result = LanternProcess.Run(workspace.Folder.Path, "report", "-o", pdf, "--reason", "court bundle", "--json", "-w", workspace.Workspace.Root);
        return (workspace, pdf, result);
    }

    [BrowserFact]
    public void TheReportIsPrintedToPdfByChromium()
    {
        var (workspace, pdf, result) = PrintDemoReport();
        using (workspace)
        {
            Assert.True(result.ExitCode == 0, result.Stderr);
            using var summary = JsonDocument.Parse(result.Stdout);
            Assert.Equal(2, summary.RootElement.GetProperty("findings").GetInt32());
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), StringComparison.Ordinal);
            workspace.Reopen();
            Assert.Equal(pdf, JsonDocument.Parse(new AuditLog(workspace.Workspace).Entries(action: "report")[^1].Parameters).RootElement.GetProperty("output").GetString());
        }
    }

    [PdfRenderFact]
    public void ThePdfsPagesRenderToPng()
    {
        var (workspace, pdf, result) = PrintDemoReport();
        using (workspace)
        {
            Assert.True(result.ExitCode == 0, result.Stderr);
            var prefix = workspace.Folder.Combine("page");
            using var render = Process.Start(new ProcessStartInfo(PdfToPpm.ExecutablePath, ["-png", "-r", "80", pdf, prefix]) { UseShellExecute = false })!;
            Assert.True(render.WaitForExit(TimeSpan.FromMinutes(2)) && render.ExitCode == 0, "pdftoppm failed");
            var pages = Directory.GetFiles(workspace.Folder.Path, "page-*.png").Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(pages);
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
            File.Copy(pages[0], Path.Combine(AppContext.BaseDirectory, "screenshots", "report-pdf-page-1.png"), overwrite: true);
        }
    }
}
