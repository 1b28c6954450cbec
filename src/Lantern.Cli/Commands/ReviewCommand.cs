using System.CommandLine;
using Lantern.Cases;
using Lantern.Graph;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ReviewCommand
{
    public static Command Create()
    {
        var cluster = new Argument<string>("cluster-id") { Description = "The cluster's id, as 'lantern aliases' prints it (A-…)" };
        var decision = new Argument<string>("decision") { Description = "confirm or reject" };
        var command = new Command("review", "Decide a suggested alias cluster (supervisors only), with --reason. The decision is kept across re-ingests; " +
            "a rejected cluster is not suggested again; 'lantern aliases' shows the status and who decided.\n" +
            "Example: lantern review A-32cc8f3e4f confirm --reason \"same PGP key and wallet, checked 2026-11-26\"")
        {
            cluster, decision,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var result = session.Review(parse.GetValue(cluster)!, parse.GetValue(decision)!, context.Reason ?? string.Empty);
            if (context.AsJson)
            {
                CliContext.WriteJson(result);
            }
            else
            {
                context.Out.MarkupLine($"{Markup.Escape(result.ClusterId)} {result.Decision} by {Markup.Escape(result.DecidedBy)}: {Markup.Escape(string.Join("  ", result.Members))}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
