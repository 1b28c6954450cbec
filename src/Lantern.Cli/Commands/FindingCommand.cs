using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Lantern.Cli.Commands;

/// <summary><c>lantern finding add|list|remove</c>: what the case report is built from.</summary>
public static class FindingCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("finding") { Description = "doc:ID, cluster:ID (as 'lantern aliases' prints it), path:FROM..TO (handles or selectors) or facts:ID (a document's listing facts)" };
        var note = new Option<string>("--note") { Description = "What the finding shows, in a sentence for the reader of the report", Required = true };
        var add = new Command("add", "Mark a document, an alias cluster, a path or a document's listing facts as a finding for the case report ('lantern report'), with a note.\n" +
            "Examples: lantern finding add doc:267f5097244cab92 --note \"offers M30 with the wallet\" · lantern finding add cluster:A-32cc8f3e4f --note \"one vendor on two markets\" · " +
            "lantern finding add path:ironbridge/GreenDragon..btc:bc1q… --note \"pays the same wallet\"")
        {
            spec, note,
        };
        add.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var finding = session.AddFinding(parse.GetValue(spec)!, parse.GetValue(note)!);
            if (context.AsJson)
            {
                CliContext.WriteJson(finding);
            }
            else
            {
                context.Out.MarkupLine($"Finding {finding.Id}: {Markup.Escape(finding.Spec)} — {Markup.Escape(finding.Note)}");
            }

            return ExitCodes.Success;
        }));

        var list = new Command("list", "The findings marked for the case report, in order.");
        list.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var findings = session.Findings();
            if (context.AsJson)
            {
                CliContext.WriteJson(new { findings });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "finding", "note", "marked by", "when (UTC)");
            foreach (var finding in findings)
            {
                table.AddRow(finding.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(finding.Spec), Markup.Escape(finding.Note), Markup.Escape(finding.AddedBy),
                    finding.AddedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        }));

        var id = new Argument<long>("id") { Description = "The finding's id, as 'lantern finding list' prints it" };
        var remove = new Command("remove", "Take a finding out of the case report. Example: lantern finding remove 2") { id };
        remove.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var finding = session.RemoveFinding(parse.GetValue(id));
            if (context.AsJson)
            {
                CliContext.WriteJson(finding);
            }
            else
            {
                context.Out.MarkupLine($"Finding {finding.Id} ({Markup.Escape(finding.Spec)}) removed from the report.");
            }

            return ExitCodes.Success;
        }));

        return new Command("finding", "Findings: the documents, alias clusters, paths and listing facts the case report ('lantern report') is built from.") { add, list, remove };
    }
}
