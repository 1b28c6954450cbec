using System.Globalization;
using Lantern.Extraction;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>A stored mention with the document it is in.</summary>
internal sealed record StoredMention(long DocumentRowId, string DocumentId, Mention Mention);

/// <summary>A mention in an authored document: the handle, the document (id, kind, text) and where in the text it starts.</summary>
internal sealed record AuthoredMention(string Handle, string DocumentId, string Kind, string Title, string Text, int Start, int End);

/// <summary>A mention as alias resolution reads it: the document's row id, the selector and where in the text it starts.</summary>
internal sealed record MentionAt(long DocumentRowId, string Type, string Value, int Start, int End);

/// <summary>How many documents of a handle mention a selector.</summary>
internal sealed record HandleSelectorCount(string Handle, string Type, string Value, int Documents);

/// <summary>One document of a handle that mentions a selector (written <c>type:value</c>).</summary>
internal sealed record HandleSelectorDocument(string Handle, string Selector, string DocumentId);

/// <summary>Selectors, their mentions in documents and the candidates that failed validation.</summary>
internal sealed class MentionStore
{
    private readonly SqliteConnection connection;

    internal MentionStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Replaces documents' mentions and rejected candidates with a new extraction's, in one transaction, and marks them extracted by the current extractor.</summary>
    public void ReplaceAll(IEnumerable<(long DocumentRowId, ExtractionResult Result)> extractions)
    {
        using var transaction = connection.BeginTransaction();
        var selectorIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (documentRowId, result) in extractions)
        {
            Replace(transaction, documentRowId, result, selectorIds);
        }

        transaction.Commit();
    }

    /// <summary>Marks every document as extracted by no extractor, so re-extraction redoes them all (after the case's phone region changed).</summary>
    public void MarkAllStale() => connection.Execute("UPDATE documents SET extractor_version = 0");

    /// <summary>Replaces a document's mentions and rejected candidates and marks it extracted by the current extractor, inside the caller's transaction.</summary>
    private void Replace(SqliteTransaction transaction, long documentRowId, ExtractionResult result, Dictionary<string, long> selectorIds)
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
    internal void Insert(SqliteTransaction transaction, long documentRowId, ExtractionResult result, Dictionary<string, long> selectorIds)
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

    private static long SelectorId(SqliteTransaction transaction, string type, string value, Dictionary<string, long> cache)
    {
        var key = $"{type}:{value}";
        if (cache.TryGetValue(key, out var id))
        {
            return id;
        }

        id = transaction.Query(
            """
            INSERT INTO selectors (type, value) VALUES ($type, $value) ON CONFLICT (type, value) DO NOTHING;
            SELECT id FROM selectors WHERE type = $type AND value = $value;
            """,
            reader => reader.GetInt64(0), ("$type", type), ("$value", value))[0];
        cache[key] = id;
        return id;
    }

    public IReadOnlyList<Mention> ForDocument(long documentRowId) =>
        connection.Query(
            """
            SELECT s.type, s.value, m.raw, m.start, m."end", m.confidence, m.obfuscated, m.rule
            FROM mentions m JOIN selectors s ON s.id = m.selector WHERE m.document = $document ORDER BY m.start, s.type
            """,
            reader => new Mention(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetDouble(5), reader.GetInt32(6) == 1, reader.GetString(7)),
            ("$document", documentRowId));

    public IReadOnlyList<RejectedCandidate> RejectedForDocument(long documentRowId) =>
        connection.Query(
            """SELECT type, raw, start, "end", reason FROM rejected_candidates WHERE document = $document ORDER BY start""",
            reader => new RejectedCandidate(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4)),
            ("$document", documentRowId));

    /// <summary>Every mention in the workspace with its document's site and source id, for evaluation and export.</summary>
    public IEnumerable<(string Site, string? SourceId, Mention Mention)> All() =>
        connection.Stream(
            """
            SELECT d.site, d.source_id, s.type, s.value, m.raw, m.start, m."end", m.confidence, m.obfuscated, m.rule
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            """,
            reader => (reader.GetString(0), reader.NullableString(1),
                new Mention(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6),
                    reader.GetDouble(7), reader.GetInt32(8) == 1, reader.GetString(9))));

    /// <summary>Selectors with their spread, most widespread first.</summary>
    public IReadOnlyList<SelectorSummary> Summaries(string? type, int minDocuments, int limit) =>
        connection.Query(
            """
            SELECT s.type, s.value, count(DISTINCT m.document) AS docs,
                   count(DISTINCT CASE WHEN d.author IS NOT NULL THEN d.site || '/' || d.author END) AS handles,
                   count(*), min(d.posted_at), max(d.posted_at), group_concat(DISTINCT m.rule)
            FROM selectors s JOIN mentions m ON m.selector = s.id JOIN documents d ON d.rowid = m.document
            WHERE $type IS NULL OR s.type = $type
            GROUP BY s.id HAVING docs >= $min
            ORDER BY docs DESC, handles DESC, s.type, s.value
            LIMIT $limit
            """,
            reader =>
            {
                DateTimeOffset? Date(int ordinal) => reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return new SelectorSummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), Date(5), Date(6),
                    reader.GetString(7).Split(',').Order(StringComparer.Ordinal).ToList());
            },
            ("$type", type), ("$min", minDocuments), ("$limit", limit));

    public long StaleCount() =>
        connection.Number("SELECT count(*) FROM documents WHERE extractor_version <> $version", ("$version", SelectorExtractor.Version));

    /// <summary>Row ids of documents extracted by an older extractor (or never), in order.</summary>
    public IReadOnlyList<long> Stale(int limit) =>
        connection.Query(
            "SELECT rowid FROM documents WHERE extractor_version <> $version ORDER BY rowid LIMIT $limit",
            reader => reader.GetInt64(0), ("$version", SelectorExtractor.Version), ("$limit", limit));

    /// <summary>Whether the case holds a selector.</summary>
    public bool SelectorExists(string type, string value) =>
        connection.Scalar("SELECT 1 FROM selectors WHERE type = $type AND value = $value", ("$type", type), ("$value", value)) is not null;

    /// <summary>The mentions of a selector in documents that have an author, with the document's text.</summary>
    public IReadOnlyList<AuthoredMention> InAuthoredDocuments(string type, string value) =>
        connection.Query(
            """
            SELECT d.site || '/' || d.author, d.id, d.kind, coalesce(d.title, ''), d.text, m.start, m."end"
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            WHERE s.type = $type AND s.value = $value AND d.author IS NOT NULL
            """,
            reader => new AuthoredMention(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6)),
            ("$type", type), ("$value", value));

    /// <summary>Every mention at or above a confidence, by document and position, read as the caller iterates.</summary>
    public IEnumerable<MentionAt> AtLeast(double confidence) =>
        connection.Stream(
            """
            SELECT m.document, s.type, s.value, m.start, m."end" FROM mentions m JOIN selectors s ON s.id = m.selector
            WHERE m.confidence >= $linkable ORDER BY m.document, m.start
            """,
            reader => new MentionAt(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)),
            ("$linkable", confidence));

    /// <summary>For each handle and selector it mentions at or above a confidence, in how many documents; by handle, type and value.</summary>
    public IReadOnlyList<HandleSelectorCount> HandleSelectorCounts(double confidence) =>
        connection.Query(
            """
            SELECT d.site || '/' || d.author, s.type, s.value, count(DISTINCT d.rowid)
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            WHERE d.author IS NOT NULL AND m.confidence >= $linkable
            GROUP BY d.site, d.author, s.id ORDER BY 1, 2, 3
            """,
            reader => new HandleSelectorCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)),
            ("$linkable", confidence));

    /// <summary>Each distinct handle, selector and document where the handle's document mentions the selector at or above a confidence.</summary>
    public IReadOnlyList<HandleSelectorDocument> HandleSelectorDocuments(double confidence) =>
        connection.Query(
            """
            SELECT DISTINCT d.site || '/' || d.author, s.type || ':' || s.value, d.id
            FROM mentions m JOIN selectors s ON s.id = m.selector JOIN documents d ON d.rowid = m.document
            WHERE d.author IS NOT NULL AND m.confidence >= $linkable
            """,
            reader => new HandleSelectorDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
            ("$linkable", confidence));
}
