using System.CommandLine;
using Lantern.Graph;
using Lantern.Ingest;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class NetworkCommand
{
    public static Command Create()
    {
        var top = new Option<int>("--top", "-n") { Description = "How many nodes to list, most connected first", DefaultValueFactory = _ => 20 };
        var since = new Option<string?>("--since") { Description = "Only links at or after this date (links without a time are left out of a window)" };
        var until = new Option<string?>("--until") { Description = "Only links at or before this date" };
        var exact = new Option<bool>("--exact") { Description = "Exact betweenness and closeness however large the network (one BFS per node; by default networks over 2·10⁸ nodes × links are sampled)" };
        var samples = new Option<int?>("--samples") { Description = "Estimate betweenness and closeness from this many source nodes; the output states the error bound" };
        var command = new Command("network", "Key actors in the network of handles linked by relationship tables (ingest --format edges|matrix): degree, betweenness, " +
            "closeness, eigenvector and PageRank centrality, Louvain communities and components. A time window shows how the network changes, " +
            "e.g. before and after a takedown. Betweenness is exact (Brandes) up to about 2·10⁸ nodes × links and estimated from sampled sources above, " +
            "with the error bound stated.\nExamples: lantern network --top 10 · lantern network --since 2025-06-15 --json · lantern network --samples 1000")
        {
            top, since, until, exact, samples,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            DateTimeOffset? Date(string? text, string option) =>
                text is null ? null : RecordFields.TryParseDate(text, out var date) ? date : throw new BadInputException($"{option} '{text}' is not a date");

            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var report = context.OpenSession(workspace).Network(Date(parse.GetValue(since), "--since"), Date(parse.GetValue(until), "--until"),
                new PathOptions(parse.GetValue(exact), parse.GetValue(samples)), context.Cancellation);
            var shown = report.Nodes.Take(Math.Max(1, parse.GetValue(top))).ToList();
            if (report.EdgeCount == 0)
            {
                context.Error.MarkupLine(parse.GetValue(since) is null && parse.GetValue(until) is null
                    ? "[yellow]hint:[/] the case has no relationship table yet — the network is built from call records, transactions or other " +
                      "source,target[[,weight]][[,time]] tables. Ingest one with: [bold]lantern ingest calls.csv --format edges --site wiretap[/] " +
                      "(or --format matrix for an adjacency matrix)"
                    : "[yellow]hint:[/] no link of the relationship tables falls in that window (links without a time are left out of a window); " +
                      "widen --since/--until or leave them out");
            }

            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    nodes = shown.Select(node => new
                    {
                        id = node.Id,
                        kind = node.Kind,
                        degree = node.Degree,
                        betweenness = node.Betweenness,
                        closeness = node.Closeness,
                        eigenvector = node.Eigenvector,
                        pagerank = node.PageRank,
                        community = node.Community,
                        component = node.Component,
                    }),
                    node_count = report.NodeCount,
                    edge_count = report.EdgeCount,
                    components = report.Components,
                    communities = report.CommunityCount,
                    modularity = report.Modularity,
                    betweenness_method = new
                    {
                        exact = report.PathMethod.Exact,
                        sources = report.PathMethod.Sources,
                        error_bound = report.PathMethod.BetweennessErrorBound,
                    },
                });
                return ExitCodes.Success;
            }

            context.Out.MarkupLine($"{report.NodeCount:N0} handles, {report.EdgeCount:N0} links, {report.Components:N0} components, " +
                $"{report.CommunityCount:N0} communities (modularity {report.Modularity:0.000})");
            if (!report.PathMethod.Exact)
            {
                context.Out.MarkupLine($"[yellow]Betweenness and closeness estimated from {report.PathMethod.Sources:N0} sampled source nodes: every betweenness " +
                    $"within ±{report.PathMethod.BetweennessErrorBound:0.0000} at 95 % confidence (--exact for exact values).[/]");
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("handle");
            foreach (var column in new[] { "degree", "betweenness", "closeness", "eigenvector", "pagerank", "community" })
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var node in shown)
            {
                table.AddRow(Markup.Escape(node.Id), node.Degree.ToString("N0"), node.Betweenness.ToString("0.0000"), node.Closeness.ToString("0.0000"),
                    node.Eigenvector.ToString("0.0000"), node.PageRank.ToString("0.0000"), node.Community.ToString());
            }

            if (shown.Count > 0)
            {
                context.Out.Write(table);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
