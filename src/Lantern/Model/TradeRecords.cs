namespace Lantern.Model;

/// <summary>
/// Median, interquartile range and extremes of unit prices of one drug, per <c>g</c>, <c>ml</c> or
/// <c>unit</c> and in one currency: prices are never converted. Quartiles are linearly interpolated
/// between the sorted prices (Hyndman and Fan's type 7, as R's default and numpy's
/// <c>percentile</c>): the p-th quantile of n sorted prices sits at position (n − 1)·p.
/// </summary>
public sealed record PriceStats(int N, decimal Min, decimal P25, decimal Median, decimal P75, decimal Max);

/// <summary>How many of a vendor's listings offer a drug.</summary>
public sealed record VendorDrug(string Drug, string Class, int Listings);

/// <summary>
/// A route a vendor's or a market's listings name: origin → destination (ISO 3166-1 alpha-2, <c>EU</c>,
/// <c>WW</c>), either side null when the listing names none.
/// </summary>
public sealed record VendorRoute(string? From, string? To, int Listings);

/// <summary>The unit prices a vendor asks for a drug, per <c>g</c>, <c>ml</c> or <c>unit</c>, in one currency.</summary>
public sealed record VendorPrice(string Drug, string Per, string Currency, int N, decimal Min, decimal Median, decimal Max, decimal P25, decimal P75);

/// <summary>
/// Another handle in one of the vendor's alias clusters, with the cluster as <c>lantern aliases</c>
/// reports it: its id, score, strength and status (<c>suggested</c>, <c>confirmed</c>, <c>rejected</c>, <c>conflict</c>).
/// </summary>
public sealed record VendorAlias(Handle Handle, string Cluster, double Score, string Strength, string Status);

/// <summary>A document the vendor wrote, with when it was posted and when it was collected (ingested), and the drugs it offers.</summary>
public sealed record VendorDocument(string Doc, string Site, string? SourceId, string? Title, DateTimeOffset? PostedAt, DateTimeOffset CollectedAt, IReadOnlyList<string> Drugs);

/// <summary>
/// What a handle sells, where from and to, at what prices, where else it appears and when
/// (<c>lantern vendor --json</c>, DESIGN §7). <see cref="FirstSeen"/> and <see cref="LastSeen"/> take each
/// document's posting time, else its collection time; <see cref="SeenBy"/> says which were used.
/// <see cref="Sites"/> are the handle's own site and those of aliases a supervisor confirmed.
/// </summary>
public sealed record VendorProfile(
    Handle Handle,
    int Listings,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    string SeenBy,
    IReadOnlyList<VendorDrug> Drugs,
    IReadOnlyList<VendorRoute> Routes,
    IReadOnlyList<VendorPrice> Prices,
    IReadOnlyList<string> Sites,
    IReadOnlyList<VendorAlias> Aliases,
    IReadOnlyList<VendorDocument> Documents);

/// <summary>
/// What <c>lantern market</c> looks at: listings offering a drug (any of its items; a brand or street
/// name is read as the listing would be), shipping from or to a country (<c>--to</c> also matches
/// listings shipping worldwide that do not except it), of a site, posted (else collected) in a window.
/// </summary>
public sealed record MarketFilter(string? Drug = null, string? From = null, string? To = null, string? Site = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);

/// <summary>Listings of a drug on a route, and how many vendors (handles) offer them.</summary>
public sealed record MarketRoute(string Drug, string? From, string? To, int Listings, int Vendors);

/// <summary>
/// Unit prices of a drug from one origin in one month (<c>yyyy-MM</c> of the posting, else the
/// collection), per <c>g</c>, <c>ml</c> or <c>unit</c>, in one currency: each listing counts once a
/// month, with its latest version's price.
/// </summary>
public sealed record MarketPrice(string Drug, string? From, string Month, string Per, string Currency, int N, decimal Median, decimal P25, decimal P75, decimal Min, decimal Max);

/// <summary>Routes and prices of the listings a filter selects (<c>lantern market --json</c>, DESIGN §7).</summary>
public sealed record MarketReport(MarketFilter Filter, int Listings, int Vendors, IReadOnlyList<MarketRoute> Routes, IReadOnlyList<MarketPrice> Prices);

/// <summary>One table of a trade view as CSV, watermarked like every export: its name (<c>routes</c>, <c>prices</c> …) and its text.</summary>
public sealed record CsvTable(string Name, string Content);
