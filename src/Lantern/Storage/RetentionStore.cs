using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>Finds documents past retention and removes them from the database file for good, logging ids and hashes.</summary>
internal sealed class RetentionStore
{
    private readonly SqliteConnection connection;

    internal RetentionStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Documents ingested before the cutoff, in the order stored.</summary>
    public IReadOnlyList<ExpiredDocument> IngestedBefore(DateTimeOffset cutoff) =>
        connection.Query(
            "SELECT id, content_sha256, source_sha256, ingested_at FROM documents WHERE ingested_at < $cutoff ORDER BY rowid",
            reader => new ExpiredDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)),
            ("$cutoff", cutoff.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Removes the documents (their mentions go with them, and selectors no longer mentioned) and logs
    /// each by id and hashes; secure_delete zeroes the freed pages, and the WAL is checkpointed and
    /// truncated and the file vacuumed, so no copy of the content stays in the files.
    /// </summary>
    public void Remove(IReadOnlyList<ExpiredDocument> expired, string user)
    {
        connection.Execute("PRAGMA secure_delete = ON");
        using (var transaction = connection.BeginTransaction())
        {
            using var log = transaction.Prepare(
                """
                INSERT INTO retention_log (run_at, run_by, document_id, content_sha256, source_sha256, ingested_at)
                VALUES ($at, $by, $id, $content, $source, $ingested);
                DELETE FROM documents WHERE id = $id;
                """,
                ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$by", user),
                ("$id", null), ("$content", null), ("$source", null), ("$ingested", null));
            foreach (var document in expired)
            {
                log.Parameters["$id"].Value = document.Id;
                log.Parameters["$content"].Value = document.ContentSha256;
                log.Parameters["$source"].Value = document.SourceSha256;
                log.Parameters["$ingested"].Value = document.IngestedAt.ToString("O", CultureInfo.InvariantCulture);
                log.ExecuteNonQuery();
            }

            transaction.Execute("DELETE FROM selectors WHERE id NOT IN (SELECT DISTINCT selector FROM mentions)");
            transaction.Commit();
        }

        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
    }
}
