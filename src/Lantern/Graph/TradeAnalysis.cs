using System.Globalization;
using Lantern.Storage;

namespace Lantern.Graph;

/// <summary>
/// The trade views over stored listing facts: a vendor's profile and a market's routes and prices.
/// Pure aggregation of what the stores hold; rights and audit are the door's. Listings are counted
/// once however many versions were collected (a re-scraped listing is one listing); prices are never
/// converted between currencies.
/// </summary>
internal static class TradeAnalysis
{
    public static VendorProfile Vendor(Workspace workspace, Handle handle, IReadOnlyList<AliasCluster> clusters)
    {
        var rows = workspace.Facts.Trade(handle.Site, handle.Author).ToList();
        if (rows.Count == 0)
        {
            throw new NotFoundException($"no document in this case was written by {handle}; handles are written site/author as stored (the author's spelling exactly; 'lantern search author:NAME' finds it)");
        }

        handle = new Handle(rows[0].Site, handle.Author);
        var listings = rows.Where(row => !row.Facts.IsEmpty).GroupBy(row => row.Listing, StringComparer.Ordinal).Select(Latest).ToList();
        var drugs = listings.SelectMany(row => row.Facts.Items.Select(item => (item.Drug, item.Class)).Distinct().Select(drug => (drug, row.Listing)))
            .GroupBy(pair => pair.drug)
            .Select(group => new VendorDrug(group.Key.Drug, group.Key.Class, group.Select(pair => pair.Listing).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(drug => drug.Listings).ThenBy(drug => drug.Drug, StringComparer.Ordinal).ToList();
        var routes = listings.SelectMany(row => Routes(row.Facts).Select(route => (route, row.Listing)))
            .GroupBy(pair => pair.route)
            .Select(group => new VendorRoute(group.Key.From, group.Key.To, group.Count()))
            .OrderByDescending(route => route.Listings).ThenBy(route => route.From, StringComparer.Ordinal).ThenBy(route => route.To, StringComparer.Ordinal).ToList();
        var prices = rows.Where(row => row.Facts is { UnitPrice.Amount: > 0, Items.Count: > 0 })
            .GroupBy(row => (row.Facts.Items[0].Drug, row.Facts.UnitPrice!.Per, row.Facts.UnitPrice.Currency))
            .Select(group =>
            {
                var stats = Stats(group.GroupBy(row => row.Listing, StringComparer.Ordinal).Select(Latest).Select(row => row.Facts.UnitPrice!.Amount));
                return new VendorPrice(group.Key.Drug, group.Key.Per, group.Key.Currency, stats.N, stats.Min, stats.Median, stats.Max, stats.P25, stats.P75);
            })
            .OrderBy(price => price.Drug, StringComparer.Ordinal).ThenBy(price => price.Per, StringComparer.Ordinal).ThenBy(price => price.Currency, StringComparer.Ordinal).ToList();

        var name = handle.ToString();
        var aliases = clusters.Where(cluster => cluster.Members.Contains(name, StringComparer.Ordinal))
            .SelectMany(cluster => cluster.Members.Where(member => member != name)
                .Select(member => new VendorAlias(Handle.Parse(member), cluster.Id, cluster.Score, cluster.Strength, cluster.Status)))
            .ToList();
        var sites = aliases.Where(alias => alias.Status == "confirmed").Select(alias => alias.Handle.Site).Prepend(handle.Site)
            .Distinct(StringComparer.Ordinal).ToList();
        var posted = rows.Count(row => row.PostedAt is not null);
        var seenBy = posted == rows.Count ? "posted_at" : posted == 0 ? "collected" : "posted_at, else collected";
        var documents = rows.OrderBy(row => row.Seen).ThenBy(row => row.RowId).Select(row => new VendorDocument(row.Doc, row.Site, row.SourceId, row.Title, row.PostedAt, row.CollectedAt,
            row.Facts.Items.Select(item => item.Drug).Distinct(StringComparer.Ordinal).ToList())).ToList();
        return new VendorProfile(handle, listings.Count, rows.Min(row => row.Seen), rows.Max(row => row.Seen), seenBy, drugs, routes, prices, sites, aliases, documents);
    }

    public static MarketReport Market(Workspace workspace, MarketFilter filter)
    {
        var rows = workspace.Facts.Trade(filter.Site, author: null)
            .Where(row => Selected(row, filter))
            .ToList();
        var listings = rows.GroupBy(row => row.Listing, StringComparer.Ordinal).Select(Latest).ToList();
        var routes = listings.Where(row => row.Facts.Items.Count > 0)
            .SelectMany(row => Routes(row.Facts).Select(route => (row.Facts.Items[0].Drug, route.From, route.To, row.Listing, Vendor: VendorOf(row))))
            .GroupBy(entry => (entry.Drug, entry.From, entry.To))
            .Select(group => new MarketRoute(group.Key.Drug, group.Key.From, group.Key.To, group.Select(entry => entry.Listing).Distinct(StringComparer.Ordinal).Count(),
                group.Select(entry => entry.Vendor).OfType<string>().Distinct(StringComparer.Ordinal).Count()))
            .OrderBy(route => route.Drug, StringComparer.Ordinal).ThenByDescending(route => route.Listings)
            .ThenBy(route => route.From, StringComparer.Ordinal).ThenBy(route => route.To, StringComparer.Ordinal).ToList();

        // A listing's price counts once a month, with its latest version in that month.
        var monthly = rows.Where(row => row.Facts is { UnitPrice.Amount: > 0, Items.Count: > 0 })
            .GroupBy(row => (row.Listing, Month: Month(row.Seen)))
            .Select(Latest);
        var prices = monthly
            .SelectMany(row => (row.Facts.ShipsFrom.Count == 0 ? [null] : row.Facts.ShipsFrom.Select(code => (string?)code))
                .Select(from => (row.Facts.Items[0].Drug, From: from, Month: Month(row.Seen), row.Facts.UnitPrice!.Per, row.Facts.UnitPrice.Currency, row.Facts.UnitPrice.Amount)))
            .GroupBy(entry => (entry.Drug, entry.From, entry.Month, entry.Per, entry.Currency))
            .Select(group =>
            {
                var stats = Stats(group.Select(entry => entry.Amount));
                return new MarketPrice(group.Key.Drug, group.Key.From, group.Key.Month, group.Key.Per, group.Key.Currency, stats.N, stats.Median, stats.P25, stats.P75, stats.Min, stats.Max);
            })
            .OrderBy(price => price.Drug, StringComparer.Ordinal).ThenBy(price => price.Per, StringComparer.Ordinal).ThenBy(price => price.Currency, StringComparer.Ordinal)
            .ThenBy(price => price.From, StringComparer.Ordinal).ThenBy(price => price.Month, StringComparer.Ordinal).ToList();
        var vendors = listings.Select(VendorOf).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        return new MarketReport(filter, listings.Count, vendors, routes, prices);
    }

    /// <summary>
    /// Median, quartiles and extremes of some prices, the quartiles interpolated linearly between the
    /// sorted values (type 7: the p-th quantile sits at position (n − 1)·p), rounded to 6 decimals.
    /// </summary>
    public static PriceStats Stats(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no prices to summarize", nameof(values));
        }

        decimal Quantile(decimal p)
        {
            var position = (sorted.Count - 1) * p;
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Count - 1);
            return Plain(Math.Round(sorted[below] + ((sorted[above] - sorted[below]) * (position - below)), 6));
        }

        return new PriceStats(sorted.Count, Plain(sorted[0]), Quantile(0.25m), Quantile(0.5m), Quantile(0.75m), Plain(sorted[^1]));
    }

    /// <summary>The value without trailing zeros of its scale (2.70 → 2.7), so JSON and CSV write it as a person would.</summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The month a listing was seen, <c>yyyy-MM</c> in UTC.</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The origin → destination pairs a listing names; a missing side is null, a listing naming neither has none.</summary>
    private static IEnumerable<(string? From, string? To)> Routes(ListingFacts facts)
    {
        if (facts.ShipsFrom.Count == 0 && facts.ShipsTo.Count == 0)
        {
            return [];
        }

        static IEnumerable<string?> Side(IReadOnlyList<string> codes) => codes.Count == 0 ? [null] : codes.Select(code => (string?)code);
        return Side(facts.ShipsFrom).SelectMany(from => Side(facts.ShipsTo).Select(to => (from, to))).Distinct();
    }

    private static bool Selected(TradeRow row, MarketFilter filter)
    {
        var facts = row.Facts;
        return (filter.Drug is null || facts.Items.Any(item => item.Drug == filter.Drug))
            && (filter.From is null || facts.ShipsFrom.Contains(filter.From, StringComparer.Ordinal))
            && (filter.To is null || facts.ShipsTo.Contains(filter.To, StringComparer.Ordinal)
                || (facts.ShipsTo.Contains("WW", StringComparer.Ordinal) && !facts.ShipsToExcept.Contains(filter.To, StringComparer.Ordinal)))
            && (filter.Since is null || row.Seen >= filter.Since)
            && (filter.Until is null || row.Seen <= filter.Until);
    }

    private static string? VendorOf(TradeRow row) => row.Author is null ? null : new Handle(row.Site, row.Author).ToString();

    /// <summary>The version seen last (posted, else collected; then stored last).</summary>
    private static TradeRow Latest(IEnumerable<TradeRow> versions) => versions.MaxBy(row => (row.Seen, row.RowId))!;
}
