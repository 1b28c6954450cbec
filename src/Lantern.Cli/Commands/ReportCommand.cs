using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Spectre.Console;

namespace Lantern.Cli.Commands;

/// <summary><c>lantern report -o report.html|report.pdf --reason …</c>: the case report, printed to PDF by Chromium headless.</summary>
public static class ReportCommand
{
    /// <summary>Where Chromium is looked for: <c>LANTERN_CHROMIUM</c>, then Debian's and other distributions' names on the PATH.</summary>
    public const string ChromiumVariable = "LANTERN_CHROMIUM";

    private static readonly string[] ChromiumNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The report file: .html (self-contained) or .pdf (the HTML printed by Chromium headless)", Required = true }.NamingAFile();
        var command = new Command("report", "Write the case report from the findings ('lantern finding add'): the case header (legal basis, purpose, period), each finding with its " +
            "documents' text and provenance, alias clusters with their evidence and who decided, paths, listing facts, the network they draw, and an integrity annex " +
            "(the audit head and every cited document's SHA-256, with the commands that check them). Needs --reason; watermarked and audited like an export. " +
            $"A .pdf is printed with Chromium headless (found as {string.Join(", ", ChromiumNames)} on the PATH, or at ${ChromiumVariable}).\n" +
            "Examples: lantern report -o report.html --reason \"for the prosecutor\" · lantern report -o report.pdf --reason \"court bundle\"")
        {
            output,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var pdf = path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
            if (!pdf && !path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            {
                return context.Fail($"'{parse.GetValue(output)}' should end in .html or .pdf: the report is written as one or the other");
            }

            string? chromium = null;
            if (pdf && (chromium = FindChromium()) is null)
            {
                var looked = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured
                    ? $"${ChromiumVariable} names {configured}, which does not exist"
                    : $"none of {string.Join(", ", ChromiumNames)} is on the PATH and ${ChromiumVariable} is not set";
                return context.Fail($"no Chromium to print the PDF with: {looked}. " +
                    "Install it (Debian: apt-get install chromium), or write the report as HTML (-o report.html) and print it from any browser.");
            }

            if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
            {
                return context.Fail($"the folder {folder} does not exist");
            }

            var report = session.Report(path);
            if (pdf)
            {
                Print(chromium!, report.Html, path, context.Cancellation);
            }
            else
            {
                File.WriteAllText(path, report.Html, new UTF8Encoding(false));
            }

            var summary = report.Summary;
            if (context.AsJson)
            {
                CliContext.WriteJson(summary);
            }
            else
            {
                context.Out.MarkupLine($"Report written to {Markup.Escape(path)}: {summary.Findings} {(summary.Findings == 1 ? "finding" : "findings")}, {summary.Documents.Count} {(summary.Documents.Count == 1 ? "document" : "documents")} cited; " +
                    $"audit entry #{summary.AuditSeq}, head {Markup.Escape(summary.AuditHash)}.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Chromium's executable: the variable's, else the first of the known names found on the PATH.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return ChromiumNames.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>Prints the HTML to PDF with Chromium headless, from a private temporary folder, with networking off.</summary>
    private static void Print(string chromium, string html, string pdf, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("lantern-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            File.WriteAllText(page, html, new UTF8Encoding(false));
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new BadInputException($"could not start {chromium}");
            var errors = process.StandardError.ReadToEndAsync(cancellation);
            _ = process.StandardOutput.ReadToEndAsync(cancellation);
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new BadInputException($"{chromium} did not finish printing the PDF within two minutes");
            }

            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                throw new BadInputException($"{chromium} could not print the PDF (exit {process.ExitCode}): {errors.Result.Trim().Split('\n').LastOrDefault()}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
