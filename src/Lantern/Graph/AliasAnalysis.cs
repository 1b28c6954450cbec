using Lantern.Extraction;
using Lantern.Storage;

namespace Lantern.Graph;

/// <summary>Loads what alias resolution needs from the workspace and resolves it; rights and review decisions are the caller's (the case's door).</summary>
internal sealed class AliasAnalysis(Workspace workspace)
{
    /// <summary>How much text before a mention decides whether it is the author's own or a quote.</summary>
    public const int ContextChars = 80;
    private const int TextsPerHandle = 200;

    public IReadOnlyList<AliasCluster> Clusters(double minScore = 0, int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var (mentions, texts) = Load();
        return AliasResolver.Resolve(mentions, texts, hubThreshold).Where(cluster => cluster.Score >= minScore).ToList();
    }

    /// <summary>
    /// The handles whose documents mention a selector: in how many documents, in how many as their
    /// own (a listing, a profile, or a post that does not point at someone else — the rule alias
    /// resolution uses), and in which kinds of document.
    /// </summary>
    public IReadOnlyList<SelectorHandle> HandlesOf(string type, string value)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT d.site || '/' || d.author, d.id, d.kind, d.text, m.start
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            WHERE s.type = $type AND s.value = $value AND d.author IS NOT NULL
            """;
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$value", value);
        using var reader = command.ExecuteReader();
        var mentionsByHandle = new List<HandleMention>();
        while (reader.Read())
        {
            mentionsByHandle.Add(MentionIn(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), type, value));
        }

        return mentionsByHandle.GroupBy(mention => mention.Handle, StringComparer.Ordinal)
            .Select(group => new SelectorHandle(
                group.Key,
                group.Select(mention => mention.DocumentId).Distinct().Count(),
                group.Where(AliasResolver.IsOwn).Select(mention => mention.DocumentId).Distinct().Count(),
                group.Select(mention => mention.Kind).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(handle => handle.OwnDocuments).ThenByDescending(handle => handle.Documents).ThenBy(handle => handle.Handle, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A mention as ownership is decided on: with the <see cref="ContextChars"/> of text before it.</summary>
    public static HandleMention MentionIn(string handle, string documentId, string kind, string text, int start, string type, string value)
    {
        start = Math.Min(start, text.Length);
        return new HandleMention(handle, documentId, kind, type, value, text[Math.Max(0, start - ContextChars)..start]);
    }

    private (List<HandleMention> Mentions, List<HandleText> Texts) Load()
    {
        var connection = workspace.Connection;
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
