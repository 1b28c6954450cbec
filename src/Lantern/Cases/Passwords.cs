using Lantern.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Cases;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Passwords of case members, hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2 with a per-password salt). After <see cref="MaxFailedAttempts"/> failures in a row an account
/// is locked for <see cref="LockoutDuration"/>. Every attempt costs one hash verification — against a
/// dummy hash for a name that is not a member — so the time an answer takes does not tell who is one.
/// Members' attempts are audited one by one (lockout bounds them); attempts with unknown names and on
/// locked accounts are counted by <see cref="SignInFailures"/>, so a flood cannot grow the trail without bound.
/// </summary>
public static class Passwords
{
    public const int MaxFailedAttempts = 5;
    public const int MinimumLength = 10;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The one answer to every refused sign-in, member or not, locked or not.</summary>
    public static readonly string RefusalMessage =
        $"The name or password is not right, or the account is locked for {LockoutDuration.TotalMinutes:0} minutes after {MaxFailedAttempts} failed attempts.";

    private static readonly PasswordHasher<string> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(string.Empty, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    /// <summary>Sets a member's password, as that member or as an admin (checked and audited by the library); their sessions end.</summary>
    public static void Set(CaseSession session, string member, string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new BadInputException($"a password needs at least {MinimumLength} characters");
        }

        new CaseAdministration(session).SetPasswordHash(member, Hasher.HashPassword(member, password));
    }

    public static SignInOutcome SignIn(Workspace workspace, string member, string password, DateTimeOffset now, SignInFailures failures)
    {
        var store = workspace.SignIns;
        var record = store.Find(member);
        var roles = workspace.Members.RolesOf(member);
        var known = record is not null && roles.Count > 0;
        var verified = Hasher.VerifyHashedPassword(member, known ? record!.PasswordHash : DummyHash.Value, password) != PasswordVerificationResult.Failed;
        if (!known)
        {
            failures.NotAMember(workspace, member, now);
            return SignInOutcome.Failed;
        }

        var role = string.Join(',', roles.Select(Rights.Name));
        if (record!.LockedUntil is { } until && until > now)
        {
            failures.Locked(workspace, member, role, until, now);
            return SignInOutcome.LockedOut;
        }

        var audit = new AuditLog(workspace);
        if (!verified)
        {
            var attempts = record.FailedAttempts + 1;
            var lockedUntil = attempts >= MaxFailedAttempts ? now + LockoutDuration : (DateTimeOffset?)null;
            store.RecordAttempt(member, lockedUntil is null ? attempts : 0, lockedUntil);
            audit.Append(member, role, "sign-in", new { failed_attempts = attempts }, null, null, lockedUntil is null ? "denied" : "locked");
            return lockedUntil is null ? SignInOutcome.Failed : SignInOutcome.LockedOut;
        }

        store.RecordAttempt(member, 0, null);
        audit.Append(member, role, "sign-in", new { }, null, null);
        return SignInOutcome.Success;
    }

    /// <summary>Starts a signed-in session for a member who has just signed in; returns its id, kept server-side.</summary>
    public static string StartSession(Workspace workspace, string member, DateTimeOffset now) => workspace.SignIns.StartSession(member, now);

    /// <summary>Whether a session id is still live for the member (not signed out, not expired, password not changed since).</summary>
    public static bool IsLive(Workspace workspace, string member, string sessionId, DateTimeOffset now) => workspace.SignIns.IsLive(member, sessionId, now);

    /// <summary>Ends a session, and audits the sign-out.</summary>
    public static void SignOut(Workspace workspace, string member, string sessionId)
    {
        workspace.SignIns.EndSession(sessionId);
        var roles = workspace.Members.RolesOf(member);
        new AuditLog(workspace).Append(member, roles.Count == 0 ? "none" : string.Join(',', roles.Select(Rights.Name)), "sign-out", new { }, null, null);
    }

    /// <summary>
    /// The key that encrypts a served case's web sign-in keys, derived from the case's audit key, so
    /// that whoever can read the workspace cannot forge sign-in cookies without the key kept outside it.
    /// </summary>
    public static byte[] WebKeyEncryptionKey(Workspace workspace)
    {
        var key = workspace.AuditKey ?? throw new BadInputException(
            $"serving case {workspace.Case.Id} needs its audit key, which also protects the web sign-in keys; none at {AuditKey.Location(workspace.Case.Id)}: " +
            $"run 'lantern serve' as the account that created the case, or point {AuditKey.EnvironmentVariable} to the case's key file");
        return key.Derive("web-keys");
    }

    /// <summary>Creates the folder that holds a served case's (encrypted) web keys, with the workspace's file modes.</summary>
    public static void CreateKeysFolder(Workspace workspace, string folder)
    {
        if (!Directory.Exists(folder))
        {
            FileModes.CreateFolder(folder, workspace.SharedWithGroup);
        }
    }
}
