using System.CommandLine;
using Lantern.Cases;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class RetentionCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be removed" };
        var apply = new Command("apply", "Remove documents ingested longer ago than the case's retention period (supervisors, admins): from the database, " +
            "their selectors and the search index, with the freed space overwritten and compacted so their text cannot be read back. " +
            "Ids and SHA-256s of what was removed are kept, never the content.")
        {
            dryRun,
        };
        apply.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var result = new Retention(session).Apply(parse.GetValue(dryRun));
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    retention_days = result.RetentionDays,
                    cutoff = result.Cutoff,
                    dry_run = result.DryRun,
                    removed = result.Removed.Select(document => new { id = document.Id, content_sha256 = document.ContentSha256, source_sha256 = document.SourceSha256, ingested_at = document.IngestedAt }),
                });
                return ExitCodes.Success;
            }

            var verb = result.DryRun ? "would remove" : "removed";
            context.Out.MarkupLine($"Retention {result.RetentionDays} days (ingested before {result.Cutoff:yyyy-MM-dd HH:mm} UTC): {verb} [bold]{result.Removed.Count:N0}[/] documents.");
            foreach (var document in result.Removed.Take(20))
            {
                context.Out.MarkupLine($"  [grey]{document.Id}  sha256 {document.ContentSha256[..16]}…  ingested {document.IngestedAt:yyyy-MM-dd}[/]");
            }

            if (result.Removed.Count > 20)
            {
                context.Out.MarkupLine($"  [grey]… and {result.Removed.Count - 20:N0} more (--json lists all)[/]");
            }

            return ExitCodes.Success;
        }));
        return new Command("retention", "Enforce the case's retention period.") { apply };
    }
}
