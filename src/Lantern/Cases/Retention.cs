using System.Globalization;
using Lantern.Search;
using Lantern.Storage;
using Lucene.Net.Index;

namespace Lantern.Cases;

/// <summary>A document past the case's retention period: what is kept of it after removal (ids and hashes, never content).</summary>
public sealed record ExpiredDocument(string Id, string ContentSha256, string SourceSha256, DateTimeOffset IngestedAt);

public sealed record RetentionResult(int RetentionDays, DateTimeOffset Cutoff, IReadOnlyList<ExpiredDocument> Removed, bool DryRun);

/// <summary>
/// Removes documents ingested longer ago than the case's retention period from SQLite (with their
/// mentions), from the Lucene index, and from the files themselves: SQLite's secure_delete zeroes
/// freed pages, the WAL is checkpointed and truncated and the database vacuumed; the index is
/// merged so no segment keeps the removed documents' terms. What was removed is logged by id and
/// SHA-256 only.
/// </summary>
public sealed class Retention(CaseSession session)
{
    public RetentionResult Apply(bool dryRun, DateTimeOffset? now = null)
    {
        var workspace = session.Workspace;
        if (workspace.Case.RetentionDays is not { } days)
        {
            throw new BadInputException($"case {workspace.Case.Id} has no retention period (set at lantern init with --retention-days)");
        }

        var action = dryRun ? "retention.dry-run" : "retention.apply";
        var role = session.Authorize(Permission.ApplyRetention, action, new { retention_days = days });
        var cutoff = (now ?? DateTimeOffset.UtcNow).AddDays(-days);
        var expired = Expired(workspace, cutoff);
        if (!dryRun && expired.Count > 0)
        {
            using var writeLock = workspace.LockForWriting("retention", session.User);
            RemoveFromIndex(workspace, writeLock, expired);
            RemoveFromDatabase(workspace, expired);
        }

        session.Record(role, action, new { retention_days = days, cutoff, documents = expired.Select(document => document.Id) }, expired.Count);
        return new RetentionResult(days, cutoff, expired, dryRun);
    }

    private static List<ExpiredDocument> Expired(Workspace workspace, DateTimeOffset cutoff)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "SELECT id, content_sha256, source_sha256, ingested_at FROM documents WHERE ingested_at < $cutoff ORDER BY rowid";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToString("O", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var expired = new List<ExpiredDocument>();
        while (reader.Read())
        {
            expired.Add(new ExpiredDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return expired;
    }

    private static void RemoveFromIndex(Workspace workspace, WriteLock writeLock, List<ExpiredDocument> expired)
    {
        using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
        index.CatchUp(new DocumentStore(workspace.Connection), new MentionStore(workspace.Connection));
        index.DeleteAndPurge(expired.Select(document => new Term(IndexFields.Id, document.Id)));
    }

    private void RemoveFromDatabase(Workspace workspace, List<ExpiredDocument> expired)
    {
        var connection = workspace.Connection;
        using (var secure = connection.CreateCommand())
        {
            secure.CommandText = "PRAGMA secure_delete = ON";
            secure.ExecuteNonQuery();
        }

        using (var transaction = connection.BeginTransaction())
        {
            using var log = connection.CreateCommand();
            log.Transaction = transaction;
            log.CommandText = """
                INSERT INTO retention_log (run_at, run_by, document_id, content_sha256, source_sha256, ingested_at)
                VALUES ($at, $by, $id, $content, $source, $ingested);
                DELETE FROM documents WHERE id = $id;
                """;
            var at = log.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            log.Parameters.AddWithValue("$by", session.User);
            var id = log.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            var content = log.Parameters.Add("$content", Microsoft.Data.Sqlite.SqliteType.Text);
            var source = log.Parameters.Add("$source", Microsoft.Data.Sqlite.SqliteType.Text);
            var ingested = log.Parameters.Add("$ingested", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var document in expired)
            {
                id.Value = document.Id;
                content.Value = document.ContentSha256;
                source.Value = document.SourceSha256;
                ingested.Value = document.IngestedAt.ToString("O", CultureInfo.InvariantCulture);
                log.ExecuteNonQuery();
            }

            using var orphans = connection.CreateCommand();
            orphans.Transaction = transaction;
            orphans.CommandText = "DELETE FROM selectors WHERE id NOT IN (SELECT DISTINCT selector FROM mentions)";
            orphans.ExecuteNonQuery();
            transaction.Commit();
        }

        using var compact = connection.CreateCommand();
        compact.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        compact.ExecuteNonQuery();
    }
}
