using Lantern.Cases;
using Lantern.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class SearchModel(WorkspaceGate gate) : PageModel
{
    /// <summary>The filters the facets offer, each a field of the query language.</summary>
    private static readonly string[] FilterNames = ["site", "author", "kind", "type", "drug", "ships_from", "ships_to"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Slang { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Every matching version of a listing as its own hit, rather than its newest one.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Versions { get; set; }

    /// <summary>Posted on or after this day (yyyy-MM-dd), as the query language's <c>posted_at:[from TO to]</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public List<(string Name, string Value)> Filters { get; } = [];

    public SearchResults? Results { get; private set; }

    public List<(string Title, string Name, IReadOnlyList<FacetCount> Counts)> FacetGroups { get; } = [];

    public IActionResult OnGet()
    {
        // Search is for the roles that may search; the others land on the page their role is for.
        var header = CaseHeader.For(gate, HttpContext);
        if (!header.Has(Role.Analyst) && !header.Has(Role.Supervisor))
        {
            return Redirect(header.Has(Role.Auditor) ? "/audit" : "/members");
        }

        foreach (var name in FilterNames)
        {
            if (Request.Query[name].FirstOrDefault() is { Length: > 0 } value)
            {
                Filters.Add((name, value));
            }
        }

        if (string.IsNullOrWhiteSpace(Q) && Filters.Count == 0 && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To))
        {
            return Page();
        }

        var clauses = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            clauses.Add($"({Q})");
        }

        foreach (var (name, value) in Filters)
        {
            clauses.Add(name == "type" ? $"selector:{CaseViews.Escape(value)}\\:*" : $"{name}:\"{CaseViews.Escape(value)}\"");
        }

        if (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To))
        {
            clauses.Add($"posted_at:[{Day(From) ?? "*"} TO {Day(To) ?? "*"}]");
        }

        var query = string.Join(" AND ", clauses);
        Results = gate.AsMember(HttpContext, session =>
            session.Search(new SearchRequest(query, 25, Slang, Sort == "date" ? SearchSort.Date : SearchSort.Relevance, Facets: true, AllVersions: Versions)));
        if (Results.Facets is { } facets)
        {
            FacetGroups.Add(("Site", "site", facets.Sites));
            FacetGroups.Add(("Author", "author", facets.Authors));
            FacetGroups.Add(("Kind", "kind", facets.Kinds));
            FacetGroups.Add(("Selector type", "type", facets.SelectorTypes));
            FacetGroups.Add(("Drug", "drug", facets.Drugs));
            FacetGroups.Add(("Ships from", "ships_from", facets.ShipsFrom));
            FacetGroups.Add(("Ships to", "ships_to", facets.ShipsTo));
        }

        return Page();
    }

    /// <summary>A day as the date picker sends it, or null; anything else is refused rather than passed into the query.</summary>
    private static string? Day(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day) ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : throw new BadInputException($"'{value}' is not a date (yyyy-MM-dd)");

    public string With(string name, string value) => Link(Filters.Where(filter => filter.Name != name).Append((name, value)));

    public string Without(string name) => Link(Filters.Where(filter => filter.Name != name));

    private string Link(IEnumerable<(string Name, string Value)> filters)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            parts.Add("q=" + Uri.EscapeDataString(Q));
        }

        if (Slang)
        {
            parts.Add("slang=true");
        }

        if (Sort == "date")
        {
            parts.Add("sort=date");
        }

        if (Versions)
        {
            parts.Add("versions=true");
        }

        foreach (var (name, value) in new[] { ("from", From), ("to", To) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        parts.AddRange(filters.Select(filter => $"{filter.Name}={Uri.EscapeDataString(filter.Value)}"));
        return "/?" + string.Join('&', parts);
    }
}
