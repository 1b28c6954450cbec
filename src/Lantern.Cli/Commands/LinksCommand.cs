using System.CommandLine;
using Lantern.Graph;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class LinksCommand
{
    public static Command CreateLinks()
    {
        var node = new Argument<string>("selector-or-handle") { Description = "A handle site/author (nightmarket/GreenDragon) or a selector type:value (btc:bc1q…)" };
        var hops = new Option<int>("--hops") { Description = "How far to go: 1 = the handles sharing a selector with it (and its selectors)", DefaultValueFactory = _ => 1 };
        var command = new Command("links", "The neighbourhood of a handle or selector: the selectors its documents mention and the handles that mention them, " +
            "each step citing its documents (hub selectors, mentioned by many handles, are left out).\nExample: lantern links nightmarket/GreenDragon --hops 2")
        {
            node, hops,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var neighbours = session.Links(parse.GetValue(node)!, Math.Max(1, parse.GetValue(hops)));
            if (context.AsJson)
            {
                CliContext.WriteJson(new { node = parse.GetValue(node), neighbours = neighbours.Select(item => new { node = item.Node, distance = item.Distance, from = item.Hop.From, via = item.Hop.Via, docs = item.Hop.Docs }) });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("node", "steps", "reached from", "via", "documents");
            foreach (var item in neighbours)
            {
                table.AddRow(Markup.Escape(item.Node), item.Distance.ToString(), Markup.Escape(item.Hop.From), item.Hop.Via, Markup.Escape(Docs(item.Hop.Docs)));
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"{neighbours.Count:N0} nodes within {Math.Max(1, parse.GetValue(hops))} hop(s)");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreatePath()
    {
        var from = new Argument<string>("from") { Description = "A handle site/author or a selector type:value" };
        var to = new Argument<string>("to") { Description = "A handle site/author or a selector type:value" };
        var command = new Command("path", "The shortest chain connecting two handles or selectors through shared selectors and relationship links, each hop citing its documents.\n" +
            "Example: lantern path \"NL Plug Market 🔌/Ket King\" nightmarket/KetKing")
        {
            from, to,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var result = session.Path(parse.GetValue(from)!, parse.GetValue(to)!);
            if (context.AsJson)
            {
                CliContext.WriteJson(new { found = result.Found, hops = result.Hops.Select(hop => new { from = hop.From, to = hop.To, via = hop.Via, docs = hop.Docs }) });
                return ExitCodes.Success;
            }

            if (!result.Found)
            {
                context.Out.MarkupLine("No path: nothing connects them (hub selectors are not counted).");
                return ExitCodes.Success;
            }

            if (result.Hops.Count == 0)
            {
                context.Out.MarkupLine("Both ends are the same: no hop is needed.");
                return ExitCodes.Success;
            }

            foreach (var hop in result.Hops)
            {
                context.Out.MarkupLine($"{Markup.Escape(hop.From)} → {Markup.Escape(hop.To)}  [grey]via[/] {Markup.Escape(hop.Via)}  [grey]({Markup.Escape(Docs(hop.Docs))})[/]");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Docs(IReadOnlyList<string> docs) => string.Join(", ", docs.Take(4)) + (docs.Count > 4 ? $", … ({docs.Count})" : string.Empty);
}
