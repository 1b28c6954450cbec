using System.CommandLine;
using Lantern.Cases;
using Lantern.Demo;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Storage;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class DemoCommand
{
    private const string Marker = ".lantern-demo";

    public static Command Create()
    {
        var folder = new Option<string>("--dir")
        {
            Description = "Folder for the demo: collected/ (the generated material), agora.csv (a marketplace dump), calls.csv (call records), " +
                "ground-truth.json and workspace/ (the case, all of it ingested). Replaced if it holds an earlier demo",
            DefaultValueFactory = _ => "lantern-demo",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed gives the same corpus", DefaultValueFactory = _ => DemoCorpus.DefaultSeed };
        var serve = new Option<bool>("--serve") { Description = "Then serve the demo case in the browser, with an analyst, a supervisor and an auditor to sign in as" };
        var urls = new Option<string>("--urls") { Description = "Where --serve listens", DefaultValueFactory = _ => ServeCommand.DefaultUrls };
        var command = new Command("demo", "Generate a synthetic investigation (three marketplaces, one in seven languages, a forum, a Telegram group, pharmacy sites), " +
            "ingest it into a fresh case workspace and take a short tour of what Lantern finds.")
        {
            folder, seed, serve, urls,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var root = Path.GetFullPath(parse.GetValue(folder)!);
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            {
                if (!File.Exists(Path.Combine(root, Marker)))
                {
                    return context.Fail($"{root} exists and is not an earlier Lantern demo; choose another folder with --dir");
                }

                Directory.Delete(root, recursive: true);
            }

            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, Marker), "Created by 'lantern demo'; the folder is replaced when the demo runs again.\n");
            var workspaceFolder = Path.Combine(root, "workspace");

            var manifest = context.Out.Status().Start("Generating the demo corpus (PGP keys, wallets, onions)…", _ => DemoCorpus.Generate(root, parse.GetValue(seed)));
            var info = new CaseInfo("DEMO-NIGHTJAR", "Operation Nightjar (synthetic demo)", "Demonstration on synthetic data; no real persons",
                "Show what Lantern does", 365, "NL", DateTimeOffset.UtcNow, context.OsUser);
            using var workspace = CaseAdministration.CreateCase(workspaceFolder, info);
            context.WriteCaseHeader(workspace);
            var session = context.OpenSession(workspace);
            var reports = context.Out.Status().Start("Ingesting…", _ =>
            {
                var ingest = new IngestService(session);
                return new[]
                {
                    ingest.Run(new IngestRequest(manifest.Files)),
                    ingest.Run(new IngestRequest([manifest.MarketDump], Site: "agora", ColumnMap: new Dictionary<string, string> { ["text"] = "Item Description" })),
                    ingest.Run(new IngestRequest([manifest.CallRecords], Site: "wiretap", Format: "edges")),
                };
            });
            var errors = reports.Sum(report => report.Errors);

            context.Out.MarkupLine($"Generated [bold]{manifest.Files.Count}[/] files ({manifest.Documents:N0} documents) in [bold]{Markup.Escape(Path.Combine(root, "collected"))}[/], " +
                $"a marketplace dump [bold]{Markup.Escape(manifest.MarketDump)}[/] and call records [bold]{Markup.Escape(manifest.CallRecords)}[/]");
            context.Out.MarkupLine($"Ingested [bold]{reports[0].Kept + reports[1].Kept:N0}[/] documents and [bold]{reports[2].Kept:N0}[/] call links into the workspace [bold]{Markup.Escape(workspaceFolder)}[/] " +
                $"in {reports.Sum(report => report.Elapsed.TotalSeconds):N1} s" + (errors > 0 ? $" [red]({errors} errors)[/]" : string.Empty));
            context.Out.MarkupLine($"Ground truth for checks: [grey]{Markup.Escape(manifest.GroundTruthPath)}[/]");

            Tour(context, session, "cocaine", expand: true, "Slang expansion: 'cocaine' also finds coke, yayo, charlie and ❄️");
            Tour(context, session, "\"ships from netherlands\" AND kind:listing", expand: false, "A phrase, restricted to marketplace listings");
            Tour(context, session, "author:greendragon", expand: false, "Everything posted under one name, on every site (note the impostor on ironbridge)");
            Tour(context, session, "💊 OR 🅿️", expand: false, "Emoji are searchable drug codes");
            var topSelector = session.Selectors(null, 2, 50).FirstOrDefault(summary => summary.Handles >= 2 && summary.Handles <= 5);
            if (topSelector is not null)
            {
                Tour(context, session, $"{topSelector.Type}:\"{topSelector.Value}\"", expand: false, $"A {topSelector.Type} selector shared by {topSelector.Handles} handles: who else uses it?");
            }

            context.Out.WriteLine();
            context.Out.MarkupLine("[bold]Try next[/]");
            var next = $"export LANTERN_WORKSPACE={workspaceFolder}";
            context.Out.MarkupLine($"  {Markup.Escape(next)}");
            context.Out.WriteLine("  lantern selectors --min-docs 2                # wallets, e-mails, phones, keys … and how widely each occurs");
            context.Out.WriteLine("  lantern aliases --min-score 0.8                # which handles are the same vendor, and why");
            context.Out.WriteLine($"  lantern eval extraction --truth {manifest.GroundTruthPath}");
            context.Out.WriteLine($"  lantern eval aliases --truth {manifest.GroundTruthPath}");
            context.Out.WriteLine("  lantern search oxycodone --expand-slang");
            context.Out.WriteLine("  lantern search 'posted_at:[2025-06 TO 2025-12] AND site:nightmarket' --sort date");
            context.Out.WriteLine("  lantern network --top 10 --since 2025-06-15    # who the call records put at the centre after the takedown");
            context.Out.WriteLine("  lantern search 'frostbite~' · lantern show DOC_ID · lantern --help");
            context.Out.WriteLine("  README.md's tour builds a case of its own from collected/, agora.csv and calls.csv, step by step");
            context.Out.WriteLine("  lantern demo --serve                           # the same case in the browser: search, graph, review, audit");
            if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "lantern")
            {
                context.Out.WriteLine($"  (lantern is {path})");
            }
            if (parse.GetValue(serve))
            {
                var credentials = DemoMembers.Select(member => (member.Name, member.Role, Password: $"{member.Name}-nightjar")).ToList();
                var administration = new CaseAdministration(session);
                foreach (var (name, role, password) in credentials)
                {
                    administration.AddMember(name, role);
                    Passwords.Set(session, name, password);
                }

                workspace.Dispose();
                context.Out.WriteLine();
                ServeCommand.Run(context, workspaceFolder, parse.GetValue(urls)!, credentials);
            }

            return errors > 0 ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Who may sign in to the served demo: one member per role that works a case.</summary>
    private static readonly (string Name, Role Role)[] DemoMembers = [("analyst", Role.Analyst), ("supervisor", Role.Supervisor), ("auditor", Role.Auditor)];

    private static void Tour(CliContext context, CaseSession session, string query, bool expand, string caption)
    {
        var results = session.Search(new SearchRequest(query, 3, expand));
        context.Out.WriteLine();
        context.Out.MarkupLine($"[bold]$ lantern search {Markup.Escape(query.Contains(' ', StringComparison.Ordinal) ? $"'{query}'" : query)}{(expand ? " --expand-slang" : string.Empty)}[/]  [grey]# {Markup.Escape(caption)}[/]");
        context.Out.MarkupLine($"  {results.Total:N0} documents match");
        foreach (var hit in results.Hits)
        {
            var who = hit.Author is null ? hit.Site : $"{hit.Site}/{hit.Author}";
            context.Out.MarkupLine($"  [cyan]{hit.Doc}[/] [grey]{Markup.Escape(who)}[/] {SearchCommand.Highlight(Shorten(hit.Snippet))}");
        }
    }

    /// <summary>The first 140 characters; a highlight cut in two is closed, so the markup stays balanced.</summary>
    private static string Shorten(string snippet)
    {
        if (snippet.Length <= 140)
        {
            return snippet;
        }

        var cut = snippet[..140];
        var open = cut.Split(SearchHit.MarkStart).Length - cut.Split(SearchHit.MarkEnd).Length;
        var lastStart = cut.LastIndexOf(SearchHit.MarkStart[0]);
        if (lastStart >= 0 && !cut[lastStart..].StartsWith(SearchHit.MarkStart, StringComparison.Ordinal) && !cut[lastStart..].StartsWith(SearchHit.MarkEnd, StringComparison.Ordinal))
        {
            cut = cut[..lastStart];
        }

        return cut + (open > 0 ? SearchHit.MarkEnd : string.Empty) + "…";
    }
}
