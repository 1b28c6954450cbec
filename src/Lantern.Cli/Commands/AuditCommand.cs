using System.CommandLine;
using Lantern.Cases;
using Lantern.Ingest;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class AuditCommand
{
    public static Command Create()
    {
        var user = new Option<string?>("--by") { Description = "Only entries of this user" };
        var action = new Option<string?>("--action") { Description = "Only this action (ingest, search, selector.lookup, view, selectors, members.add, audit.verify …)" };
        var since = new Option<string?>("--since") { Description = "Only entries at or after this date or time (ISO 8601)" };
        var show = new Command("show", "List the audit trail (auditors and supervisors): who did what, when, with which parameters and justification, and how many results.")
        {
            user, action, since,
        };
        show.SetAction(parse => CliContext.Run(parse, context =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                from = RecordFields.TryParseDate(sinceText, out var parsed) ? parsed : throw new ArgumentException($"--since '{sinceText}' is not a date");
            }

            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var entries = new CaseAdministration(context.OpenSession(workspace)).AuditEntries(parse.GetValue(user), parse.GetValue(action), from);
            if (context.AsJson)
            {
                context.WriteJson(new { entries });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "time (UTC)", "user", "role", "action", "parameters", "results", "justification", "outcome");
            foreach (var entry in entries)
            {
                table.AddRow(entry.Seq.ToString(), entry.At.ToString("yyyy-MM-dd HH:mm:ss"), Markup.Escape(entry.User), entry.Role, entry.Action,
                    Markup.Escape(entry.Parameters.Length > 80 ? entry.Parameters[..77] + "…" : entry.Parameters), entry.ResultCount?.ToString() ?? "",
                    Markup.Escape(entry.Justification ?? ""), entry.Outcome == "denied" ? "[red]denied[/]" : entry.Outcome);
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        }));

        var expect = new Option<string?>("--expect-head") { Description = "A head hash recorded earlier (lantern audit head): it must still be in the chain" };
        var verify = new Command("verify", "Recompute the audit chain and name the first entry that was changed, removed, inserted or reordered; " +
            "a removed tail is found against the recorded head and --expect-head. Exit code 1 when the chain is broken.")
        {
            expect,
        };
        verify.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var result = new CaseAdministration(context.OpenSession(workspace)).VerifyAudit(parse.GetValue(expect));
            if (context.AsJson)
            {
                context.WriteJson(new { intact = result.Intact, entries = result.Entries, head = result.HeadHash, first_bad_entry = result.FirstBadSeq, problem = result.Problem });
            }
            else if (result.Intact)
            {
                context.Out.MarkupLine($"[green]The audit trail is intact:[/] {result.Entries:N0} entries, head {result.HeadHash}");
            }
            else
            {
                context.Out.MarkupLine($"[red]The audit trail is broken at entry {result.FirstBadSeq}:[/] {Markup.Escape(result.Problem!)}");
            }

            return result.Intact ? ExitCodes.Success : ExitCodes.BadInput;
        }));

        var head = new Command("head", "Print the audit chain's head (last entry and its hash) to record in an external case file, for a later 'audit verify --expect-head'.");
        head.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var workspace = context.OpenWorkspace();
            var log = new AuditLog(workspace);
            var last = log.Entries().LastOrDefault();
            if (context.AsJson)
            {
                context.WriteJson(new { entry = last?.Seq ?? 0, hash = last?.Hash ?? AuditLog.Genesis });
            }
            else
            {
                Console.WriteLine($"{last?.Seq ?? 0} {last?.Hash ?? AuditLog.Genesis}");
            }

            return ExitCodes.Success;
        }));

        return new Command("audit", "The case's tamper-evident audit trail: every ingest, search, view, selector look-up, membership change and audit reading, hash-chained.")
        {
            show, verify, head,
        };
    }
}
