using System.CommandLine;
using Lantern.Cases;
using Lantern.Storage;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class InitCommand
{
    public static Command Create()
    {
        var caseId = new Option<string>("--case") { Description = "Case identifier, e.g. OP-NIGHTJAR-2026", Required = true };
        var title = new Option<string>("--title") { Description = "Case title, e.g. \"Operation Nightjar\"", Required = true };
        var basis = new Option<string>("--legal-basis") { Description = "The authority the case is worked under, e.g. a court order reference or statutory power", Required = true };
        var purpose = new Option<string?>("--purpose") { Description = "What the investigation is for" };
        var retention = new Option<int?>("--retention-days") { Description = "Days material may be kept after ingest before 'lantern retention apply' removes it" };
        var region = new Option<string?>("--region") { Description = "Default phone region (ISO 3166 two-letter code, e.g. NL) for national-format numbers" };
        var requireReason = new Option<bool>("--require-reason-for-lookups") { Description = "Selector look-ups (btc:…, lantern selectors) need --reason, stored in the audit trail" };
        var shareGroup = new Option<bool>("--share-group")
        {
            Description = "Let the workspace folder's group read and write the case (files 0660, folders 2770). Without it only your account can (0600/0700). " +
                "Give the folder the team's group first (chgrp), and hand the audit key to the team through LANTERN_AUDIT_KEY",
        };
        var command = new Command("init", "Create a case workspace: lantern.db and the search index, with the case's legal basis.\n" +
            "Example: lantern init -w ./nightjar --case OP-NIGHTJAR --title \"Operation Nightjar\" --legal-basis \"Court order 2026/117\" --region NL")
        {
            caseId, title, basis, purpose, retention, region, requireReason, shareGroup,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var regionValue = parse.GetValue(region);
            if (regionValue is not null && (regionValue.Length != 2 || !regionValue.All(char.IsAsciiLetter)))
            {
                return context.Fail($"--region '{regionValue}' is not a two-letter country code such as NL or GB");
            }

            if (parse.GetValue(retention) is <= 0)
            {
                return context.Fail("--retention-days must be a positive number of days");
            }

            if (context.RequestedUser is { } requested)
            {
                return context.Fail($"a case is created by the account that runs 'lantern init' ({context.OsUser}), which becomes its admin; " +
                    $"run it without --user {requested}, then add {requested} with 'lantern members add'", ExitCodes.Denied);
            }

            var info = new CaseInfo(parse.GetValue(caseId)!, parse.GetValue(title)!, parse.GetValue(basis)!, parse.GetValue(purpose),
                parse.GetValue(retention), regionValue?.ToUpperInvariant(), DateTimeOffset.UtcNow, context.OsUser)
            {
                RequireReasonForLookups = parse.GetValue(requireReason),
            };
            using var workspace = CaseAdministration.CreateCase(context.WorkspaceDirectory, info, parse.GetValue(shareGroup), context.Reason);
            if (context.AsJson)
            {
                CliContext.WriteJson(new { workspace = workspace.Root, @case = workspace.Case });
            }
            else
            {
                context.WriteCaseHeader(workspace);
                context.Out.MarkupLine($"Created workspace [bold]{Markup.Escape(workspace.Root)}[/] ({(workspace.SharedWithGroup ? "shared with its group" : "readable by your account only")}). Next: [bold]lantern ingest PATH[/]");
                context.Out.MarkupLine($"[grey]The audit trail is signed with the key in {Markup.Escape(workspace.AuditKeyPath)}: keep it, and keep it out of the workspace.[/]");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
