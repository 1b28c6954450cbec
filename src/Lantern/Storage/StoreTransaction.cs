using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>
/// A transaction a caller holds across several store calls (the audit log's read-then-append). It
/// commits only when told; disposed uncommitted, it rolls back.
/// </summary>
internal sealed class StoreTransaction : IDisposable
{
    internal StoreTransaction(SqliteTransaction sqlite) => Sqlite = sqlite;

    internal SqliteTransaction Sqlite { get; }

    public void Commit() => Sqlite.Commit();

    public void Dispose() => Sqlite.Dispose();
}
