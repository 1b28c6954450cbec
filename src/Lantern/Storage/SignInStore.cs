using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>A member's sign-in record: the password hash (as the web host's hasher wrote it), failed attempts and any lockout.</summary>
internal sealed record SignInRecord(string Name, string PasswordHash, int FailedAttempts, DateTimeOffset? LockedUntil);

/// <summary>
/// Where the web application keeps members' passwords and live sessions. Only hashes are stored; the
/// hashing itself belongs to the web host (ASP.NET Core Identity's PasswordHasher), which is the only
/// place that signs in. A session lives here from sign-in until sign-out, a password change or
/// <see cref="SessionLifetime"/>; the web host checks it on every request, so ending it here ends it.
/// </summary>
internal sealed class SignInStore
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private readonly SqliteConnection connection;
    private readonly MemberStore members;

    internal SignInStore(SqliteConnection connection, MemberStore members)
    {
        this.connection = connection;
        this.members = members;
    }

    public SignInRecord? Find(string name) =>
        connection.Query(
            "SELECT name, password_hash, failed_attempts, locked_until FROM sign_in WHERE name = $name",
            reader => new SignInRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)),
            ("$name", name)) is [var record, ..] ? record : null;

    /// <summary>Sets a member's password hash and clears failures and lockout.</summary>
    public void SetHash(string name, string hash)
    {
        if (members.RolesOf(name).Count == 0)
        {
            throw new NotFoundException($"{name} is not a member of this case; add them first with 'lantern members add'");
        }

        connection.Execute(
            """
            INSERT INTO sign_in (name, password_hash, failed_attempts, locked_until, changed_at) VALUES ($name, $hash, 0, NULL, $at)
            ON CONFLICT (name) DO UPDATE SET password_hash = $hash, failed_attempts = 0, locked_until = NULL, changed_at = $at
            """,
            ("$name", name), ("$hash", hash), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        EndSessions(name);
    }

    /// <summary>Starts a session for a member who just signed in; returns its id (random, 256 bits). Expired sessions are removed on the way.</summary>
    public string StartSession(string name, DateTimeOffset now)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        connection.Execute(
            """
            DELETE FROM sign_in_sessions WHERE started_at < $expired;
            INSERT INTO sign_in_sessions (id, name, started_at) VALUES ($id, $name, $at);
            """,
            ("$expired", (now - SessionLifetime).ToString("O", CultureInfo.InvariantCulture)), ("$id", id), ("$name", name),
            ("$at", now.ToString("O", CultureInfo.InvariantCulture)));
        return id;
    }

    /// <summary>Whether a session is still live: not ended, not expired, and its member still a member with a password.</summary>
    public bool IsLive(string name, string sessionId, DateTimeOffset now) =>
        connection.Number(
            """
            SELECT count(*) FROM sign_in_sessions s JOIN sign_in p ON p.name = s.name JOIN members m ON m.name = s.name
            WHERE s.id = $id AND s.name = $name AND s.started_at >= $expired
            """,
            ("$id", sessionId), ("$name", name), ("$expired", (now - SessionLifetime).ToString("O", CultureInfo.InvariantCulture))) > 0;

    /// <summary>Ends one session (sign-out).</summary>
    public void EndSession(string sessionId) =>
        connection.Execute("DELETE FROM sign_in_sessions WHERE id = $id", ("$id", sessionId));

    /// <summary>Ends every session of a member (a password change).</summary>
    public void EndSessions(string name) =>
        connection.Execute("DELETE FROM sign_in_sessions WHERE name = $name", ("$name", name));

    public void RecordAttempt(string name, int failedAttempts, DateTimeOffset? lockedUntil) =>
        connection.Execute(
            "UPDATE sign_in SET failed_attempts = $failed, locked_until = $until WHERE name = $name",
            ("$name", name), ("$failed", failedAttempts), ("$until", lockedUntil?.ToString("O", CultureInfo.InvariantCulture)));
}
