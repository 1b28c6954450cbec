using Lantern.Extraction.Facts;
using Lantern.Graph;

namespace Lantern.Cases;

/// <summary>The trade views: a vendor's profile and a market's routes and prices, read from the stored listing facts.</summary>
public sealed partial class CaseSession
{
    /// <summary>
    /// What a handle (<c>site/author</c>) sells, its routes, unit prices, alias clusters, sites, first and
    /// last sightings and documents. Looking a handle up is link analysis, as <see cref="Links"/> is;
    /// audited as "vendor". An unknown handle is <see cref="NotFoundException"/>.
    /// </summary>
    public VendorProfile Vendor(string handle)
    {
        var asked = handle.Trim();
        return Perform(Permission.AnalyseLinks, "vendor", new { handle = asked }, () => VendorProfile(Handle.Parse(asked)), profile => profile.Documents.Count);
    }

    /// <summary>
    /// Routes (origin → destination by drug, with listings and vendors) and unit prices (median and
    /// IQR by drug, origin and month, per currency) of the listings a filter selects; audited as "market".
    /// </summary>
    public MarketReport Market(MarketFilter filter)
    {
        return Perform(Permission.Search, "market", filter, () => TradeAnalysis.Market(Workspace, Normalize(filter)), report => report.Listings,
            recordedParameters: report => report.Filter);
    }

    /// <summary>
    /// A vendor's profile as CSV tables (drugs, routes, prices, aliases, documents), watermarked and
    /// audited as an export to <paramref name="destination"/> (a path, or "download"); needs a justification.
    /// </summary>
    public IReadOnlyList<CsvTable> ExportVendor(string handle, string destination)
    {
        var asked = handle.Trim();
        return ExportTables(new { format = "csv", view = "vendor", handle = asked, output = destination },
            () => VendorProfile(Handle.Parse(asked)), profile => profile.Drugs.Count + profile.Routes.Count + profile.Prices.Count + profile.Aliases.Count + profile.Documents.Count,
            TradeExport.Vendor);
    }

    /// <summary>A market report as CSV tables (routes, prices), watermarked and audited as an export; needs a justification.</summary>
    public IReadOnlyList<CsvTable> ExportMarket(MarketFilter filter, string destination)
    {
        return ExportTables(new { format = "csv", view = "market", filter, output = destination },
            () => TradeAnalysis.Market(Workspace, Normalize(filter)), report => report.Routes.Count + report.Prices.Count, TradeExport.Market);
    }

    private VendorProfile VendorProfile(Handle handle) => TradeAnalysis.Vendor(Workspace, handle, DecidedClusters(0, AliasResolver.DefaultHubThreshold));

    /// <summary>
    /// Authorizes an export, reads what it exports, audits it with the rows written, and writes the
    /// tables under a watermark naming that audit entry; a failure on the input is audited as "failed".
    /// </summary>
    private IReadOnlyList<CsvTable> ExportTables<T>(object parameters, Func<T> read, Func<T, int> rows, Func<T, ExportWatermark, IReadOnlyList<CsvTable>> tables)
    {
        var role = Authorize(Permission.Export, "export", parameters, justificationRequired: true);
        T result;
        try
        {
            result = read();
        }
        catch (LanternException failure) when (failure is not AccessDeniedException)
        {
            Record(role, "export", new { request = parameters, error = failure.Message }, null, "failed");
            throw;
        }

        var entry = Record(role, "export", parameters, rows(result));
        var info = Workspace.Case;
        return tables(result, new ExportWatermark(info.Id, info.Title, info.LegalBasis, User, entry.At, entry.Seq));
    }

    /// <summary>The filter as the facts store it: the drug as its INN, countries as codes; a place that names no country is bad input.</summary>
    private static MarketFilter Normalize(MarketFilter filter)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        string? Country(string? value, string option)
        {
            if (Clean(value) is not { } place)
            {
                return null;
            }

            return FactsExtractor.Default.NormalizeRoute(place).Countries is [var code, ..]
                ? code
                : throw new BadInputException($"{option} '{place}' names no country: give an ISO 3166-1 alpha-2 code (US, NL), EU, WW or a country's name");
        }

        if (filter.Since is { } since && filter.Until is { } until && since > until)
        {
            throw new BadInputException($"the window ends ({until:yyyy-MM-dd}) before it begins ({since:yyyy-MM-dd})");
        }

        return filter with
        {
            Drug = Clean(filter.Drug) is { } drug ? DrugName(drug) : null,
            From = Country(filter.From, "ships from"),
            To = Country(filter.To, "ships to"),
            Site = Clean(filter.Site),
        };
    }
}
