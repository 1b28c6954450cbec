using System.CommandLine;
using Lantern.Graph;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("format") { Description = "graphml, gexf, csv or json (Cytoscape.js)" };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (csv writes NAME-nodes.csv and NAME-links.csv beside it)", Required = true }.NamingAFile();
        var command = new Command("export", "Export the entity graph — handles, their selectors, alias and relationship links, each link with its evidence count and score — " +
            "for Gephi and yEd (graphml, gexf), i2 Analyst's Notebook and Maltego (csv) or Cytoscape.js (json). Needs --reason; " +
            "every file carries the case, legal basis, exporting user, time and the export's audit entry.\n" +
            "Example: lantern export graphml -o nightjar.graphml --reason \"briefing for prosecutor, 2026-11-27\"")
        {
            format, output,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var files = session.Export(parse.GetValue(format)!, parse.GetValue(output)!);
            if (context.AsJson)
            {
                CliContext.WriteJson(new { files });
            }
            else
            {
                foreach (var file in files)
                {
                    context.Out.MarkupLine($"Wrote [bold]{Markup.Escape(file)}[/]");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
