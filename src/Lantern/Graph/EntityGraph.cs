using Lantern.Extraction;
using Lantern.Storage;

namespace Lantern.Graph;

internal sealed record GraphNode(string Id, string Label, string Kind, string? Site, string? Type);

internal sealed record GraphLink(string Id, string Source, string Target, string Kind, double Weight, double Score, int Evidence);

/// <summary>Who exported what, under which case and authority: written into every export file.</summary>
internal sealed record ExportWatermark(string CaseId, string CaseTitle, string LegalBasis, string User, DateTimeOffset At, long AuditSeq);

/// <summary>
/// The entity graph as exported: handles and the selectors they mention (linked by the documents
/// behind them), alias links between handles, and relationship-table links. Every link carries its
/// evidence count and a score.
/// </summary>
internal sealed record EntityGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphLink> Links)
{
    public static EntityGraph Build(Workspace workspace, IReadOnlyList<AliasCluster> clusters)
    {
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var links = new List<GraphLink>();
        GraphNode Handle(string handle) =>
            nodes.TryGetValue("h:" + handle, out var node) ? node
            : nodes["h:" + handle] = new GraphNode("h:" + handle, handle, "handle", handle[..Math.Max(0, handle.IndexOf('/', StringComparison.Ordinal))], null);

        foreach (var row in workspace.Mentions.HandleSelectorCounts(MentionConfidence.Linkable))
        {
            var handle = Handle(row.Handle);
            var key = $"{row.Type}:{row.Value}";
            var selector = nodes.TryGetValue("s:" + key, out var existing) ? existing
                : nodes["s:" + key] = new GraphNode("s:" + key, key, "selector", null, row.Type);
            links.Add(new GraphLink($"e{links.Count}", handle.Id, selector.Id, "mentions", row.Documents, 1, row.Documents));
        }

        foreach (var cluster in clusters.Where(cluster => cluster.Status is not ("rejected" or "conflict")))
        {
            for (var index = 1; index < cluster.Members.Count; index++)
            {
                var (a, b) = (Handle(cluster.Members[0]), Handle(cluster.Members[index]));
                links.Add(new GraphLink($"e{links.Count}", a.Id, b.Id, cluster.Strong ? "alias" : "alias-suggested", 1, cluster.Score,
                    cluster.Evidence.Sum(evidence => Math.Max(1, evidence.Docs.Count))));
            }
        }

        foreach (var relation in workspace.Relations.Totals())
        {
            var (a, b) = (Handle(relation.Source), Handle(relation.Target));
            links.Add(new GraphLink($"e{links.Count}", a.Id, b.Id, "relation", relation.Weight, 1, relation.Rows));
        }

        return new EntityGraph(nodes.Values.ToList(), links);
    }
}
