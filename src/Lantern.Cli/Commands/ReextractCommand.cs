using System.CommandLine;
using Lantern.Cases;
using Lantern.Extraction;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ReextractCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Extract every document again, not only those extracted by an older extractor" };
        var command = new Command("reextract", $"Extract selectors again with this Lantern's extractor (version {SelectorExtractor.Version}), replacing stored mentions. " +
            "Ingest does this by itself for documents an older extractor read; use --all after changing the case's phone region.")
        {
            all,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var count = context.Out.Status().Start("Extracting…", status =>
                session.Reextract(parse.GetValue(all), done => status.Status($"Extracting… {done:N0} documents"), context.Cancellation));
            if (context.AsJson)
            {
                CliContext.WriteJson(new { documents = count, extractor_version = SelectorExtractor.Version });
            }
            else
            {
                context.Out.MarkupLine(count == 0 ? "Every document is already extracted by the current extractor." : $"Extracted [bold]{count:N0}[/] documents again.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
