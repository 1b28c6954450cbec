using System.Globalization;
using Lantern.Extraction;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>A stored mention with the document it is in.</summary>
internal sealed record StoredMention(long DocumentRowId, string DocumentId, Mention Mention);

/// <summary>Selectors, their mentions in documents and the candidates that failed validation.</summary>
internal sealed class MentionStore(SqliteConnection connection)
{
    /// <summary>Replaces a document's mentions and rejected candidates and marks it extracted by the current extractor, inside the caller's transaction.</summary>
    public void Replace(SqliteTransaction transaction, long documentRowId, ExtractionResult result, Dictionary<string, long> selectorIds)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            DELETE FROM mentions WHERE document = $document;
            DELETE FROM rejected_candidates WHERE document = $document;
            UPDATE documents SET extractor_version = $version WHERE rowid = $document;
            """;
        delete.Parameters.AddWithValue("$document", documentRowId);
        delete.Parameters.AddWithValue("$version", SelectorExtractor.Version);
        delete.ExecuteNonQuery();
        Insert(transaction, documentRowId, result, selectorIds);
    }

    /// <summary>Inserts the mentions of a newly stored document (it has none yet), inside the caller's transaction.</summary>
    public void Insert(SqliteTransaction transaction, long documentRowId, ExtractionResult result, Dictionary<string, long> selectorIds)
    {
        if (result.Mentions.Count == 0 && result.Rejected.Count == 0)
        {
            return;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO mentions (document, selector, raw, start, "end", confidence, obfuscated, rule)
            VALUES ($document, $selector, $raw, $start, $end, $confidence, $obfuscated, $rule)
            """;
        var document = insert.Parameters.AddWithValue("$document", documentRowId);
        var selector = insert.Parameters.Add("$selector", SqliteType.Integer);
        var raw = insert.Parameters.Add("$raw", SqliteType.Text);
        var start = insert.Parameters.Add("$start", SqliteType.Integer);
        var end = insert.Parameters.Add("$end", SqliteType.Integer);
        var confidence = insert.Parameters.Add("$confidence", SqliteType.Real);
        var obfuscated = insert.Parameters.Add("$obfuscated", SqliteType.Integer);
        var rule = insert.Parameters.Add("$rule", SqliteType.Text);
        foreach (var mention in result.Mentions)
        {
            selector.Value = SelectorId(transaction, mention.Type, mention.Value, selectorIds);
            raw.Value = mention.Raw;
            start.Value = mention.Start;
            end.Value = mention.End;
            confidence.Value = mention.Confidence;
            obfuscated.Value = mention.Obfuscated ? 1 : 0;
            rule.Value = mention.Rule;
            insert.ExecuteNonQuery();
        }

        using var reject = connection.CreateCommand();
        reject.Transaction = transaction;
        reject.CommandText = """
            INSERT INTO rejected_candidates (document, type, raw, start, "end", reason) VALUES ($document, $type, $raw, $start, $end, $reason)
            """;
        reject.Parameters.AddWithValue("$document", documentRowId);
        var type = reject.Parameters.Add("$type", SqliteType.Text);
        var rejectedRaw = reject.Parameters.Add("$raw", SqliteType.Text);
        var rejectedStart = reject.Parameters.Add("$start", SqliteType.Integer);
        var rejectedEnd = reject.Parameters.Add("$end", SqliteType.Integer);
        var reason = reject.Parameters.Add("$reason", SqliteType.Text);
        foreach (var candidate in result.Rejected)
        {
            type.Value = candidate.Type;
            rejectedRaw.Value = candidate.Raw;
            rejectedStart.Value = candidate.Start;
            rejectedEnd.Value = candidate.End;
            reason.Value = candidate.Reason;
            reject.ExecuteNonQuery();
        }
    }

    private long SelectorId(SqliteTransaction transaction, string type, string value, Dictionary<string, long> cache)
    {
        var key = $"{type}:{value}";
        if (cache.TryGetValue(key, out var id))
        {
            return id;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO selectors (type, value) VALUES ($type, $value) ON CONFLICT (type, value) DO NOTHING;
            SELECT id FROM selectors WHERE type = $type AND value = $value;
            """;
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$value", value);
        id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        cache[key] = id;
        return id;
    }

    public IReadOnlyList<Mention> ForDocument(long documentRowId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.type, s.value, m.raw, m.start, m."end", m.confidence, m.obfuscated, m.rule
            FROM mentions m JOIN selectors s ON s.id = m.selector WHERE m.document = $document ORDER BY m.start, s.type
            """;
        command.Parameters.AddWithValue("$document", documentRowId);
        using var reader = command.ExecuteReader();
        var mentions = new List<Mention>();
        while (reader.Read())
        {
            mentions.Add(new Mention(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetDouble(5), reader.GetInt32(6) == 1, reader.GetString(7)));
        }

        return mentions;
    }

    public IReadOnlyList<RejectedCandidate> RejectedForDocument(long documentRowId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT type, raw, start, "end", reason FROM rejected_candidates WHERE document = $document ORDER BY start""";
        command.Parameters.AddWithValue("$document", documentRowId);
        using var reader = command.ExecuteReader();
        var rejected = new List<RejectedCandidate>();
        while (reader.Read())
        {
            rejected.Add(new RejectedCandidate(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4)));
        }

        return rejected;
    }

    /// <summary>Every mention in the workspace with its document's site and source id, for evaluation and export.</summary>
    public IEnumerable<(string Site, string? SourceId, Mention Mention)> All()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.site, d.source_id, s.type, s.value, m.raw, m.start, m."end", m.confidence, m.obfuscated, m.rule
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                new Mention(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6),
                    reader.GetDouble(7), reader.GetInt32(8) == 1, reader.GetString(9)));
        }
    }

    /// <summary>Selectors with their spread, most widespread first.</summary>
    public IReadOnlyList<SelectorSummary> Summaries(string? type, int minDocuments, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.type, s.value, count(DISTINCT m.document) AS docs,
                   count(DISTINCT CASE WHEN d.author IS NOT NULL THEN d.site || '/' || d.author END) AS handles,
                   count(*), min(d.posted_at), max(d.posted_at), group_concat(DISTINCT m.rule)
            FROM selectors s JOIN mentions m ON m.selector = s.id JOIN documents d ON d.rowid = m.document
            WHERE $type IS NULL OR s.type = $type
            GROUP BY s.id HAVING docs >= $min
            ORDER BY docs DESC, handles DESC, s.type, s.value
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$type", (object?)type ?? DBNull.Value);
        command.Parameters.AddWithValue("$min", minDocuments);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var summaries = new List<SelectorSummary>();
        while (reader.Read())
        {
            DateTimeOffset? Date(int ordinal) => reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            summaries.Add(new SelectorSummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), Date(5), Date(6),
                reader.GetString(7).Split(',').Order(StringComparer.Ordinal).ToList()));
        }

        return summaries;
    }

    public long StaleCount()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents WHERE extractor_version <> $version";
        command.Parameters.AddWithValue("$version", SelectorExtractor.Version);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Row ids of documents extracted by an older extractor (or never), in order.</summary>
    public IReadOnlyList<long> Stale(int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid FROM documents WHERE extractor_version <> $version ORDER BY rowid LIMIT $limit";
        command.Parameters.AddWithValue("$version", SelectorExtractor.Version);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }
}
