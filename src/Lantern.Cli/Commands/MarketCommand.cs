using System.CommandLine;
using System.Globalization;
using Lantern.Ingest;
using Lantern.Model;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class MarketCommand
{
    public static Command Create()
    {
        var drug = new Option<string?>("--drug") { Description = "Only listings offering this drug: its INN or common name, or a brand or street name (Xanax → alprazolam)" };
        var from = new Option<string?>("--from") { Description = "Only listings shipping from this country: ISO 3166-1 alpha-2 code (US, NL), EU, or a country's name" };
        var to = new Option<string?>("--to") { Description = "Only listings shipping to this country (also those shipping worldwide that do not except it)" };
        var site = new Option<string?>("--site") { Description = "Only listings of this site (any case)" };
        var since = new Option<string?>("--since") { Description = "Only listings posted (else collected) at or after this date" };
        var until = new Option<string?>("--until") { Description = "Only listings posted (else collected) at or before this date (a date alone includes its whole day)" };
        var csv = new Option<string?>("--csv") { Description = "Write the tables as CSV beside this path (NAME-routes.csv, NAME-prices.csv), watermarked; an export: needs --reason" }.NamingAFile();
        var command = new Command("market", "The trade in the case's listings: routes — origin → destination by drug, with how many listings and vendors — and unit prices — " +
            "median and interquartile range (p25, p75; linear interpolation, type 7) per g, ml or unit by drug, origin and month, with n. Prices stay in their " +
            "own currency (never converted); a listing collected in several versions counts once (once a month for prices, its latest price).\n" +
            "With --json: {filter, listings, vendors, routes:[{drug,from,to,listings,vendors}], prices:[{drug,from,month,per,currency,n,median,p25,p75,min,max}]}.\n" +
            "Examples: lantern market · lantern market --drug Xanax --to GB · lantern market --from NL --since 2025-01-01 --json · lantern market --csv market.csv --reason \"briefing\"")
        {
            drug, from, to, site, since, until, csv,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var filter = new MarketFilter(parse.GetValue(drug), parse.GetValue(from), parse.GetValue(to), parse.GetValue(site),
                Date(parse.GetValue(since), "--since", endOfDay: false), Date(parse.GetValue(until), "--until", endOfDay: true));
            if (parse.GetValue(csv) is { } output)
            {
                var destination = TradeCsv.Destination(output);
                return TradeCsv.Write(context, session.ExportMarket(filter, destination), destination);
            }

            var report = session.Market(filter);
            if (context.AsJson)
            {
                CliContext.WriteJson(report);
                return ExitCodes.Success;
            }

            context.Out.MarkupLine($"{report.Listings:N0} listings by {report.Vendors:N0} vendors");
            context.Out.WriteLine();
            context.Out.MarkupLine("[bold]routes[/] (origin → destination by drug)");
            VendorCommand.Table(context.Out, ["drug", "from", "to", "listings", "vendors"], report.Routes.Select(route => new[]
            {
                route.Drug, route.From ?? "?", route.To ?? "?", route.Listings.ToString("N0", CultureInfo.InvariantCulture), route.Vendors.ToString("N0", CultureInfo.InvariantCulture),
            }));
            context.Out.MarkupLine("[bold]unit prices[/] by drug, origin and month (per currency, not converted)");
            VendorCommand.Table(context.Out, ["drug", "from", "month", "per", "currency", "n", "median", "p25", "p75"], report.Prices.Select(price => new[]
            {
                price.Drug, price.From ?? "?", price.Month, price.Per, price.Currency, price.N.ToString("N0", CultureInfo.InvariantCulture),
                VendorCommand.Price(price.Median), VendorCommand.Price(price.P25), VendorCommand.Price(price.P75),
            }));
            return ExitCodes.Success;
        }, warnIfStale: true));
        return command;
    }

    private static DateTimeOffset? Date(string? text, string option, bool endOfDay)
    {
        if (text is null)
        {
            return null;
        }

        if (!RecordFields.TryParseDate(text, out var date))
        {
            throw new BadInputException($"{option} '{text}' is not a date (write 2025-06-30 or 2025-06-30T12:00:00Z)");
        }

        return endOfDay && date.TimeOfDay == TimeSpan.Zero && text.Trim().Length <= 10 ? date.AddDays(1).AddTicks(-1) : date;
    }
}
