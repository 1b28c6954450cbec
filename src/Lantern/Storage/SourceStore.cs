using System.Globalization;
using Lantern.Ingest;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>The files ingested (one row per content, format, site and options) and the problems ingest met.</summary>
internal sealed class SourceStore
{
    private readonly SqliteConnection connection;

    internal SourceStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>The row of a file read this way before, and whether that read completed; a new, partial row if none.</summary>
    public (long Id, bool Complete) Begin(SourceFile source, string format, string site, string options, string user)
    {
        if (connection.Query(
                "SELECT id, status FROM sources WHERE sha256 = $sha AND format = $format AND site = $site AND options = $options",
                reader => (reader.GetInt64(0), reader.GetString(1) == "complete"),
                ("$sha", source.Sha256), ("$format", format), ("$site", site), ("$options", options)) is [var found, ..])
        {
            return found;
        }

        return (connection.Number(
            """
            INSERT INTO sources (path, sha256, size, format, site, options, status, started_at, ingested_by)
            VALUES ($path, $sha, $size, $format, $site, $options, 'partial', $at, $user) RETURNING id
            """,
            ("$path", source.Path), ("$sha", source.Sha256), ("$size", source.Size), ("$format", format), ("$site", site), ("$options", options),
            ("$at", Now()), ("$user", user)), false);
    }

    /// <summary>Marks a file's read complete with its counts (documents add to any an interrupted read stored).</summary>
    public void Finish(long id, int documents, int duplicates, int errors) =>
        connection.Execute(
            """
            UPDATE sources SET status = 'complete', documents = documents + $documents, duplicates = $duplicates,
                errors = $errors, finished_at = $at WHERE id = $id
            """,
            ("$documents", documents), ("$duplicates", duplicates), ("$errors", errors), ("$at", Now()), ("$id", id));

    public void RecordProblem(IngestProblem problem) =>
        connection.Execute(
            "INSERT INTO ingest_errors (source_path, location, message, at) VALUES ($path, $location, $message, $at)",
            ("$path", problem.File), ("$location", problem.Location), ("$message", problem.Message), ("$at", Now()));

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
