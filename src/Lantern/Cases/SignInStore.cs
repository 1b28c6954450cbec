using System.Globalization;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>A member's sign-in record: the password hash (as the web host's hasher wrote it), failed attempts and any lockout.</summary>
public sealed record SignInRecord(string Name, string PasswordHash, int FailedAttempts, DateTimeOffset? LockedUntil);

/// <summary>
/// Where the web application keeps members' passwords. Only hashes are stored; the hashing itself
/// belongs to the web host (ASP.NET Core Identity's PasswordHasher), which is the only place that signs in.
/// </summary>
public sealed class SignInStore(Workspace workspace)
{
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
            throw new ArgumentException($"{name} is not a member of this case; add them first with 'lantern members add'");
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
