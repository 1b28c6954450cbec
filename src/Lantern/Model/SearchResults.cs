namespace Lantern.Model;

public enum SearchSort
{
    Relevance,
    Date,
}

/// <param name="Facets">Also count the matches by site, author, kind and selector type (over the best <see cref="SearchService.FacetDepth"/> matches).</param>
/// <param name="AllVersions">Every matching version as its own hit, instead of one hit per listing (its newest matching version).</param>
public sealed record SearchRequest(string Query, int Limit = 10, bool ExpandSlang = false, SearchSort Sort = SearchSort.Relevance, bool Facets = false, bool AllVersions = false);

public sealed record SearchHit(
    string Doc,
    string Site,
    string? SourceId,
    string? Author,
    string? Title,
    DateTimeOffset? PostedAt,
    float Score,
    string Snippet,
    string Kind)
{
    /// <summary>What surrounds a matched term in <see cref="Snippet"/>: shells turn it into their own highlighting, after escaping the text.</summary>
    public const string MarkStart = "<mark>";

    public const string MarkEnd = "</mark>";

    /// <summary>How many versions the hit's listing has (1 when it was never re-scraped with changes).</summary>
    public int Versions { get; init; } = 1;

    /// <summary>With slang expansion: which of the expanded terms this document matched.</summary>
    public IReadOnlyList<string> MatchedTerms { get; init; } = [];
}

/// <param name="NotYetSearchable">Documents stored but not yet in the searched index commit (an ingest is indexing them); 0 when the index is level with the database.</param>
public sealed record SearchResults(long Total, IReadOnlyList<string> ExpandedTerms, IReadOnlyList<SearchHit> Hits, SearchFacets? Facets = null, long NotYetSearchable = 0);

/// <summary>
/// How the matches spread: documents per site, author, kind and selector type, and per drug, origin
/// and destination of their listing facts, counted over <see cref="Counted"/> matches.
/// </summary>
public sealed record SearchFacets(
    int Counted,
    IReadOnlyList<FacetCount> Sites,
    IReadOnlyList<FacetCount> Authors,
    IReadOnlyList<FacetCount> Kinds,
    IReadOnlyList<FacetCount> SelectorTypes)
{
    /// <summary>Documents per drug their facts name (any item), as the <c>drug:</c> field has it.</summary>
    public IReadOnlyList<FacetCount> Drugs { get; init; } = [];

    /// <summary>Documents per origin (ISO code, <c>EU</c>, <c>WW</c>), as <c>ships_from:</c>.</summary>
    public IReadOnlyList<FacetCount> ShipsFrom { get; init; } = [];

    /// <summary>Documents per destination, as <c>ships_to:</c>.</summary>
    public IReadOnlyList<FacetCount> ShipsTo { get; init; } = [];
}

public sealed record FacetCount(string Value, int Documents);

/// <summary>A document as an analyst views it: the stored document, its selectors and the candidates that failed validation.</summary>
public sealed record DocumentView(Document Document, IReadOnlyList<Mention> Mentions, IReadOnlyList<RejectedCandidate> Rejected)
{
    /// <summary>Every version of the document's listing, oldest first (just the document itself when it has no other).</summary>
    public IReadOnlyList<DocumentVersion> Versions { get; init; } = [];

    /// <summary>What the document says about the trade (docs/facts.md); empty when it says nothing.</summary>
    public ListingFacts Facts { get; init; } = ListingFacts.Empty;
}

/// <summary>One version of a listing: the document, when it was posted and ingested, from where, and what changed against the version before.</summary>
public sealed record DocumentVersion(string Doc, DateTimeOffset? PostedAt, DateTimeOffset IngestedAt, string SourcePath, long? Line, long? Record, string ContentSha256, IReadOnlyList<string> Changed);

/// <param name="Healthy">Every segment of the latest commit reads back whole and holds as many documents as the database up to the commit mark.</param>
/// <param name="IndexedDocuments">Documents in the index's latest commit (0 when it cannot be read).</param>
/// <param name="StoredDocuments">Documents in the database.</param>
/// <param name="NotYetSearchable">Stored documents beyond the commit mark (an ingest is indexing them, or one was interrupted).</param>
/// <param name="Problem">What is wrong, when not healthy.</param>
public sealed record IndexCheck(bool Healthy, long IndexedDocuments, long StoredDocuments, long NotYetSearchable, string? Problem);

/// <summary>A selector with how widely it occurs: in how many documents and under how many handles.</summary>
public sealed record SelectorSummary(string Type, string Value, int Documents, int Handles, int Mentions, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, IReadOnlyList<string> Rules)
{
    public string Key => $"{Type}:{Value}";
}
