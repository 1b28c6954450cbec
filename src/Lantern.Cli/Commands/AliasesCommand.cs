using System.CommandLine;
using Lantern.Cases;
using Lantern.Graph;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class AliasesCommand
{
    public static Command Create()
    {
        var minScore = new Option<double>("--min-score") { Description = "Only clusters scoring at least this (strong evidence ≥ 0.8; suggestions 0.2–1, the chance the link is right; impostor flags 0.05)", DefaultValueFactory = _ => 0.0 };
        var hub = new Option<int>("--hub-threshold") { Description = "A selector advertised as their own by this many handles or more is a hub (a market's support address) and links nothing", DefaultValueFactory = _ => AliasResolver.DefaultHubThreshold };
        var command = new Command("aliases", "Handles believed to be one actor, with the evidence: the same PGP key, wallet, e-mail, phone or messenger ID advertised by each as its own " +
            "(strong); similar names, shared rare closing lines, near-duplicate wording and similar writing (suggestions only, shown from a score of 0.2). Quotes in others' reviews and hub selectors link nothing; " +
            "same-named handles with different PGP keys are flagged as possible impostors. Every cluster stays 'suggested' until a supervisor decides. " +
            "Relays — channels and accounts that repost several vendors' keys, wallets and contacts — own nothing and bridge no one: they are listed last with the identities they carry " +
            "(JSON: \"relays\", each with handle, kind, reason and carries).\n" +
            "Examples: lantern aliases · lantern aliases --min-score 0.8 --json")
        {
            minScore, hub,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var clusters = session.Aliases(parse.GetValue(minScore), Math.Max(2, parse.GetValue(hub)));
            var relays = session.Relays(Math.Max(2, parse.GetValue(hub)));
            if (context.AsJson)
            {
                CliContext.WriteJson(new { clusters, relays });
                return ExitCodes.Success;
            }

            context.Out.MarkupLine($"{clusters.Count(cluster => cluster.Strong):N0} clusters on strong evidence, {clusters.Count(cluster => !cluster.Strong && cluster.Status != "conflict"):N0} suggestions, " +
                $"{clusters.Count(cluster => cluster.Status == "conflict"):N0} possible impostors");
            foreach (var cluster in clusters)
            {
                var colour = cluster.Status == "conflict" ? "red" : cluster.Strong ? "green" : "yellow";
                context.Out.WriteLine();
                var decided = cluster.DecidedBy is null ? string.Empty : $" by {Markup.Escape(cluster.DecidedBy)} ({Markup.Escape(cluster.DecisionReason ?? string.Empty)})";
                context.Out.MarkupLine($"[bold {colour}]{cluster.Id}[/] score {cluster.Score:0.00} · {cluster.Status}{decided} · {Markup.Escape(string.Join("  ", cluster.Members))}");
                foreach (var item in cluster.Evidence)
                {
                    var docs = item.Docs.Count > 0 ? $" [grey]({item.Docs.Count} docs: {string.Join(", ", item.Docs.Take(3))}{(item.Docs.Count > 3 ? ", …" : string.Empty)})[/]" : string.Empty;
                    context.Out.MarkupLine($"  {item.Rule}: {Markup.Escape(item.Type)} {Markup.Escape(item.Value.Length > 70 ? item.Value[..67] + "…" : item.Value)}{docs}");
                }
            }

            foreach (var relay in relays)
            {
                context.Out.WriteLine();
                context.Out.MarkupLine($"[bold blue]relay[/] {Markup.Escape(relay.Account)} · {Markup.Escape(relay.Reason)} · carries {relay.Carries.Count} identities (evidence about each, owner of none)");
                foreach (var identity in relay.Carries)
                {
                    var docs = identity.Evidence.SelectMany(item => item.Docs).Distinct().ToList();
                    context.Out.MarkupLine($"  {(identity.ClusterId is null ? string.Empty : identity.ClusterId + " ")}{Markup.Escape(string.Join("  ", identity.Members))}: " +
                        $"{Markup.Escape(string.Join(", ", identity.Evidence.Select(item => item.Type).Distinct()))} [grey]({docs.Count} docs: {string.Join(", ", docs.Take(3))}{(docs.Count > 3 ? ", …" : string.Empty)})[/]");
                }
            }

            return ExitCodes.Success;
        }, warnIfStale: true));
        return command;
    }
}
