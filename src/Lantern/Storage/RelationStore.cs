using System.Globalization;
using Lantern.Ingest;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>A relationship-table link summed over its rows: total weight and how many rows say it.</summary>
internal sealed record RelationTotal(string Source, string Target, double Weight, int Rows);

/// <summary>A relationship-table link with where it was read: the file's path and the line.</summary>
internal sealed record RelationRow(string Source, string Target, string SourcePath, long Line);

/// <summary>Links between handles read from relationship tables (call records, transactions).</summary>
internal sealed class RelationStore
{
    private readonly SqliteConnection connection;

    internal RelationStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// Stores a file's links in one transaction (such tables are small beside document dumps); a link
    /// already stored is a duplicate. Returns how many were added and how many were duplicates.
    /// </summary>
    public (int Added, int Duplicates) Add(IEnumerable<Relation> relations, long sourceFileId, DateTimeOffset now, string user)
    {
        int added = 0, duplicates = 0;
        using var transaction = connection.BeginTransaction();
        using var insert = transaction.Prepare(
            """
            INSERT INTO relations (source, target, weight, at, source_file, line, ingested_at, ingested_by)
            VALUES ($source, $target, $weight, $at, $file, $line, $now, $user) ON CONFLICT DO NOTHING
            """,
            ("$source", null), ("$target", null), ("$weight", null), ("$at", null), ("$line", null),
            ("$file", sourceFileId), ("$now", now.ToString("O", CultureInfo.InvariantCulture)), ("$user", user));
        foreach (var relation in relations)
        {
            insert.Parameters["$source"].Value = relation.Source;
            insert.Parameters["$target"].Value = relation.Target;
            insert.Parameters["$weight"].Value = relation.Weight;
            insert.Parameters["$at"].Value = relation.At?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;
            insert.Parameters["$line"].Value = relation.Line;
            if (insert.ExecuteNonQuery() == 1)
            {
                added++;
            }
            else
            {
                duplicates++;
            }
        }

        transaction.Commit();
        return (added, duplicates);
    }

    /// <summary>Each linked pair with its summed weight and row count, in order.</summary>
    public IReadOnlyList<RelationTotal> Totals() =>
        connection.Query(
            "SELECT source, target, sum(weight), count(*) FROM relations GROUP BY source, target ORDER BY source, target",
            reader => new RelationTotal(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetInt32(3)));

    /// <summary>Every link with the file and line it was read from.</summary>
    public IReadOnlyList<RelationRow> WithSources() =>
        connection.Query(
            "SELECT r.source, r.target, s.path, r.line FROM relations r JOIN sources s ON s.id = r.source_file",
            reader => new RelationRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));

    /// <summary>The linked pairs, in the order stored, of links dated within the period (either end open; with an end given, undated links are left out).</summary>
    public IReadOnlyList<(string Source, string Target)> Pairs(DateTimeOffset? since, DateTimeOffset? until) =>
        connection.Query(
            """
            SELECT source, target FROM relations
            WHERE ($since IS NULL OR (at IS NOT NULL AND at >= $since)) AND ($until IS NULL OR (at IS NOT NULL AND at <= $until))
            ORDER BY id
            """,
            reader => (reader.GetString(0), reader.GetString(1)),
            ("$since", since is { } from ? Stamp(from) : null), ("$until", until is { } to ? Stamp(to) : null));

    /// <summary>Every handle the case knows: authors of documents and the ends of relationship-table links.</summary>
    public HashSet<string> Handles() =>
        connection.Query(
            """
            SELECT DISTINCT site || '/' || author FROM documents WHERE author IS NOT NULL
            UNION SELECT source FROM relations UNION SELECT target FROM relations
            """,
            reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
