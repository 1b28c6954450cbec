using System.CommandLine;
using Spectre.Console;

namespace Lantern.Cli.Commands;

/// <summary><c>lantern watch add|list|remove</c>: what every later ingest checks its new documents against.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("watch")
        {
            Description = "selector:TYPE:VALUE (e.g. selector:btc:bc1q…, normalized as the type stores it), handle:SITE/AUTHOR (its confirmed aliases too) " +
                "or query:TEXT (a search query, e.g. query:'\"M30\" AND pressed')",
        };
        var add = new Command("add", "Watch for a selector, a handle or a query in material ingested from now on: every ingest checks its new documents and records an alert " +
            "per watch with the documents that match ('lantern alerts'). Watching a selector or handle is a look-up: give --reason where the case requires one; " +
            "the reason is kept with the watch.\nExamples: lantern watch add selector:btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq --reason \"order 7\" · " +
            "lantern watch add handle:ironbridge/GreenDragon · lantern watch add query:'\"M30\" AND pressed'")
        {
            spec,
        };
        add.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var watch = session.AddWatch(parse.GetValue(spec)!);
            if (context.AsJson)
            {
                CliContext.WriteJson(watch);
            }
            else
            {
                context.Out.MarkupLine($"Watch {watch.Id}: {Markup.Escape(watch.Spec)} — documents ingested from now on are checked against it.");
            }

            return ExitCodes.Success;
        }));

        var list = new Command("list", "The case's active watches: id, what is watched, who added it, when and why.");
        list.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var watches = session.Watches();
            if (context.AsJson)
            {
                CliContext.WriteJson(new { watches });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "watch", "added by", "added (UTC)", "reason");
            foreach (var watch in watches)
            {
                table.AddRow(watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(watch.Spec), Markup.Escape(watch.AddedBy),
                    watch.AddedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(watch.Reason ?? string.Empty));
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        }));

        var id = new Argument<long>("id") { Description = "The watch's id, as 'lantern watch list' prints it" };
        var remove = new Command("remove", "Stop a watch; the alerts it raised stay. Example: lantern watch remove 3") { id };
        remove.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var watch = session.RemoveWatch(parse.GetValue(id));
            if (context.AsJson)
            {
                CliContext.WriteJson(watch);
            }
            else
            {
                context.Out.MarkupLine($"Watch {watch.Id} ({Markup.Escape(watch.Spec)}) removed; its alerts stay.");
            }

            return ExitCodes.Success;
        }));

        return new Command("watch", "Watchlists: selectors, handles and queries that every later ingest checks its new documents against (see 'lantern alerts').")
        {
            add, list, remove,
        };
    }
}
