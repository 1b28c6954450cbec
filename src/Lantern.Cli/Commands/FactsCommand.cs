using System.CommandLine;
using Lantern.Model;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class FactsCommand
{
    public static Command Create()
    {
        var site = new Option<string?>("--site") { Description = "Only documents of this site (as search prints it, any case)" };
        var drug = new Option<string?>("--drug") { Description = "Only documents offering this drug: its INN or common name (alprazolam, mdma, cannabis), or a brand or street name a listing would use (Xanax → alprazolam)" };
        var command = new Command("facts", "List what the case's listings sell: per document the drugs (lower-case INN or common name, class), strength, form, quantity, " +
            "price and unit price, ships from/to (ISO 3166-1 alpha-2, EU, WW) and counterfeit or illicit-medicine indicators — read at ingest from titles, texts and " +
            "mapped columns (ingest --map ships_from=COL, ships_to, price, category). See docs/facts.md.\n" +
            "With --json, one object a line per document: {doc, site, source_id, items:[{drug, class, strength, form, quantity, start, end, field, raw}], " +
            "price, unit_price, ships_from, ships_to, ships_to_except, routes, terms, indicators:[{kind, raw, start, end, field}]}.\n" +
            "Search the same facts with drug:, class:, ships_from:, ships_to:, indicator:, price_per_g:[a TO b], price_per_unit:[a TO b].\n" +
            "Examples: lantern facts · lantern facts --drug Xanax · lantern facts --site agora --json > facts.jsonl")
        {
            site, drug,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var documents = session.Facts(parse.GetValue(site), parse.GetValue(drug));
            if (context.AsJson)
            {
                foreach (var document in documents)
                {
                    CliContext.WriteJson(document);
                }

                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("doc", "site", "drug", "class", "strength", "form", "quantity", "price", "from → to", "indicators");
            foreach (var document in documents)
            {
                var (doc, siteName, price, route, indicators) = (document.Doc, Markup.Escape(document.Site), Markup.Escape(Price(document)), Markup.Escape(Route(document)),
                    Markup.Escape(string.Join(", ", document.Indicators.Select(indicator => indicator.Kind).Distinct(StringComparer.Ordinal))));
                if (document.Items.Count == 0)
                {
                    table.AddRow(doc, siteName, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, price, route, indicators);
                }

                foreach (var item in document.Items)
                {
                    table.AddRow(doc, siteName, Markup.Escape(item.Drug), item.Class, Amount(item.Strength), item.Form, Amount(item.Quantity), price, route, indicators);
                    doc = siteName = price = route = indicators = string.Empty;
                }
            }

            context.Out.Write(table);
            context.Out.MarkupLine($"{documents.Count:N0} documents with facts");
            return ExitCodes.Success;
        }, warnIfStale: true));
        return command;
    }

    private static string Amount(FactAmount? amount) => amount is null ? string.Empty : $"{amount.Value} {amount.Unit}";

    private static string Price(DocumentFacts document) =>
        document.Price is null ? string.Empty
            : $"{document.Price.Amount} {document.Price.Currency}" + (document.UnitPrice is { } unit ? $" ({unit.Amount}/{unit.Per})" : string.Empty);

    private static string Route(DocumentFacts document) =>
        document.ShipsFrom.Count + document.ShipsTo.Count + document.ShipsToExcept.Count == 0 ? string.Empty
            : $"{string.Join(",", document.ShipsFrom)} → {string.Join(",", document.ShipsTo)}"
                + (document.ShipsToExcept.Count > 0 ? " except " + string.Join(",", document.ShipsToExcept) : string.Empty);
}
