using Lantern.Storage;
using Lantern.Extraction;

namespace Lantern.Graph;

/// <summary>A handle or selector that is not in the case, with the nearest one there is when there is one.</summary>
internal sealed class UnknownNodeException(string message) : BadInputException(message);

/// <summary>
/// Paths and neighbourhoods over the evidence graph: handles connect through the selectors their
/// documents mention (each hop citing those documents) and through relationship-table links. A
/// selector mentioned by many handles (a hub) would connect everyone to everyone, so it is left out.
/// A relay's links to the selectors it reposts are marked <see cref="RelayVia"/>: they show what it
/// carries, not what it owns.
/// </summary>
internal sealed class LinkAnalysis(Workspace workspace, int hubThreshold = AliasResolver.DefaultHubThreshold)
{
    /// <summary>What a hop between a relay and a selector it reposts goes through.</summary>
    public const string RelayVia = "relays";

    private readonly Dictionary<string, Dictionary<string, List<string>>> edges = new(StringComparer.Ordinal);
    private HashSet<string> relays = [];
    private bool loaded;

    public PathResult Path(string from, string to)
    {
        Load();
        return ShortestPath(Resolve(from), Resolve(to));
    }

    public IReadOnlyList<Neighbour> Links(string node, int hops)
    {
        Load();
        var start = Resolve(node);
        var found = new List<Neighbour>();
        if (edges.ContainsKey(start))
        {
            var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
            var queue = new Queue<string>([start]);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                if (distance[current] >= hops * 2)
                {
                    continue;
                }

                foreach (var (next, docs) in edges[current].OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    if (distance.TryAdd(next, distance[current] + 1))
                    {
                        queue.Enqueue(next);
                        found.Add(new Neighbour(Display(next), distance[next], new Hop(Display(current), Display(next), Via(current, next), docs)));
                    }
                }
            }
        }

        return found;
    }

    private PathResult ShortestPath(string from, string to)
    {
        if (!edges.ContainsKey(from) || !edges.ContainsKey(to))
        {
            return new PathResult(false, []);
        }

        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0 && !previous.ContainsKey(to))
        {
            var current = queue.Dequeue();
            foreach (var next in edges[current].Keys.Order(StringComparer.Ordinal))
            {
                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        if (!previous.ContainsKey(to))
        {
            return new PathResult(false, []);
        }

        var nodes = new List<string> { to };
        while (nodes[^1] != from)
        {
            nodes.Add(previous[nodes[^1]]);
        }

        nodes.Reverse();
        var hops = new List<Hop>();
        for (var index = 0; index < nodes.Count - 1; index++)
        {
            var (a, b) = (nodes[index], nodes[index + 1]);
            if (IsHandle(a) && !IsHandle(b) && index + 2 < nodes.Count && IsHandle(nodes[index + 2]))
            {
                var c = nodes[index + 2];
                hops.Add(new Hop(Display(a), Display(c), Display(b), edges[a][b].Concat(edges[b][c]).Distinct().ToList()));
                index++;
            }
            else
            {
                hops.Add(new Hop(Display(a), Display(b), Via(a, b), edges[a][b]));
            }
        }

        return new PathResult(true, hops);
    }

    /// <summary>Reads the evidence graph once per analysis: the graph view asks for several neighbourhoods in one request.</summary>
    private void Load()
    {
        if (loaded)
        {
            return;
        }

        loaded = true;
        relays = new AliasAnalysis(workspace).RelayHandles(hubThreshold).Select(handle => "h:" + handle).ToHashSet(StringComparer.Ordinal);
        var byHandle = workspace.Mentions.HandleSelectorDocuments(MentionConfidence.Linkable);
        var hubs = byHandle.GroupBy(item => item.Selector).Where(group => group.Select(item => item.Handle).Distinct().Count() >= hubThreshold)
            .Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var item in byHandle.Where(item => !hubs.Contains(item.Selector)))
        {
            Add("h:" + item.Handle, "s:" + item.Selector, item.DocumentId);
        }

        foreach (var relation in workspace.Relations.WithSources())
        {
            Add("h:" + relation.Source, "h:" + relation.Target, $"{System.IO.Path.GetFileName(relation.SourcePath)}:{relation.Line}");
        }
    }

    private void Add(string a, string b, string doc)
    {
        foreach (var (x, y) in new[] { (a, b), (b, a) })
        {
            if (!edges.TryGetValue(x, out var neighbours))
            {
                edges[x] = neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            }

            if (!neighbours.TryGetValue(y, out var docs))
            {
                neighbours[y] = docs = [];
            }

            if (!docs.Contains(doc))
            {
                docs.Add(doc);
            }
        }
    }

    /// <summary>A handle is written site/author, a selector type:value (a value may hold ':' or '/').</summary>
    /// <summary>Whether a node as written (<c>type:value</c> or <c>site/author</c>) is a selector.</summary>
    public static bool IsSelector(string node)
    {
        var colon = node.IndexOf(':', StringComparison.Ordinal);
        var slash = node.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash) && SelectorTypes.All.Contains(node[..colon], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A node as typed to its key in the graph: a selector's value normalized as mentions store it, a
    /// handle matched whatever its case (<c>nightmarket/ketking</c> is <c>nightmarket/KetKing</c>). A
    /// node that is not in the case is an error naming the nearest one, never an empty answer.
    /// </summary>
    private string Resolve(string node)
    {
        node = node.Trim();
        if (IsSelector(node))
        {
            var colon = node.IndexOf(':', StringComparison.Ordinal);
            var type = node[..colon].ToLowerInvariant();
            var value = SelectorExtractor.Normalize(type, node[(colon + 1)..], workspace.Case.Region) ?? node[(colon + 1)..];
            return workspace.Mentions.SelectorExists(type, value)
                ? $"s:{type}:{value}"
                : throw new UnknownNodeException(Extraction.Types.SelectorTypeRegistry.Get(type) is var selectorType && selectorType.Problem(value) is { } problem
                    ? $"{type}:{value} cannot be a {selectorType.Label}: {problem}"
                    : $"no selector {type}:{value} in this case; 'lantern selectors --type {type}' lists them");
        }

        var handles = workspace.Relations.Handles();
        if (handles.Contains(node))
        {
            return "h:" + node;
        }

        var sameLetters = handles.Where(handle => handle.Equals(node, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (sameLetters.Count == 1)
        {
            return "h:" + sameLetters[0];
        }

        if (sameLetters.Count > 1)
        {
            throw new UnknownNodeException($"{node} matches {string.Join(" and ", sameLetters)}, which differ only in case; write the one you mean exactly");
        }

        var nearest = handles.Select(handle => (Handle: handle, Distance: EditDistance(handle.ToLowerInvariant(), node.ToLowerInvariant())))
            .Where(candidate => candidate.Distance <= Math.Max(2, node.Length / 4))
            .OrderBy(candidate => candidate.Distance).ThenBy(candidate => candidate.Handle, StringComparer.Ordinal)
            .Select(candidate => candidate.Handle).FirstOrDefault();
        var hint = node.Contains('/', StringComparison.Ordinal) ? "" : " (a handle is written site/author, a selector type:value)";
        throw new UnknownNodeException(nearest is null
            ? $"no handle {node} in this case{hint}"
            : $"no handle {node} in this case; did you mean {nearest}?");
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool IsHandle(string node) => node.StartsWith("h:", StringComparison.Ordinal);

    private static string Display(string node) => node[2..];

    private string Via(string a, string b) => IsHandle(a) && IsHandle(b) ? "relation" : relays.Contains(a) || relays.Contains(b) ? RelayVia : "mentions";
}
