using Lantern.Extraction;
using Lantern.Cases;

namespace Lantern.Graph;

/// <summary>Loads what alias resolution needs from the workspace and runs it as an audited, rights-checked operation.</summary>
public sealed class AliasAnalysis(CaseSession session)
{
    /// <summary>How much text before a mention decides whether it is the author's own or a quote.</summary>
    public const int ContextChars = 80;
    private const int TextsPerHandle = 200;

    public IReadOnlyList<AliasCluster> Clusters(double minScore = 0, int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var parameters = new { min_score = minScore, hub_threshold = hubThreshold };
        var role = session.Authorize(Permission.AnalyseLinks, "aliases", parameters);
        var (mentions, texts) = Load();
        var decisions = new Reviews(session).All();
        var clusters = AliasResolver.Resolve(mentions, texts, hubThreshold)
            .Where(cluster => cluster.Score >= minScore)
            .Select(cluster => decisions.TryGetValue(cluster.Id, out var decision)
                ? cluster with { Status = decision.Decision, DecidedBy = decision.DecidedBy, DecisionReason = decision.Reason }
                : cluster)
            .ToList();
        session.Record(role, "aliases", parameters, clusters.Count);
        return clusters;
    }

    /// <summary>A supervisor's decision on a cluster as it is resolved now, through <see cref="Reviews"/>.</summary>
    public ReviewDecision Review(string clusterId, string decision, string reason)
    {
        var id = clusterId.Trim();
        var cluster = Clusters().FirstOrDefault(candidate => candidate.Id == id)
            ?? throw new ArgumentException($"no alias cluster '{id}' in this case; 'lantern aliases' lists them");
        return new Reviews(session).Decide(cluster.Id, cluster.Members, decision, reason);
    }

    /// <summary>A mention as ownership is decided on: with the <see cref="ContextChars"/> of text before it.</summary>
    public static HandleMention MentionIn(string handle, string documentId, string kind, string text, int start, string type, string value)
    {
        start = Math.Min(start, text.Length);
        return new HandleMention(handle, documentId, kind, type, value, text[Math.Max(0, start - ContextChars)..start]);
    }

    private (List<HandleMention> Mentions, List<HandleText> Texts) Load()
    {
        var connection = session.Workspace.Connection;
        var documents = new Dictionary<long, (string Handle, string Id, string Kind, string Text)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT rowid, site || '/' || author, id, kind, text FROM documents WHERE author IS NOT NULL ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                documents[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            }
        }

        var mentions = new List<HandleMention>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.document, s.type, s.value, m.start FROM mentions m JOIN selectors s ON s.id = m.selector
                WHERE m.confidence >= $linkable ORDER BY m.document, m.start
                """;
            command.Parameters.AddWithValue("$linkable", MentionConfidence.Linkable);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!documents.TryGetValue(reader.GetInt64(0), out var document))
                {
                    continue;
                }

                mentions.Add(MentionIn(document.Handle, document.Id, document.Kind, document.Text, reader.GetInt32(3), reader.GetString(1), reader.GetString(2)));
            }
        }

        var texts = documents.Values.GroupBy(document => document.Handle, StringComparer.Ordinal)
            .Select(group => new HandleText(group.Key, group.Take(TextsPerHandle).Select(document => document.Text).ToList()))
            .ToList();
        return (mentions, texts);
    }
}
