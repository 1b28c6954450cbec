using System.Text.Json.Serialization;

namespace Lantern.Model;

/// <summary>A handle whose documents mention a selector: in how many, in how many as its own (not quoting someone else), and in which kinds of document.</summary>
public sealed record SelectorHandle(string Handle, int Documents, int OwnDocuments, IReadOnlyList<string> Kinds);

public sealed record AliasEvidence(string Rule, string Type, string Value, IReadOnlyList<string> Docs);

public sealed record AliasCluster(string Id, double Score, [property: JsonIgnore] IReadOnlyList<string> Members, IReadOnlyList<AliasEvidence> Evidence, string Status, bool Strong)
{
    /// <summary>The members as DESIGN §7 writes them in JSON: <c>{"site","author"}</c>, the same in the CLI and the API.</summary>
    [JsonPropertyName("members")]
    public IReadOnlyList<Handle> MemberHandles => Members.Select(Handle.Parse).ToList();

    /// <summary>"strong" (shared own selectors) or "weak" (suggestions from names, signatures and style).</summary>
    public string Strength => Strong ? "strong" : "weak";

    /// <summary>Who decided the cluster, when a supervisor has.</summary>
    public string? DecidedBy { get; init; }

    public string? DecisionReason { get; init; }
}

/// <summary>
/// A handle whose documents carry several actors' identities — a Telegram "plug" channel, a reposting
/// forum account, an aggregator — found from the data's structure (<see cref="Reason"/>). Its documents
/// are evidence about each actor it carries, never ownership by the relay, never a bridge between them.
/// </summary>
public sealed record AliasRelay([property: JsonIgnore] string Account, string Kind, string Reason, IReadOnlyList<RelayedIdentity> Carries)
{
    /// <summary>The relay as DESIGN §7 writes handles: <c>{"site","author"}</c>.</summary>
    [JsonPropertyName("handle")]
    public Handle AccountHandle => Handle.Parse(Account);
}

/// <summary>
/// One identity a relay carries: the handles that own what the relay reposts (and their strong cluster,
/// when they form one), with each reposted selector and the relay's documents that carry it.
/// </summary>
public sealed record RelayedIdentity(string? ClusterId, [property: JsonIgnore] IReadOnlyList<string> Members, IReadOnlyList<AliasEvidence> Evidence)
{
    [JsonPropertyName("members")]
    public IReadOnlyList<Handle> MemberHandles => Members.Select(Handle.Parse).ToList();
}

/// <summary>One step between two handles (or a handle and a selector), with what connects them and the documents that show it.</summary>
public sealed record Hop(string From, string To, string Via, IReadOnlyList<string> Docs);

public sealed record PathResult(bool Found, IReadOnlyList<Hop> Hops);

public sealed record Neighbour(string Node, int Distance, Hop Hop);

/// <summary>One node's place in the network.</summary>
public sealed record NetworkNode(string Id, string Kind, int Degree, double Betweenness, double Closeness, double Eigenvector, double PageRank, int Community, int Component);

/// <summary>
/// How betweenness and closeness were computed: from every node (exact) or from a sample of source
/// nodes, with the bound that every normalized betweenness is within, at 95 % confidence.
/// </summary>
public sealed record PathMethod(bool Exact, int Sources, double BetweennessErrorBound);

public sealed record NetworkReport(
    IReadOnlyList<NetworkNode> Nodes,
    int NodeCount,
    int EdgeCount,
    int Components,
    int CommunityCount,
    double Modularity,
    PathMethod PathMethod,
    DateTimeOffset? Since,
    DateTimeOffset? Until);

/// <summary>Exact betweenness for every graph, or estimated from this many sources; null decides by the graph's size.</summary>
public sealed record PathOptions(bool Exact = false, int? Samples = null)
{
    /// <summary>
    /// Exact betweenness costs one BFS per node, about nodes × links steps: 2·10⁸ of them run in
    /// about ten seconds on one core (docs/BENCHMARKS.md). Larger graphs are sampled with as many
    /// sources as fit that budget, never fewer than 500.
    /// </summary>
    public const double ExactWork = 2e8;

    public const int MinimumSamples = 500;

    public int? SourcesFor(int nodes, int links)
    {
        if (Samples is < 1)
        {
            throw new BadInputException("the number of sampled sources must be at least 1");
        }

        if (Exact && Samples is not null)
        {
            throw new BadInputException("exact betweenness and a number of sampled sources exclude each other");
        }

        if (Exact)
        {
            return null;
        }

        if (Samples is { } samples)
        {
            return samples >= nodes ? null : samples;
        }

        return (double)nodes * Math.Max(1, links) <= ExactWork ? null : Math.Min(nodes, Math.Max(MinimumSamples, (int)(ExactWork / Math.Max(1, links))));
    }
}

/// <summary>A node of a neighbourhood as drawn: its community and PageRank within what is drawn.</summary>
public sealed record NeighbourhoodNode(string Id, string Kind, int Degree, double PageRank, int Community);

/// <summary>A link of a neighbourhood, with what connects the two ends and the documents (or table lines) that show it.</summary>
public sealed record NeighbourhoodLink(string Source, string Target, string Via, IReadOnlyList<string> Docs);

/// <summary>A neighbourhood as the graph view draws it: nodes with community and PageRank computed on what is drawn, and links with their documents.</summary>
public sealed record NeighbourhoodGraph(IReadOnlyList<NeighbourhoodNode> Nodes, IReadOnlyList<NeighbourhoodLink> Links);
