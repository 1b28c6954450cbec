using System.CommandLine;
using Lantern.Cases;
using Lantern.Extraction;
using Lantern.Search;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("doc-id") { Description = "The document id, as search prints it" };
        var command = new Command("show", "Print a document with its provenance: source file, SHA-256, line or byte range, ingest time and user.\nExample: lantern show 3fa94c0e1b2d7a55")
        {
            id,
        };
        command.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var view = session.View(parse.GetValue(id)!);
            if (view is null)
            {
                return context.Fail($"no document with id '{parse.GetValue(id)}' in this case");
            }

            var (document, mentions) = (view.Document, view.Mentions);
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    document,
                    mentions,
                    rejected = view.Rejected,
                    versions = view.Versions,
                    facts = view.Facts,
                });
                return ExitCodes.Success;
            }

            var fields = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    fields.AddRow($"[grey]{name}[/]", Markup.Escape(value));
                }
            }

            Row("doc", document.Id);
            Row("site", document.Site);
            Row("source id", document.SourceId);
            Row("author", document.Author);
            Row("kind", document.Kind);
            Row("posted", document.PostedAt?.ToString("u"));
            Row("url", document.Url);
            Row("thread", document.Thread);
            Row("title", document.Title);
            if (document.Provenance is { } provenance)
            {
                Row("source file", provenance.SourcePath);
                Row("file SHA-256", provenance.SourceSha256);
                Row("record", (provenance.Record is { } record ? $"record {record}, " : string.Empty) + (provenance.Line is { } line ? $"line {line}, " : string.Empty) + $"bytes {provenance.ByteStart}–{provenance.ByteEnd}");
                Row("ingested", $"{provenance.IngestedAt:u} by {provenance.IngestedBy}");
            }

            Row("content SHA-256", document.ContentSha256);
            Row("repaired", document.Repairs);
            foreach (var (key, value) in document.Metadata ?? new Dictionary<string, string>())
            {
                Row(key, value);
            }

            context.Out.Write(fields);
            context.Out.WriteLine();
            if (view.Versions.Count > 1)
            {
                var versions = new Table().Border(TableBorder.Rounded).Title($"{view.Versions.Count} versions of this listing").AddColumns("doc", "posted", "ingested", "source", "changed");
                foreach (var version in view.Versions)
                {
                    versions.AddRow(
                        version.Doc == document.Id ? $"[bold]{version.Doc}[/] (this)" : version.Doc,
                        version.PostedAt?.ToString("u") ?? "undated",
                        version.IngestedAt.ToString("u"),
                        Markup.Escape(Path.GetFileName(version.SourcePath) + (version.Line is { } versionLine ? $", line {versionLine}" : string.Empty)),
                        Markup.Escape(version.Changed.Count == 0 ? "first seen" : string.Join(", ", version.Changed)));
                }

                context.Out.Write(versions);
                context.Out.WriteLine();
            }

            if (!view.Facts.IsEmpty)
            {
                context.Out.Write(FactsTable(view.Facts));
                context.Out.WriteLine();
            }

            context.Out.Write(new Panel(MarkSelectors(document.Text, mentions)).Header("text (selectors underlined)").Border(BoxBorder.Rounded));
            context.Out.WriteLine();
            if (mentions.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("type", "value", "as written", "offsets", "confidence", "rule");
                foreach (var mention in mentions)
                {
                    var raw = mention.Raw.ReplaceLineEndings(" ");
                    table.AddRow(mention.Type, Markup.Escape(mention.Value), Markup.Escape(raw.Length > 50 ? raw[..47] + "…" : raw) + (mention.Obfuscated ? " [yellow](obfuscated)[/]" : string.Empty),
                        $"{mention.Start}–{mention.End}", mention.Confidence.ToString("0.00"), mention.Rule);
                }

                context.Out.Write(table);
                context.Out.WriteLine();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The document's listing facts, one row a fact, each with where it was read.</summary>
    private static Table FactsTable(ListingFacts facts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("listing facts").AddColumns("fact", "value", "read from");
        static string Where(string field, int start, int end) => $"{field} {start}–{end}";
        foreach (var item in facts.Items)
        {
            var amounts = string.Join(" · ", new[] { Amount(item.Strength), item.Form, Amount(item.Quantity) }.Where(part => part.Length > 0));
            table.AddRow("item", Markup.Escape($"{item.Drug} ({item.Class}) {amounts} — “{item.Raw}”"), Where(item.Field, item.Start, item.End));
        }

        if (facts.Price is { } price)
        {
            table.AddRow("price", Markup.Escape($"{price.Amount} {price.Currency}" + (facts.UnitPrice is { } unit ? $" ({unit.Amount} {unit.Currency}/{unit.Per})" : string.Empty)),
                Where(price.Field, price.Start, price.End));
        }

        foreach (var route in facts.Routes)
        {
            table.AddRow($"ships {route.Direction}", Markup.Escape($"{route.Code} — “{route.Raw}”"), Where(route.Field, route.Start, route.End));
        }

        foreach (var term in facts.Terms)
        {
            table.AddRow("term", Markup.Escape($"{term.Kind} — “{term.Raw}”"), Where(term.Field, term.Start, term.End));
        }

        foreach (var indicator in facts.Indicators)
        {
            table.AddRow("[yellow]indicator[/]", Markup.Escape($"{indicator.Kind} — “{indicator.Raw}”"), Where(indicator.Field, indicator.Start, indicator.End));
        }

        return table;
    }

    private static string Amount(FactAmount? amount) => amount is null ? string.Empty : $"{amount.Value} {amount.Unit}";

    /// <summary>The text with each mention underlined and coloured; overlapping mentions keep the first.</summary>
    private static string MarkSelectors(string text, IReadOnlyList<Mention> mentions)
    {
        var builder = new System.Text.StringBuilder();
        var position = 0;
        foreach (var mention in mentions.OrderBy(mention => mention.Start))
        {
            if (mention.Start < position || mention.End > text.Length)
            {
                continue;
            }

            builder.Append(Markup.Escape(text[position..mention.Start]));
            builder.Append("[underline green]").Append(Markup.Escape(text[mention.Start..mention.End])).Append("[/]");
            position = mention.End;
        }

        builder.Append(Markup.Escape(text[position..]));
        return builder.ToString();
    }
}
