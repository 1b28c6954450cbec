using System.CommandLine;
using Lantern.Cases;
using Lantern.Ingest;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class IngestCommand
{
    private const int ProblemsShown = 40;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (read recursively) to ingest", Arity = ArgumentArity.OneOrMore };
        var site = new Option<string?>("--site") { Description = "Site name for every document read, overriding what the data says" };
        var format = new Option<string?>("--format") { Description = $"Read every file as this format instead of detecting it: {string.Join(", ", FormatDetector.Formats)}; or a relationship table: edges (source,target[,weight][,time]) or matrix (adjacency matrix, cell = count)" };
        var map = new Option<string[]>("--map")
        {
            Description = "CSV column for a field, FIELD=COLUMN (repeatable); fields: " + string.Join(", ", RecordFields.Mappable) +
                ". ships_from, ships_to, price and category feed the listing facts: a route column is normalized to ISO codes, EU and WW and wins over routes read in the text " +
                "(e.g. --map ships_from=\"Ships From\" --map ships_to=Destination --map price=Price)",
            AllowMultipleArgumentsPerToken = false,
        };
        var encoding = new Option<string?>("--encoding")
        {
            Description = "Read every file in this encoding instead of deciding per file: utf-8, windows-1252, latin-1, utf-16le or utf-16be. " +
                "Without it a byte-order mark decides, else UTF-8 unless most non-ASCII bytes are not valid UTF-8 (then Windows-1252). " +
                "Either way invalid sequences become U+FFFD and double-encoded UTF-8 (\"Ã©\" for \"é\") is repaired; the record is kept and marked repaired",
        };
        var kind = new Option<string?>("--kind")
        {
            Description = $"Kind of the records that do not name one (CSV rows, JSON Lines): {string.Join(", ", RecordFields.Kinds)}; e.g. --kind listing for a marketplace's listings. A column can give it per row: --map kind=COLUMN",
        };
        var command = new Command("ingest", "Read collected material into the case: JSON Lines, CSV, Telegram Desktop exports (result.json), saved HTML pages, web archives (WARC), e-mail (EML, MBOX) and plain text.\n" +
            "Every document keeps its provenance (file, SHA-256, line or byte range, time, user). Re-ingesting the same files adds nothing.\n" +
            "Records may end in LF, CRLF or a bare CR (decided per file). Bad records are reported with file and line and skipped;\n" +
            "a file that is not empty but yields no record is an error. Exit code 2 tells that some input failed, 1 that none of it could be read.\n" +
            "The summary counts per file: records kept (new documents and new versions), repaired, versions, duplicates and refused.\n" +
            "Examples: lantern ingest dumps/ · lantern ingest agora.csv --site agora --map text=\"Item Description\"")
        {
            paths, site, format, map, encoding, kind,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var columnMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(map) ?? [])
            {
                var split = pair.Split('=', 2);
                if (split.Length != 2 || !RecordFields.Mappable.Contains(split[0].Trim().ToLowerInvariant()) || split[1].Trim().Length == 0)
                {
                    return context.Fail($"--map '{pair}': expected FIELD=COLUMN with FIELD one of {string.Join(", ", RecordFields.Mappable)}");
                }

                columnMap[split[0].Trim().ToLowerInvariant()] = split[1].Trim();
            }

            SourceEncoding? forcedEncoding = null;
            if (parse.GetValue(encoding) is { } encodingName)
            {
                if (!TextDecoder.Names.TryGetValue(encodingName.Trim(), out var named))
                {
                    return context.Fail($"--encoding '{encodingName}': use one of utf-8, windows-1252, latin-1, utf-16le, utf-16be");
                }

                forcedEncoding = named;
            }

            var kindName = parse.GetValue(kind)?.Trim().ToLowerInvariant();
            if (kindName is not null && !RecordFields.Kinds.Contains(kindName))
            {
                return context.Fail($"--kind '{kindName}': use one of {string.Join(", ", RecordFields.Kinds)}");
            }

            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var request = new IngestRequest(parse.GetValue(paths)!, parse.GetValue(site), parse.GetValue(format), columnMap, Encoding: forcedEncoding, Kind: kindName);
            var service = new IngestService(context.OpenSession(workspace));
            var report = Interactive(context)
                ? RunWithProgress(context, service, request)
                : service.Run(request, cancellation: context.Cancellation);

            // Not one of the paths could be read: nothing was stored, so this is bad input (1), not a partial ingest (2).
            var nothingRead = report.Files.Count == 0 && report.Errors > 0;
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    files = report.Files,
                    added = report.Added,
                    kept = report.Kept,
                    repaired = report.Files.Sum(file => file.Repaired),
                    versions = report.Versions,
                    duplicates = report.Duplicates,
                    refused = report.Errors,
                    errors = report.Errors,
                    problems = report.Problems.Select(problem => new { file = problem.File, location = problem.Location, message = problem.Message, severity = problem.Severity.ToString().ToLowerInvariant() }),
                    seconds = report.Elapsed.TotalSeconds,
                    megabytes_per_second = report.MegabytesPerSecond,
                    cancelled = report.Cancelled,
                    alerts = report.Alerts,
                });
            }
            else if (nothingRead)
            {
                WriteProblems(context, report);
                context.Error.MarkupLine("[red]error:[/] none of the paths could be read; nothing was stored");
            }
            else
            {
                WriteProblems(context, report);
                WriteSummary(context, report, RelationReader.Formats.Contains(parse.GetValue(format)?.ToLowerInvariant() ?? string.Empty) ? "links" : "documents");
                if (report.Cancelled)
                {
                    context.Error.MarkupLine("[yellow]stopped at your request:[/] what is listed above is stored and searchable; run the same command again to read the rest " +
                        "(records already stored are recognised, not counted twice)");
                }
            }

            return nothingRead ? ExitCodes.BadInput : report.Errors > 0 || report.Cancelled ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

    private static bool Interactive(CliContext context) =>
        !context.AsJson && !Console.IsOutputRedirected && context.Out.Profile.Capabilities.Interactive;

    private static IngestReport RunWithProgress(CliContext context, IngestService service, IngestRequest request) =>
        context.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("ingesting", maxValue: 1);
                return service.Run(request, cancellation: context.Cancellation, onProgress: update =>
                {
                    task.MaxValue = Math.Max(1, update.BytesTotal);
                    task.Value = update.BytesDone;
                    task.Description = $"{Markup.Escape(Path.GetFileName(update.CurrentFile))} · {update.DocumentsAdded:N0} docs";
                });
            });

    private static void WriteProblems(CliContext context, IngestReport report)
    {
        foreach (var problem in report.Problems.Take(ProblemsShown))
        {
            var label = problem.Severity == ProblemSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]";
            context.Error.MarkupLine($"{label} {Markup.Escape(problem.ToString())}");
        }

        if (report.Problems.Count > ProblemsShown)
        {
            context.Error.MarkupLine($"[red]… and {report.Problems.Count - ProblemsShown:N0} more problems[/] (all are kept in the workspace's ingest_errors table)");
        }
    }

    private static void WriteSummary(CliContext context, IngestReport report, string noun)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("file").AddColumn("format").AddColumn(new TableColumn("kept").RightAligned())
            .AddColumn(new TableColumn("repaired").RightAligned()).AddColumn(new TableColumn("versions").RightAligned())
            .AddColumn(new TableColumn("duplicates").RightAligned()).AddColumn(new TableColumn("refused").RightAligned());
        foreach (var file in report.Files)
        {
            table.AddRow(
                Markup.Escape(file.Path),
                file.Format + (file.Encoding is { } fileEncoding and not "utf-8" ? $" ({fileEncoding})" : string.Empty),
                file.AlreadyIngested ? "[grey]already ingested[/]" : file.Kept.ToString("N0"),
                file.Repaired > 0 ? $"[yellow]{file.Repaired:N0}[/]" : "0",
                file.Versions.ToString("N0"),
                file.Duplicates.ToString("N0"),
                file.Refused > 0 ? $"[red]{file.Refused:N0}[/]" : "0");
        }

        table.Caption($"{report.Files.Count:N0} files · {report.Added:N0} {noun} added · {report.Versions:N0} versions · {report.Duplicates:N0} duplicates · " +
            $"{report.Errors:N0} errors · {report.Bytes / 1048576.0:N1} MB in {report.Elapsed.TotalSeconds:N1} s ({report.MegabytesPerSecond:N1} MB/s)");
        context.Out.Write(table);
        context.Out.WriteLine();
        if (report.Files.Count > 0 && report.Files.All(file => file.AlreadyIngested))
        {
            context.Out.MarkupLine("[grey]Every file was already ingested: nothing was added.[/]");
        }

        if (report.Alerts > 0)
        {
            context.Out.MarkupLine($"[yellow]{report.Alerts:N0} new {(report.Alerts == 1 ? "alert" : "alerts")}[/] from the case's watches: see [bold]lantern alerts[/]");
        }
    }
}
