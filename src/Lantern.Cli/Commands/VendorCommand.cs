using System.CommandLine;
using System.Globalization;
using Lantern.Model;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class VendorCommand
{
    public static Command Create()
    {
        var handle = new Argument<string>("handle") { Description = "The vendor's handle, site/author (e.g. agora/GreenDragon)" };
        var csv = new Option<string?>("--csv") { Description = "Write the profile's tables as CSV beside this path (NAME-drugs.csv, -routes, -prices, -aliases, -documents), watermarked; an export: needs --reason" }.NamingAFile();
        var command = new Command("vendor", "A vendor's profile from its listings' facts: the drugs it sells (with class and how many listings), its routes (ships from → to), " +
            "unit prices per drug (min/median/max per g, ml or unit, per currency — never converted), its sites and alias clusters (confirmed or suggested, as " +
            "'lantern aliases' reports them), first and last seen (posted, else collected) and its documents. A listing collected in several versions counts once.\n" +
            "With --json: {handle:{site,author}, listings, first_seen, last_seen, seen_by, drugs:[{drug,class,listings}], routes:[{from,to,listings}], " +
            "prices:[{drug,per,currency,n,min,median,max,p25,p75}], sites, aliases:[{handle,cluster,score,strength,status}], documents:[{doc,site,source_id,title,posted_at,collected_at,drugs}]}.\n" +
            "Examples: lantern vendor agora/GreenDragon · lantern vendor agora/GreenDragon --json · lantern vendor agora/GreenDragon --csv gd.csv --reason \"briefing\"")
        {
            handle, csv,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            if (parse.GetValue(csv) is { } output)
            {
                var destination = TradeCsv.Destination(output);
                return TradeCsv.Write(context, session.ExportVendor(parse.GetValue(handle)!, destination), destination);
            }

            var profile = session.Vendor(parse.GetValue(handle)!);
            if (context.AsJson)
            {
                CliContext.WriteJson(profile);
                return ExitCodes.Success;
            }

            Print(context.Out, profile);
            return ExitCodes.Success;
        }, warnIfStale: true));
        return command;
    }

    private static void Print(IAnsiConsole console, VendorProfile profile)
    {
        console.MarkupLine($"[bold]{Markup.Escape(profile.Handle.ToString())}[/] · {profile.Listings:N0} listings in {profile.Documents.Count:N0} documents · " +
            $"first seen {Day(profile.FirstSeen)}, last seen {Day(profile.LastSeen)} ({Markup.Escape(profile.SeenBy)})");
        console.MarkupLine($"sites: {Markup.Escape(string.Join(", ", profile.Sites))}");
        console.WriteLine();
        console.MarkupLine("[bold]aliases[/]");
        if (profile.Aliases.Count == 0)
        {
            console.MarkupLine("  none found");
        }

        foreach (var alias in profile.Aliases)
        {
            console.MarkupLine($"  {Markup.Escape(alias.Handle.ToString())} · {alias.Status} ({alias.Strength}, score {alias.Score:0.00}, cluster {Markup.Escape(alias.Cluster)})");
        }

        console.WriteLine();
        console.MarkupLine("[bold]drugs[/]");
        Table(console, ["drug", "class", "listings"], profile.Drugs.Select(drug => new[] { drug.Drug, drug.Class, Number(drug.Listings) }));
        console.MarkupLine("[bold]routes[/]");
        Table(console, ["from", "to", "listings"], profile.Routes.Select(route => new[] { route.From ?? "?", route.To ?? "?", Number(route.Listings) }));
        console.MarkupLine("[bold]unit prices[/] (per currency, not converted)");
        Table(console, ["drug", "per", "currency", "n", "min", "median", "max"], profile.Prices.Select(price => new[]
        {
            price.Drug, price.Per, price.Currency, Number(price.N), Price(price.Min), Price(price.Median), Price(price.Max),
        }));
        console.MarkupLine("[bold]documents[/]");
        Table(console, ["doc", "site", "source id", "posted", "collected", "drugs", "title"], profile.Documents.Select(document => new[]
        {
            document.Doc, document.Site, document.SourceId ?? string.Empty, Day(document.PostedAt), Day(document.CollectedAt), string.Join(", ", document.Drugs),
            document.Title ?? string.Empty,
        }));
    }

    internal static void Table(IAnsiConsole console, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns(columns);
        var count = 0;
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
            count++;
        }

        if (count == 0)
        {
            console.MarkupLine("  none");
            return;
        }

        console.Write(table);
    }

    /// <summary>A price as a person reads it: cents for amounts of 1 or more, four significant digits below (0.0004 BTC); JSON and CSV keep every digit.</summary>
    internal static string Price(decimal value) =>
        Math.Abs(value) >= 1 || value == 0 ? value.ToString("0.##", CultureInfo.InvariantCulture)
            : Math.Round(value, Math.Min(27, 3 - (int)Math.Floor(Math.Log10((double)Math.Abs(value))))).ToString("0.###########################", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
