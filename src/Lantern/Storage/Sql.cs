using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>
/// How the stores run SQL: one statement per call, parameters as (name, value) pairs (a null value is
/// SQL NULL) and each row mapped by a function written beside its query. Our own rather than Dapper's:
/// Dapper emits IL for each query shape on first use, which a one-shot <c>lantern</c> command pays on
/// every run (docs/architecture.md gives the measurements).
/// </summary>
internal static class Sql
{
    /// <summary>Every row of a query, mapped.</summary>
    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        Query(connection, null, sql, map, parameters);

    /// <summary>Every row of a query run inside a transaction, mapped.</summary>
    public static List<T> Query<T>(this SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        Query(transaction.Connection!, transaction, sql, map, parameters);

    /// <summary>The rows of a query one at a time, for results too large to hold (the reader stays open while the caller iterates).</summary>
    public static IEnumerable<T> Stream<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }

    /// <summary>Runs statements; returns the rows changed.</summary>
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs statements on a connection inside its open transaction; returns the rows changed.</summary>
    public static int Execute(this SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs statements inside a transaction; returns the rows changed.</summary>
    public static int Execute(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction.Connection!, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public static object? Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>A count (or any whole number) the query returns.</summary>
    public static long Number(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(Scalar(connection, sql, parameters), CultureInfo.InvariantCulture);

    /// <summary>
    /// A statement prepared once and run for many rows (bulk inserts): the caller sets the values
    /// of the parameters it named, then runs it; values left unset stay as first given.
    /// </summary>
    public static SqliteCommand Prepare(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Command(transaction.Connection!, transaction, sql, parameters);

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        // A new command joins the connection's open transaction, if any, as CreateCommand does.
        var command = connection.CreateCommand();
        if (transaction is not null)
        {
            command.Transaction = transaction;
        }

        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
