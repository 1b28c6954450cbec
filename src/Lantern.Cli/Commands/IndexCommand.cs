using System.CommandLine;
using Lantern.Cases;
using Lantern.Search;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class IndexCommand
{
    public static Command Create()
    {
        var check = new Command("check", "Read every part of the search index and compare it with the database: says whether it is healthy, " +
            "how many documents it holds and how many stored ones are not searchable yet. Exit code 1 when it is damaged.");
        check.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var result = session.CheckIndex();
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    healthy = result.Healthy,
                    indexed_documents = result.IndexedDocuments,
                    stored_documents = result.StoredDocuments,
                    not_yet_searchable = result.NotYetSearchable,
                    problem = result.Problem,
                });
            }
            else if (result.Healthy)
            {
                context.Out.MarkupLine($"[green]healthy:[/] {result.IndexedDocuments:N0} documents searchable of {result.StoredDocuments:N0} stored" +
                    (result.NotYetSearchable > 0 ? $" ({result.NotYetSearchable:N0} not indexed yet)" : string.Empty));
            }
            else
            {
                context.Out.MarkupLine($"[red]damaged:[/] {Markup.Escape(result.Problem!)}");
            }

            return result.Healthy ? ExitCodes.Success : ExitCodes.BadInput;
        }));

        var rebuild = new Command("rebuild", "Build the search index again from the database (after 'index check' found it damaged, or files under index/ were lost). " +
            "Writes the case: waits for or refuses another writer (see --wait). Searches go on meanwhile and see the new index when it is committed.");
        rebuild.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var count = context.Out.Status().Start("Rebuilding the index…", status =>
                session.RebuildIndex(done => status.Status($"Rebuilding the index… {done:N0} documents")));
            if (context.AsJson)
            {
                CliContext.WriteJson(new { documents = count });
            }
            else
            {
                context.Out.MarkupLine($"Rebuilt the index: [bold]{count:N0}[/] documents searchable.");
            }

            return ExitCodes.Success;
        }));

        return new Command("index", "The search index: check it against the database, rebuild it from the database.") { check, rebuild };
    }
}
