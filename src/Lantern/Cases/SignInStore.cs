using System.Globalization;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>A member's sign-in record: the password hash (as the web host's hasher wrote it), failed attempts and any lockout.</summary>
public sealed record SignInRecord(string Name, string PasswordHash, int FailedAttempts, DateTimeOffset? LockedUntil);

/// <summary>
/// Where the web application keeps members' passwords and live sessions. Only hashes are stored; the
/// hashing itself belongs to the web host (ASP.NET Core Identity's PasswordHasher), which is the only
/// place that signs in. A session lives here from sign-in until sign-out, a password change or
/// <see cref="SessionLifetime"/>; the web host checks it on every request, so ending it here ends it.
/// </summary>
public sealed class SignInStore(Workspace workspace)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public SignInRecord? Find(string name)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "SELECT name, password_hash, failed_attempts, locked_until FROM sign_in WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SignInRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Sets a member's password hash and clears failures and lockout.</summary>
    public void SetHash(string name, string hash)
    {
        if (new MemberStore(workspace).RolesOf(name).Count == 0)
        {
            throw new NotFoundException($"{name} is not a member of this case; add them first with 'lantern members add'");
        }

        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sign_in (name, password_hash, failed_attempts, locked_until, changed_at) VALUES ($name, $hash, 0, NULL, $at)
            ON CONFLICT (name) DO UPDATE SET password_hash = $hash, failed_attempts = 0, locked_until = NULL, changed_at = $at
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        EndSessions(name);
    }

    /// <summary>Starts a session for a member who just signed in; returns its id (random, 256 bits). Expired sessions are removed on the way.</summary>
    public string StartSession(string name, DateTimeOffset now)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            DELETE FROM sign_in_sessions WHERE started_at < $expired;
            INSERT INTO sign_in_sessions (id, name, started_at) VALUES ($id, $name, $at);
            """;
        command.Parameters.AddWithValue("$expired", (now - SessionLifetime).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        return id;
    }

    /// <summary>Whether a session is still live: not ended, not expired, and its member still a member with a password.</summary>
    public bool IsLive(string name, string sessionId, DateTimeOffset now)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM sign_in_sessions s JOIN sign_in p ON p.name = s.name JOIN members m ON m.name = s.name
            WHERE s.id = $id AND s.name = $name AND s.started_at >= $expired
            """;
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$expired", (now - SessionLifetime).ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public void EndSession(string sessionId)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "DELETE FROM sign_in_sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", sessionId);
        command.ExecuteNonQuery();
    }

    /// <summary>Ends every session of a member (a password change).</summary>
    public void EndSessions(string name)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "DELETE FROM sign_in_sessions WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }

    public void RecordAttempt(string name, int failedAttempts, DateTimeOffset? lockedUntil)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "UPDATE sign_in SET failed_attempts = $failed, locked_until = $until WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$failed", failedAttempts);
        command.Parameters.AddWithValue("$until", lockedUntil is { } until ? until.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
        command.ExecuteNonQuery();
    }
}
