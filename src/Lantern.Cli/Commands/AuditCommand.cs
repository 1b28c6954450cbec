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
                from = RecordFields.TryParseDate(sinceText, out var parsed) ? parsed : throw new BadInputException($"--since '{sinceText}' is not a date");
            }

            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var entries = new CaseAdministration(context.OpenSession(workspace)).AuditEntries(parse.GetValue(user), parse.GetValue(action), from);
            if (context.AsJson)
            {
                var open = CaseAdministration.Unfinished(entries);
                CliContext.WriteJson(new { entries = entries.Select(entry => new AuditEntryJson(entry, open.Contains(entry.Seq))) });
                return ExitCodes.Success;
            }

            var unfinished = CaseAdministration.Unfinished(entries);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "time (UTC)", "user", "role", "action", "parameters", "results", "justification", "outcome");
            foreach (var entry in entries)
            {
                table.AddRow(entry.Seq.ToString(), entry.At.ToString("yyyy-MM-dd HH:mm:ss"), Markup.Escape(entry.Who), entry.Role, entry.Action,
                    Markup.Escape(entry.Parameters.Length > 80 ? entry.Parameters[..77] + "…" : entry.Parameters), entry.ResultCount?.ToString() ?? "",
                    Markup.Escape(entry.Justification ?? ""), Outcome(entry, unfinished.Contains(entry.Seq)));
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        }));

        var expect = new Option<string?>("--expect-head") { Description = "A head hash recorded earlier (lantern audit head): it must still be in the chain" };
        var checkpointFile = new Option<string?>("--checkpoint") { Description = "A checkpoint file written earlier by 'lantern audit checkpoint': the trail must still hold its entry, unaltered" };
        var verify = new Command("verify", "Recompute the audit chain and name the first entry that was changed, removed, inserted or reordered; with the case's audit key " +
            $"(${Storage.Workspace.AuditKeyVariable}, else your own key file) also a rewritten or forged entry. A removed tail is found against audit-head, --expect-head and --checkpoint; " +
            "a missing or damaged audit-head is a failure. The verification is audited, and the head reported is the one its entry leaves. Exit code 1 when the trail is broken.")
        {
            expect, checkpointFile,
        };
        verify.SetAction(parse => CliContext.Run(parse, context =>
        {
            var checkpoint = parse.GetValue(checkpointFile) is { } path ? AuditCheckpoint.Read(path) : null;
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var result = new CaseAdministration(context.OpenSession(workspace)).VerifyAudit(parse.GetValue(expect), checkpoint);
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    intact = result.Intact,
                    entries = result.Entries,
                    head = result.HeadHash,
                    head_entry = result.HeadEntry,
                    first_bad_entry = result.FirstBadSeq,
                    problem = result.Problem,
                    signatures_checked = result.SignaturesChecked,
                    notice = result.Notice,
                });
            }
            else if (result.Intact)
            {
                context.Out.MarkupLine($"[green]The audit trail is intact:[/] {result.Entries:N0} entries{(result.SignaturesChecked ? ", all signatures valid" : string.Empty)}. " +
                    $"Head: entry {result.HeadEntry} (this verification) {result.HeadHash}");
            }
            else
            {
                context.Out.MarkupLine($"[red]The audit trail is broken at entry {result.FirstBadSeq}:[/] {Markup.Escape(result.Problem!)}");
            }

            if (result.Notice is { } notice)
            {
                context.Error.MarkupLine($"[yellow]note:[/] {Markup.Escape(notice)}");
            }

            return result.Intact ? ExitCodes.Success : ExitCodes.BadInput;
        }));

        var head = new Command("head", "Print the audit chain's head (entry number and hash) to record in an external case file, for a later 'audit verify --expect-head'. " +
            "The reading is audited first, so the head printed is the one its own entry leaves (what audit-head then holds).");
        head.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var (seq, hash) = new CaseAdministration(session).AuditHead();
            if (context.AsJson)
            {
                CliContext.WriteJson(new { entry = seq, hash });
            }
            else
            {
                Console.WriteLine($"{seq} {hash}");
            }

            return ExitCodes.Success;
        }, header: false));

        var output = new Option<string>("--output", "-o") { Description = "Where to write the checkpoint: somewhere the workspace's users cannot change (another machine, the case file)", Required = true }.NamingAFile();
        var checkpointCommand = new Command("checkpoint", "Write a signed checkpoint of the audit trail (case, entry number, hash, time, signature with the case's audit key) to a file kept " +
            "outside the workspace; 'lantern audit verify --checkpoint FILE' later proves the trail still holds that entry unaltered, which no writer of the workspace can fake.\n" +
            "Example: lantern audit checkpoint -o /media/casefile/nightjar-2026-11-27.checkpoint")
        {
            output,
        };
        checkpointCommand.SetAction(parse => CliContext.Run(parse, context =>
        {
            var destination = Path.GetFullPath(parse.GetValue(output)!);
            if (Path.GetDirectoryName(destination) is { } folder && !Directory.Exists(folder))
            {
                return context.Fail($"-o {parse.GetValue(output)}: the folder {folder} does not exist");
            }

            using var workspace = context.OpenWorkspace();
            var checkpoint = new CaseAdministration(context.OpenSession(workspace)).AuditCheckpoint(destination);
            File.WriteAllText(destination, checkpoint.ToJson());
            if (context.AsJson)
            {
                CliContext.WriteJson(new { file = destination, checkpoint.Case, checkpoint.Entry, checkpoint.Hash, checkpoint.At, signed = checkpoint.Signature is not null });
            }
            else
            {
                context.Out.MarkupLine($"Checkpoint of entry {checkpoint.Entry} ({checkpoint.Hash[..16]}…) written to [bold]{Markup.Escape(destination)}[/]" +
                    (checkpoint.Signature is null ? " [yellow]unsigned: no audit key for this case[/]" : string.Empty));
            }

            return ExitCodes.Success;
        }));

        return new Command("audit", "The case's tamper-evident audit trail: every ingest, search, view, selector look-up, membership change and audit reading — " +
            "refused, failed and aborted ones too — hash-chained and signed with the case's audit key held outside the workspace.")
        {
            show, verify, head, checkpointCommand,
        };
    }

    /// <summary>A "started" entry no later entry closes: the process was killed, or still runs.</summary>
    private static string Outcome(AuditEntry entry, bool unfinished) => entry.Outcome switch
    {
        "denied" or "failed" => $"[red]{entry.Outcome}[/]",
        "aborted" => "[yellow]aborted[/]",
        "started" when unfinished => "[yellow]started, never finished (killed, or still running)[/]",
        _ => Markup.Escape(entry.Outcome),
    };

    /// <summary>An entry as <c>audit show --json</c> writes it: its fields, who acted as a person reads it, and whether a started action never finished.</summary>
    private sealed class AuditEntryJson(AuditEntry entry, bool unfinished)
    {
        public long Seq => entry.Seq;

        public DateTimeOffset At => entry.At;

        public string User => entry.User;

        public string? Operator => entry.Operator;

        public string Who => entry.Who;

        public string Role => entry.Role;

        public string Action => entry.Action;

        public string Parameters => entry.Parameters;

        public long? ResultCount => entry.ResultCount;

        public string? Justification => entry.Justification;

        public string Outcome => entry.Outcome;

        public string PrevHash => entry.PrevHash;

        public string Hash => entry.Hash;

        public string? Signature => entry.Signature;

        public bool Unfinished => unfinished;
    }
}
