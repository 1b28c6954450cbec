using System.CommandLine;
using Lantern.Cases;
using Lantern.Search;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query")
        {
            Description = "Lucene query: words (AND by default), OR, NOT, \"phrases\", \"near words\"~5, fuzzy~, wild*, " +
                "fields site: author: title: text: kind:, dates posted_at:[2024-01-01 TO 2024-06-30]",
        };
        var limit = new Option<int>("--limit", "-n") { Description = "How many hits to show", DefaultValueFactory = _ => 10 };
        var expand = new Option<bool>("--expand-slang") { Description = "Also find each drug's street names and emoji codes (cocaine → coke, yayo, charlie, ❄️ …)" };
        var sort = new Option<SearchSort>("--sort") { Description = "Order hits by relevance or by date (newest first)", HelpName = "relevance|date", DefaultValueFactory = _ => SearchSort.Relevance };
        var allVersions = new Option<bool>("--all-versions") { Description = "Show every matching version of a listing as its own hit (by default a listing scraped again with changes shows once: its newest matching version, with how many versions it has)" };
        var command = new Command("search", "Search every document in the case. Case and accents do not matter; emoji are searchable.\n" +
            "Examples: lantern search 'fentanyl AND \"ships from\" NOT site:forum' · lantern search cocaine --expand-slang · lantern search '❄️' --sort date")
        {
            query, limit, expand, sort, allVersions,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            if (parse.GetValue(limit) < 1)
            {
                return context.Fail("--limit must be at least 1");
            }

            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var results = context.OpenSession(workspace).Search(new SearchRequest(parse.GetValue(query)!, parse.GetValue(limit), parse.GetValue(expand), parse.GetValue(sort), AllVersions: parse.GetValue(allVersions)));
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    total = results.Total,
                    expanded_terms = results.ExpandedTerms,
                    not_yet_searchable = results.NotYetSearchable,
                    hits = results.Hits.Select(hit => new
                    {
                        doc = hit.Doc,
                        site = hit.Site,
                        source_id = hit.SourceId,
                        author = hit.Author,
                        title = hit.Title,
                        posted_at = hit.PostedAt,
                        score = hit.Score,
                        snippet = hit.Snippet,
                        kind = hit.Kind,
                        versions = hit.Versions,
                        matched_terms = hit.MatchedTerms,
                    }),
                });
                return ExitCodes.Success;
            }

            Write(context, results);
            WarnIfBehind(context, workspace, results);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(CliContext context, SearchResults results)
    {
        if (results.ExpandedTerms.Count > 0)
        {
            context.Out.MarkupLine($"[grey]expanded to:[/] {Markup.Escape(string.Join(", ", results.ExpandedTerms))}");
        }

        context.Out.MarkupLine($"[bold]{results.Total:N0}[/] documents match" + (results.Total > results.Hits.Count ? $"; showing {results.Hits.Count}" : string.Empty));
        foreach (var hit in results.Hits)
        {
            context.Out.WriteLine();
            var who = hit.Author is null ? Shorten(hit.Site) : $"{Shorten(hit.Site)}/{Shorten(hit.Author)}";
            var when = hit.PostedAt?.ToString("yyyy-MM-dd") ?? "undated";
            context.Out.MarkupLine($"[bold cyan]{hit.Doc}[/] [grey]{Markup.Escape(who)} · {hit.Kind} · {when} · score {hit.Score:0.00}[/]" + (hit.Versions > 1 ? $" [yellow]{hit.Versions} versions[/]" : string.Empty));
            if (hit.Title is not null)
            {
                context.Out.MarkupLine($"  [bold]{Markup.Escape(Shorten(hit.Title))}[/]");
            }

            context.Out.MarkupLine("  " + Highlight(hit.Snippet));
            if (hit.MatchedTerms.Count > 0)
            {
                context.Out.MarkupLine($"  [grey]matched: {Markup.Escape(string.Join(", ", hit.MatchedTerms))}[/]");
            }
        }
    }

    /// <summary>A scraped value cut to a line's worth with an ellipsis, so one 40 KB site or author cannot flood the human output (JSON keeps it whole).</summary>
    public static string Shorten(string value) => value.Length <= MaxHumanValueChars ? value : value[..(char.IsHighSurrogate(value[MaxHumanValueChars - 2]) ? MaxHumanValueChars - 2 : MaxHumanValueChars - 1)] + "…";

    private const int MaxHumanValueChars = 120;

    /// <summary>Says when the index does not reach every stored document yet, and why.</summary>
    public static void WarnIfBehind(CliContext context, Storage.Workspace workspace, SearchResults results)
    {
        if (results.NotYetSearchable > 0)
        {
            var why = workspace.Writer is { } writer ? $"{writer} is indexing them" : "the next search or ingest indexes them";
            context.Error.MarkupLine($"[yellow]note:[/] {results.NotYetSearchable:N0} stored documents are not searchable yet: {Markup.Escape(why)}");
        }
    }

    /// <summary>Shows the snippet's &lt;mark&gt; spans in colour, everything else escaped.</summary>
    public static string Highlight(string snippet) =>
        Markup.Escape(snippet)
            .Replace(SearchHit.MarkStart, "[black on yellow]", StringComparison.Ordinal)
            .Replace(SearchHit.MarkEnd, "[/]", StringComparison.Ordinal);
}
