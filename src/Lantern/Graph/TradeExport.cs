using System.Globalization;

namespace Lantern.Graph;

/// <summary>
/// The trade views' tables as CSV, one table a file, each watermarked as every export is (case,
/// legal basis, exporting member, time, audit entry). Numbers are written with a dot and without
/// grouping; times in UTC ISO 8601.
/// </summary>
internal static class TradeExport
{
    public static IReadOnlyList<CsvTable> Vendor(VendorProfile profile, ExportWatermark watermark) =>
    [
        new("drugs", GraphExport.Csv(watermark, ["handle", "drug", "class", "listings"],
            profile.Drugs.Select(drug => new[] { profile.Handle.ToString(), drug.Drug, drug.Class, Number(drug.Listings) }))),
        new("routes", GraphExport.Csv(watermark, ["handle", "from", "to", "listings"],
            profile.Routes.Select(route => new[] { profile.Handle.ToString(), route.From ?? string.Empty, route.To ?? string.Empty, Number(route.Listings) }))),
        new("prices", GraphExport.Csv(watermark, ["handle", "drug", "per", "currency", "n", "min", "median", "max", "p25", "p75"],
            profile.Prices.Select(price => new[] { profile.Handle.ToString(), price.Drug, price.Per, price.Currency, Number(price.N), Number(price.Min), Number(price.Median), Number(price.Max), Number(price.P25), Number(price.P75) }))),
        new("aliases", GraphExport.Csv(watermark, ["handle", "alias", "cluster", "score", "strength", "status"],
            profile.Aliases.Select(alias => new[] { profile.Handle.ToString(), alias.Handle.ToString(), alias.Cluster, alias.Score.ToString("0.###", CultureInfo.InvariantCulture), alias.Strength, alias.Status }))),
        new("documents", GraphExport.Csv(watermark, ["handle", "doc", "site", "source_id", "title", "posted_at", "collected_at", "drugs"],
            profile.Documents.Select(document => new[]
            {
                profile.Handle.ToString(), document.Doc, document.Site, document.SourceId ?? string.Empty, document.Title ?? string.Empty, Time(document.PostedAt),
                Time(document.CollectedAt), string.Join(' ', document.Drugs),
            }))),
    ];

    public static IReadOnlyList<CsvTable> Market(MarketReport report, ExportWatermark watermark) =>
    [
        new("routes", GraphExport.Csv(watermark, ["drug", "from", "to", "listings", "vendors"],
            report.Routes.Select(route => new[] { route.Drug, route.From ?? string.Empty, route.To ?? string.Empty, Number(route.Listings), Number(route.Vendors) }))),
        new("prices", GraphExport.Csv(watermark, ["drug", "from", "month", "per", "currency", "n", "median", "p25", "p75", "min", "max"],
            report.Prices.Select(price => new[]
            {
                price.Drug, price.From ?? string.Empty, price.Month, price.Per, price.Currency, Number(price.N), Number(price.Median), Number(price.P25), Number(price.P75),
                Number(price.Min), Number(price.Max),
            }))),
    ];

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
