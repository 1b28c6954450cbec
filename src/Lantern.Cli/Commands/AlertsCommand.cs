using System.CommandLine;
using System.Globalization;
using Lantern.Ingest;
using Spectre.Console;

namespace Lantern.Cli.Commands;

/// <summary><c>lantern alerts [--since] [--all]</c> and <c>lantern alerts ack ID…|--all</c>.</summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only alerts raised at or after this date or time (ISO 8601, UTC)" };
        var all = new Option<bool>("--all") { Description = "Also the alerts you have acknowledged" };
        var command = new Command("alerts", "The alerts the case's watches raised when new material was ingested, newest first: each names its watch and every matching " +
            "document (doc, site, source_id). Unread (not acknowledged by you) only, unless --all.\n" +
            "Examples: lantern alerts · lantern alerts --since 2026-11-01 --all --json · lantern alerts ack 4 · lantern alerts ack --all")
        {
            since, all,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                from = RecordFields.TryParseDate(sinceText, out var parsed) ? parsed : throw new BadInputException($"--since '{sinceText}' is not a date or time (ISO 8601)");
            }

            var list = session.Alerts(from, parse.GetValue(all));
            if (context.AsJson)
            {
                CliContext.WriteJson(list);
                return ExitCodes.Success;
            }

            foreach (var alert in list.Alerts)
            {
                var state = alert.Acknowledged is { } ack ? $"[grey]acknowledged by {Markup.Escape(ack.By)} {ack.At:yyyy-MM-dd HH:mm}[/]" : "[yellow]unread[/]";
                context.Out.MarkupLine($"[bold]alert {alert.Id}[/] · watch {alert.Watch.Id} [bold]{Markup.Escape(alert.Watch.Spec)}[/] · " +
                    $"{alert.Documents.Count:N0} {(alert.Documents.Count == 1 ? "document" : "documents")} · raised {alert.RaisedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} " +
                    $"by {Markup.Escape(alert.RaisedBy)}'s ingest · {state}");
                var table = new Table().Border(TableBorder.Simple).AddColumns("doc", "site", "source_id", "author", "title");
                foreach (var document in alert.Documents)
                {
                    table.AddRow(Markup.Escape(document.Doc), Markup.Escape(document.Site), Markup.Escape(document.SourceId ?? string.Empty), Markup.Escape(document.Author ?? string.Empty),
                        Markup.Escape(document.Title ?? string.Empty));
                }

                context.Out.Write(table);
            }

            context.Out.MarkupLine(list.Alerts.Count == 0
                ? $"No {(parse.GetValue(all) ? string.Empty : "unread ")}alerts."
                : $"{list.Unread:N0} unread. Acknowledge with [bold]lantern alerts ack ID[/] or [bold]lantern alerts ack --all[/].");
            return ExitCodes.Success;
        }));

        var ids = new Argument<long[]>("id") { Description = "The alerts' ids, as 'lantern alerts' prints them", Arity = ArgumentArity.ZeroOrMore };
        var ackAll = new Option<bool>("--all") { Description = "Every alert you have not acknowledged" };
        var ack = new Command("ack", "Acknowledge alerts as read, for you (each member acknowledges their own); who and when is recorded. " +
            "Examples: lantern alerts ack 4 5 · lantern alerts ack --all")
        {
            ids, ackAll,
        };
        ack.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var chosen = parse.GetValue(ids) ?? [];
            if (chosen.Length == 0 == !parse.GetValue(ackAll))
            {
                return context.Fail("name the alerts to acknowledge (lantern alerts ack 4 5) or give --all, not both");
            }

            var acknowledged = session.AcknowledgeAlerts(parse.GetValue(ackAll) ? null : chosen);
            if (context.AsJson)
            {
                CliContext.WriteJson(new { acknowledged });
            }
            else
            {
                context.Out.MarkupLine($"{acknowledged.Count:N0} {(acknowledged.Count == 1 ? "alert" : "alerts")} acknowledged.");
            }

            return ExitCodes.Success;
        }));
        command.Add(ack);
        return command;
    }
}
