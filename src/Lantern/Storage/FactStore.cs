using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>
/// The listing facts of each document, one row per document extracted: the rules version that
/// read them and the facts as JSON (null when the document has none), so a document is known to be
/// read by the current rules whether or not it had facts.
/// </summary>
internal sealed class FactStore(SqliteConnection connection)
{
    /// <summary>Replaces documents' facts, read by <paramref name="rulesVersion"/>, in one transaction.</summary>
    public void PutAll(IEnumerable<(long DocumentRowId, ListingFacts Facts)> facts, string rulesVersion)
    {
        using var transaction = connection.BeginTransaction();
        using (var writer = Write(transaction, rulesVersion))
        {
            foreach (var (documentRowId, listingFacts) in facts)
            {
                writer.Put(documentRowId, listingFacts);
            }
        }

        transaction.Commit();
    }

    /// <summary>Stores (or replaces) documents' facts inside the caller's transaction, with one prepared statement.</summary>
    public Writer Write(SqliteTransaction transaction, string rulesVersion) => new(connection, transaction, rulesVersion);

    internal sealed class Writer : IDisposable
    {
        private readonly SqliteCommand insert;
        private readonly SqliteParameter document;
        private readonly SqliteParameter data;

        public Writer(SqliteConnection connection, SqliteTransaction transaction, string rulesVersion)
        {
            insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO facts (document, rules_version, data) VALUES ($document, $version, $data)";
            document = insert.Parameters.Add("$document", SqliteType.Integer);
            data = insert.Parameters.Add("$data", SqliteType.Text);
            insert.Parameters.AddWithValue("$version", rulesVersion);
        }

        public void Put(long documentRowId, ListingFacts facts)
        {
            document.Value = documentRowId;
            data.Value = facts.IsEmpty ? DBNull.Value : JsonSerializer.Serialize(facts, LanternJson.Options);
            insert.ExecuteNonQuery();
        }

        public void Dispose() => insert.Dispose();
    }

    /// <summary>The facts of a document, empty when it has none or was not read yet.</summary>
    public ListingFacts ForDocument(long documentRowId)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT data FROM facts WHERE document = $document";
        select.Parameters.AddWithValue("$document", documentRowId);
        return select.ExecuteScalar() is string data ? Read(data) : ListingFacts.Empty;
    }

    /// <summary>Up to <paramref name="limit"/> documents whose facts were read by other rules than <paramref name="rulesVersion"/>, or not at all.</summary>
    public IReadOnlyList<long> Stale(string rulesVersion, int limit)
    {
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT d.rowid FROM documents d LEFT JOIN facts f ON f.document = d.rowid
            WHERE f.document IS NULL OR f.rules_version <> $version ORDER BY d.rowid LIMIT $limit
            """;
        select.Parameters.AddWithValue("$version", rulesVersion);
        select.Parameters.AddWithValue("$limit", limit);
        var rows = new List<long>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }

    /// <summary>How many documents' facts were read by other rules than <paramref name="rulesVersion"/>, or not at all.</summary>
    public long CountStale(string rulesVersion)
    {
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT count(*) FROM documents d LEFT JOIN facts f ON f.document = d.rowid
            WHERE f.document IS NULL OR f.rules_version <> $version
            """;
        select.Parameters.AddWithValue("$version", rulesVersion);
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The documents with facts, in row order, optionally only those of a site (case-insensitive) or
    /// offering a drug (its lower-case INN or common name).
    /// </summary>
    public IEnumerable<DocumentFacts> List(string? site, string? drug)
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT d.id, d.site, d.source_id, f.data FROM facts f JOIN documents d ON d.rowid = f.document
            WHERE f.data IS NOT NULL
            {(site is null ? string.Empty : "AND d.site = $site COLLATE NOCASE")}
            {(drug is null ? string.Empty : "AND EXISTS (SELECT 1 FROM json_each(f.data, '$.items') WHERE json_extract(value, '$.drug') = $drug)")}
            ORDER BY d.rowid
            """;
        if (site is not null)
        {
            select.Parameters.AddWithValue("$site", site);
        }

        if (drug is not null)
        {
            select.Parameters.AddWithValue("$drug", drug);
        }

        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            yield return DocumentFacts.Of(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Read(reader.GetString(3)));
        }
    }

    /// <summary>
    /// Documents as the trade views read them, in row order: those of one handle (<paramref name="author"/>
    /// on <paramref name="site"/>, with or without facts) or, without an author, every document with
    /// facts, optionally of one site (case-insensitive).
    /// </summary>
    public IEnumerable<TradeRow> Trade(string? site, string? author)
    {
        var handle = author is not null;
        var sql = $"""
            SELECT d.rowid, d.id, d.listing, d.site, d.source_id, d.author, d.title, d.posted_at, d.ingested_at, f.data
            FROM documents d {(handle ? "LEFT JOIN" : "JOIN")} facts f ON f.document = d.rowid
            WHERE {(handle ? "d.author = $author" : "f.data IS NOT NULL")}
            {(site is null ? string.Empty : "AND d.site = $site COLLATE NOCASE")}
            ORDER BY d.rowid
            """;
        return connection.Stream(sql, reader => new TradeRow(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.NullableString(4), reader.NullableString(5), reader.NullableString(6),
            reader.NullableString(7) is { } posted ? Date(posted) : null, Date(reader.GetString(8)),
            reader.NullableString(9) is { } data ? Read(data) : ListingFacts.Empty),
            ("$site", site), ("$author", author));
    }

    private static DateTimeOffset Date(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static ListingFacts Read(string data) =>
        JsonSerializer.Deserialize<ListingFacts>(data, LanternJson.Options) ?? ListingFacts.Empty;
}

/// <summary>A document with its facts as the trade views read it: the listing it is a version of, its handle and its times.</summary>
internal sealed record TradeRow(long RowId, string Doc, string Listing, string Site, string? SourceId, string? Author, string? Title,
    DateTimeOffset? PostedAt, DateTimeOffset CollectedAt, ListingFacts Facts)
{
    /// <summary>When the listing was seen: posted, else collected.</summary>
    public DateTimeOffset Seen => PostedAt ?? CollectedAt;
}
