using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>The findings analysts marked for the case report; a removed one is kept with who removed it and when.</summary>
internal sealed class FindingStore
{
    private readonly SqliteConnection connection;

    internal FindingStore(SqliteConnection connection) => this.connection = connection;

    public Finding Add(string kind, string target, string note, string user, DateTimeOffset at)
    {
        var id = connection.Query(
            "INSERT INTO findings (kind, target, note, added_by, added_at) VALUES ($kind, $target, $note, $by, $at) RETURNING id",
            reader => reader.GetInt64(0), ("$kind", kind), ("$target", target), ("$note", note), ("$by", user), ("$at", AuditStore.Timestamp(at)))[0];
        return new Finding(id, kind, target, note, user, at);
    }

    /// <summary>The findings not removed, in the order they were marked.</summary>
    public IReadOnlyList<Finding> Active() =>
        connection.Query("SELECT id, kind, target, note, added_by, added_at FROM findings WHERE removed_at IS NULL ORDER BY id",
            reader => new Finding(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));

    /// <summary>Removes a finding from the report; false when no finding with that id is in it.</summary>
    public bool Remove(long id, string user, DateTimeOffset at) =>
        connection.Execute("UPDATE findings SET removed_by = $by, removed_at = $at WHERE id = $id AND removed_at IS NULL",
            ("$id", id), ("$by", user), ("$at", AuditStore.Timestamp(at))) == 1;
}
