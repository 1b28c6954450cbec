using System.CommandLine;
using Lantern.Cases;
using Lantern.Extraction;
using Lantern.Search;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class SelectorsCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type", "-t") { Description = $"Only this type: {string.Join(", ", SelectorTypes.All)}" };
        var minDocs = new Option<int>("--min-docs") { Description = "Only selectors found in at least this many documents", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit", "-n") { Description = "How many selectors to list", DefaultValueFactory = _ => 100 };
        var command = new Command("selectors", "List the selectors found in the case, most widespread first, with how many documents and handles carry each.\n" +
            "Find the documents of one with: lantern search 'btc:bc1q…' (or email:, phone:\"+31 6 …\", telegram:, onion:, pgp: …).\n" +
            "Examples: lantern selectors --type btc · lantern selectors --min-docs 5 --json")
        {
            type, minDocs, limit,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var typeValue = parse.GetValue(type) is { } given ? SelectorTypes.Parse(given) : null;
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            context.WarnIfStale(workspace);
            var summaries = context.OpenSession(workspace).Selectors(typeValue, Math.Max(1, parse.GetValue(minDocs)), Math.Max(1, parse.GetValue(limit)));
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    selectors = summaries.Select(summary => new
                    {
                        type = summary.Type,
                        value = summary.Value,
                        documents = summary.Documents,
                        handles = summary.Handles,
                        mentions = summary.Mentions,
                        first_seen = summary.FirstSeen,
                        last_seen = summary.LastSeen,
                        rules = summary.Rules,
                    }),
                });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("type", "value")
                .AddColumn(new TableColumn("docs").RightAligned()).AddColumn(new TableColumn("handles").RightAligned())
                .AddColumn(new TableColumn("mentions").RightAligned()).AddColumns("first seen", "last seen");
            foreach (var summary in summaries)
            {
                table.AddRow(summary.Type, Markup.Escape(summary.Value) + (summary.Rules.Contains(SelectorExtractor.LegacyOnionRule) ? " [grey](legacy v2)[/]" : ""), summary.Documents.ToString("N0"), summary.Handles.ToString("N0"),
                    summary.Mentions.ToString("N0"), summary.FirstSeen?.ToString("yyyy-MM-dd") ?? "", summary.LastSeen?.ToString("yyyy-MM-dd") ?? "");
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"{summaries.Count:N0} selectors");
            return ExitCodes.Success;
        }));
        return command;
    }
}
