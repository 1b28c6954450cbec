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
        var connection = workspace.Connection;
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var links = new List<GraphLink>();
        GraphNode Handle(string handle) =>
            nodes.TryGetValue("h:" + handle, out var node) ? node
            : nodes["h:" + handle] = new GraphNode("h:" + handle, handle, "handle", handle[..Math.Max(0, handle.IndexOf('/', StringComparison.Ordinal))], null);

        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT d.site || '/' || d.author, s.type, s.value, count(DISTINCT d.rowid)
                FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
                WHERE d.author IS NOT NULL AND m.confidence >= $linkable
                GROUP BY d.site, d.author, s.id ORDER BY 1, 2, 3
                """;
            command.Parameters.AddWithValue("$linkable", MentionConfidence.Linkable);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var handle = Handle(reader.GetString(0));
                var key = $"{reader.GetString(1)}:{reader.GetString(2)}";
                var selector = nodes.TryGetValue("s:" + key, out var existing) ? existing
                    : nodes["s:" + key] = new GraphNode("s:" + key, key, "selector", null, reader.GetString(1));
                var documents = reader.GetInt32(3);
                links.Add(new GraphLink($"e{links.Count}", handle.Id, selector.Id, "mentions", documents, 1, documents));
            }
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

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT source, target, sum(weight), count(*) FROM relations GROUP BY source, target ORDER BY source, target";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (a, b) = (Handle(reader.GetString(0)), Handle(reader.GetString(1)));
                links.Add(new GraphLink($"e{links.Count}", a.Id, b.Id, "relation", reader.GetDouble(2), 1, reader.GetInt32(3)));
            }
        }

        return new EntityGraph(nodes.Values.ToList(), links);
    }
}
