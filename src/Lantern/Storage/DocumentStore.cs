using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Extraction;
using Lantern.Extraction.Facts;
using Lantern.Ingest;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>What happened to one document offered to the store.</summary>
internal enum StoreOutcome
{
    Added,
    AddedAsNewVersion,
    Duplicate,
}

/// <summary>What the store did with one document, the stored row, and the mentions and listing facts stored with it.</summary>
internal sealed record StoredItem(StoreOutcome Outcome, Document? Document, IReadOnlyList<Mention> Mentions, ListingFacts Facts);

/// <summary>A document with an author: its row id, handle (site/author), id, kind and text.</summary>
internal sealed record AuthoredText(long RowId, string Handle, string DocumentId, string Kind, string Title, string Text);

/// <summary>
/// The documents table. A document is identified by site + source id where the data gives one,
/// else by its content hash; the same identity with different content is kept as a new version,
/// so nothing is lost and nothing identical is counted twice.
/// </summary>
internal sealed class DocumentStore
{
    private const string Columns =
        "rowid, id, site, source_id, author, title, text, posted_at, url, kind, thread, metadata, content_sha256, " +
        "source_path, source_sha256, line, record, byte_start, byte_end, ingested_at, ingested_by, repairs, listing";

    private readonly SqliteConnection connection;

    internal DocumentStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// The hash of everything a record says: its fields and every unmapped column or key, so a
    /// change in any of them (a price, a category) is a change of content.
    /// </summary>
    public static string ContentHash(Document document)
    {
        var canonical = new StringBuilder(string.Join('\u001f', document.Site, document.Author ?? string.Empty, document.Title ?? string.Empty, document.Text, document.PostedAt?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty));
        foreach (var (key, value) in (document.Metadata ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            canonical.Append('\u001e').Append(key).Append('\u001f').Append(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// The listing a record is a version of. With an identifying source id, the site and that id
    /// (the listing's id is then its first version's document id). Without one, the site, author
    /// and title — lower case, spaces collapsed — so a row scraped again with another price or
    /// category is a version of the same listing. A record with neither id nor title is a listing
    /// of its own.
    /// </summary>
    public static string ListingId(Document document, string identityKey)
    {
        if (document.SourceIdIdentifies && document.SourceId is { Length: > 0 } sourceId)
        {
            return DocumentId($"{document.Site}\u001f{sourceId}");
        }

        return string.IsNullOrWhiteSpace(document.Title)
            ? DocumentId(identityKey)
            : DocumentId($"{document.Site}\u001f@{Normalize(document.Author)}\u001f{Normalize(document.Title)}");

        static string Normalize(string? value) =>
            string.Join(' ', (value ?? string.Empty).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A stored document's listing facts, empty when it has none.</summary>
    public ListingFacts Facts(long rowId) => new FactStore(connection).ForDocument(rowId);

    public static string IdentityKey(Document document, string contentHash) =>
        document.SourceIdIdentifies && document.SourceId is { Length: > 0 } sourceId
            ? $"{document.Site}\u001f{sourceId}"
            : $"{document.Site}\u001f#{contentHash}";

    public static string DocumentId(string identityKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identityKey)))[..16];

    /// <summary>
    /// Stores a batch with the selectors and listing facts extracted from each document in one
    /// transaction, so a document is never stored without them; returns, for each document, what happened.
    /// </summary>
    public IReadOnlyList<StoredItem> AddBatch(
        IReadOnlyList<Document> documents, IReadOnlyList<ExtractionResult> extractions, IReadOnlyList<ListingFacts> facts, SourceFile file, long sourceFileId, string user, DateTimeOffset now)
    {
        var results = new List<StoredItem>(documents.Count);
        var mentions = new MentionStore(connection);
        var selectorIds = new Dictionary<string, long>(StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT doc_key, content_sha256 FROM documents WHERE id = $id";
        var lookupId = lookup.Parameters.Add("$id", SqliteType.Text);
        using var earlier = connection.CreateCommand();
        earlier.Transaction = transaction;
        earlier.CommandText = "SELECT 1 FROM documents WHERE listing = $listing AND rowid < $rowid LIMIT 1";
        var earlierListing = earlier.Parameters.Add("$listing", SqliteType.Text);
        var earlierRow = earlier.Parameters.Add("$rowid", SqliteType.Integer);

        using var factWriter = new FactStore(connection).Write(transaction, FactsExtractor.Default.RulesVersion);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO documents (rowid, id, doc_key, site, source_id, author, title, text, posted_at, url, kind, thread, metadata,
                content_sha256, source_file, source_path, source_sha256, line, record, byte_start, byte_end, ingested_at, ingested_by, extractor_version, repairs, listing)
            VALUES ($rowid, $id, $key, $site, $source_id, $author, $title, $text, $posted_at, $url, $kind, $thread, $metadata,
                $hash, $source_file, $source_path, $source_sha256, $line, $record, $byte_start, $byte_end, $ingested_at, $ingested_by, $extractor_version, $repairs, $listing)
            ON CONFLICT (id) DO NOTHING
            """;
        var names = new[]
        {
            "$rowid", "$id", "$key", "$site", "$source_id", "$author", "$title", "$text", "$posted_at", "$url", "$kind", "$thread", "$metadata",
            "$hash", "$source_file", "$source_path", "$source_sha256", "$line", "$record", "$byte_start", "$byte_end", "$ingested_at", "$ingested_by",
            "$extractor_version", "$repairs", "$listing",
        };
        var parameters = names.ToDictionary(name => name, name => insert.Parameters.Add(name, SqliteType.Text));
        var ingestedAt = now.ToString("O", CultureInfo.InvariantCulture);

        // Row ids are assigned here rather than read back with RETURNING, which costs a reader per
        // row; the transaction is IMMEDIATE, so no other writer can take them meanwhile.
        var nextRowId = transaction.Query(MaxRowIdSql, reader => reader.GetInt64(0))[0] + 1;
        Set("$source_file", sourceFileId);
        Set("$source_path", file.Path);
        Set("$source_sha256", file.Sha256);
        Set("$ingested_at", ingestedAt);
        Set("$ingested_by", user);
        Set("$extractor_version", SelectorExtractor.Version);

        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var hash = ContentHash(document);
            var key = IdentityKey(document, hash);
            var listing = ListingId(document, key);
            Set("$listing", listing);
            Set("$site", document.Site);
            Set("$source_id", document.SourceId);
            Set("$author", document.Author);
            Set("$title", document.Title);
            Set("$text", document.Text);
            Set("$posted_at", document.PostedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Set("$url", document.Url);
            Set("$kind", document.Kind);
            Set("$thread", document.Thread);
            Set("$metadata", document.Metadata is { Count: > 0 } ? JsonSerializer.Serialize(document.Metadata) : null);
            Set("$hash", hash);
            Set("$line", document.Location.Line);
            Set("$record", document.Location.Record);
            Set("$byte_start", document.Location.ByteStart);
            Set("$byte_end", document.Location.ByteEnd);
            Set("$repairs", document.Repairs);

            var outcome = StoreOutcome.Added;
            while (true)
            {
                var id = DocumentId(key);
                Set("$rowid", nextRowId);
                Set("$id", id);
                Set("$key", key);
                if (insert.ExecuteNonQuery() == 1)
                {
                    if (outcome == StoreOutcome.Added && listing != id)
                    {
                        // A record identified by its content is a version when its listing was seen before.
                        earlierListing.Value = listing;
                        earlierRow.Value = nextRowId;
                        outcome = earlier.ExecuteScalar() is null ? StoreOutcome.Added : StoreOutcome.AddedAsNewVersion;
                    }

                    mentions.Insert(transaction, nextRowId, extractions[index], selectorIds);
                    factWriter.Put(nextRowId, facts[index]);
                    results.Add(new StoredItem(outcome, document with
                    {
                        RowId = nextRowId++,
                        Id = id,
                        ContentSha256 = hash,
                        Provenance = new Provenance(file.Path, file.Sha256, document.Location.Line, document.Location.Record,
                            document.Location.ByteStart, document.Location.ByteEnd, now, user),
                        Listing = listing,
                    }, extractions[index].Mentions, facts[index]));
                    break;
                }

                // The id is taken: by this identity (a duplicate, or a changed record to keep as a
                // new version), or, vanishingly rarely, by another key with the same id prefix.
                lookupId.Value = id;
                using var reader = lookup.ExecuteReader();
                reader.Read();
                var (existingKey, existingHash) = (reader.GetString(0), reader.GetString(1));
                if (existingKey == key && existingHash == hash)
                {
                    results.Add(new StoredItem(StoreOutcome.Duplicate, null, [], ListingFacts.Empty));
                    break;
                }

                if (existingKey == key)
                {
                    key = $"{key}\u001f{hash}";
                    outcome = StoreOutcome.AddedAsNewVersion;
                }
                else
                {
                    key += "\u001f";
                }
            }
        }

        transaction.Commit();
        return results;

        void Set(string name, object? value) => parameters[name].Value = value ?? DBNull.Value;
    }

    public Document? Get(string id) =>
        connection.Query($"SELECT {Columns} FROM documents WHERE id = $id", Read, ("$id", id.Trim().ToLowerInvariant())) is [var document, ..] ? document : null;

    /// <summary>Documents by id, in the order asked (missing ids are left out).</summary>
    public IReadOnlyList<Document> GetMany(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var parameters = ids.Select((id, index) => (Name: "$p" + index.ToString(CultureInfo.InvariantCulture), Value: (object?)id)).ToArray();
        var found = connection.Query($"SELECT {Columns} FROM documents WHERE id IN ({string.Join(',', parameters.Select(parameter => parameter.Name))})", Read, parameters)
            .ToDictionary(document => document.Id, StringComparer.Ordinal);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>Documents by row id with the format they were read from (which tells how to extract them).</summary>
    public IReadOnlyList<(Document Document, string Format)> GetWithFormat(IReadOnlyList<long> rowIds)
    {
        if (rowIds.Count == 0)
        {
            return [];
        }

        var columns = string.Join(", ", Columns.Split(", ").Select(column => "d." + column));
        return connection.Query(
            $"SELECT {columns}, s.format FROM documents d JOIN sources s ON s.id = d.source_file WHERE d.rowid IN ({string.Join(',', rowIds)}) ORDER BY d.rowid",
            reader => (Read(reader), reader.GetString(23)));
    }

    /// <summary>Documents stored after a row id, in order: how the index catches up after an interrupted run.</summary>
    public IEnumerable<Document> After(long rowId) =>
        connection.Stream($"SELECT {Columns} FROM documents WHERE rowid > $after ORDER BY rowid", Read, ("$after", rowId));

    /// <summary>Every version of a listing, oldest first.</summary>
    public IReadOnlyList<Document> Versions(string listing) =>
        connection.Query($"SELECT {Columns} FROM documents WHERE listing = $listing ORDER BY rowid", Read, ("$listing", listing));

    /// <summary>How many versions each listing has.</summary>
    public IReadOnlyDictionary<string, int> VersionCounts(IReadOnlyCollection<string> listings)
    {
        if (listings.Count == 0)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var parameters = listings.Select((listing, index) => (Name: "$p" + index.ToString(CultureInfo.InvariantCulture), Value: (object?)listing)).ToArray();
        return connection.Query(
                $"SELECT listing, count(*) FROM documents WHERE listing IN ({string.Join(',', parameters.Select(parameter => parameter.Name))}) GROUP BY listing",
                reader => (Listing: reader.GetString(0), Count: reader.GetInt32(1)), parameters)
            .ToDictionary(row => row.Listing, row => row.Count, StringComparer.Ordinal);
    }

    public long Count() => connection.Number("SELECT count(*) FROM documents");

    /// <summary>How many documents are stored beyond a row id: beyond the index's commit mark, those not yet searchable.</summary>
    public long CountAfter(long rowId) => connection.Number("SELECT count(*) FROM documents WHERE rowid > $after", ("$after", rowId));

    public long MaxRowId() => connection.Number(MaxRowIdSql);

    /// <summary>How many documents each value of a column has among the documents with the given ids (a search's top hits), most first.</summary>
    public SearchFacets Facets(IReadOnlyList<string> ids, int valuesPerFacet)
    {
        // Deferred: the temporary table is the connection's own, so counting takes no write lock on the case.
        using var transaction = connection.BeginTransaction(deferred: true);
        transaction.Execute("CREATE TEMP TABLE IF NOT EXISTS facet_ids (id TEXT PRIMARY KEY); DELETE FROM facet_ids;");
        using (var insert = transaction.Prepare("INSERT OR IGNORE INTO facet_ids (id) VALUES ($id)", ("$id", null)))
        {
            foreach (var id in ids)
            {
                insert.Parameters["$id"].Value = id;
                insert.ExecuteNonQuery();
            }
        }

        List<FacetCount> Count(string sql) =>
            transaction.Query(sql + $" ORDER BY 2 DESC, 1 LIMIT {valuesPerFacet}", reader => new FacetCount(reader.GetString(0), reader.GetInt32(1)));

        var facets = new SearchFacets(
            ids.Count,
            Count("SELECT d.site, count(*) FROM documents d JOIN facet_ids f ON f.id = d.id GROUP BY d.site"),
            Count("SELECT d.author, count(*) FROM documents d JOIN facet_ids f ON f.id = d.id WHERE d.author IS NOT NULL GROUP BY d.author"),
            Count("SELECT d.kind, count(*) FROM documents d JOIN facet_ids f ON f.id = d.id GROUP BY d.kind"),
            Count("""
                SELECT s.type, count(DISTINCT m.document) FROM mentions m JOIN selectors s ON s.id = m.selector
                JOIN documents d ON d.rowid = m.document JOIN facet_ids f ON f.id = d.id GROUP BY s.type
                """))
        {
            Drugs = Count(FactFacet("$.items", "json_extract(value, '$.drug')")),
            ShipsFrom = Count(FactFacet("$.ships_from", "value")),
            ShipsTo = Count(FactFacet("$.ships_to", "value")),
        };
        transaction.Rollback();
        return facets;
    }

    /// <summary>Counts the documents per value of a list in their stored facts (one count per document however often it names the value).</summary>
    private static string FactFacet(string path, string value) => $"""
        SELECT {value} AS facet, count(DISTINCT d.rowid) FROM documents d JOIN facet_ids f ON f.id = d.id JOIN facts x ON x.document = d.rowid,
        json_each(x.data, '{path}') WHERE x.data IS NOT NULL AND facet IS NOT NULL GROUP BY facet
        """;

    /// <summary>Authored documents (those with an author) in the order stored, with their handle: what alias resolution reads.</summary>
    public IReadOnlyList<AuthoredText> AuthoredTexts() =>
        connection.Query(
            "SELECT rowid, site || '/' || author, id, kind, coalesce(title, ''), text FROM documents WHERE author IS NOT NULL ORDER BY rowid",
            reader => new AuthoredText(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));

    private const string MaxRowIdSql = "SELECT coalesce(max(rowid), 0) FROM documents";

    private static Document Read(SqliteDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        long? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
        var metadata = Text(11) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;
        DateTimeOffset? postedAt = Text(7) is { } posted ? DateTimeOffset.Parse(posted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
        var (byteStart, byteEnd) = (reader.GetInt64(17), reader.GetInt64(18));
        return new Document(reader.GetString(2), Text(3), Text(4), Text(5), reader.GetString(6), postedAt, Text(8), reader.GetString(9), Text(10), metadata)
        {
            RowId = reader.GetInt64(0),
            Id = reader.GetString(1),
            ContentSha256 = reader.GetString(12),
            Location = new RecordLocation(byteStart, byteEnd, Number(15), Number(16)),
            Provenance = new Provenance(reader.GetString(13), reader.GetString(14), Number(15), Number(16), byteStart, byteEnd,
                DateTimeOffset.Parse(reader.GetString(19), CultureInfo.InvariantCulture), reader.GetString(20)),
            Repairs = Text(21),
            Listing = Text(22) ?? reader.GetString(1),
        };
    }
}
