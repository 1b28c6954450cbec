using Lantern.Model;
using Spectre.Console;

namespace Lantern.Cli.Commands;

/// <summary>Writes a trade view's CSV tables beside a path, as NAME-TABLE.csv, as <c>lantern export csv</c> writes its node and link tables.</summary>
internal static class TradeCsv
{
    /// <summary>The folder of <paramref name="output"/>, which must exist: a mistyped path must not leave new folders behind.</summary>
    public static string Destination(string output)
    {
        var full = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(full)!;
        return Directory.Exists(folder) ? full : throw new BadInputException($"the folder {folder} does not exist; create it first, or write elsewhere with --csv");
    }

    public static int Write(CliContext context, IReadOnlyList<CsvTable> tables, string output)
    {
        var stem = Path.Combine(Path.GetDirectoryName(output)!, Path.GetFileNameWithoutExtension(output));
        var files = new List<string>();
        foreach (var table in tables)
        {
            var file = $"{stem}-{table.Name}.csv";
            File.WriteAllText(file, table.Content);
            files.Add(file);
        }

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
    }
}
