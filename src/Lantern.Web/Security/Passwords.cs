using Lantern.Cases;
using Lantern.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Web.Security;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Passwords of case members, hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2 with a per-password salt). After <see cref="MaxFailedAttempts"/> failures in a row an account
/// is locked for <see cref="LockoutDuration"/>; every attempt is written to the audit trail.
/// </summary>
public static class Passwords
{
    public const int MaxFailedAttempts = 5;
    public const int MinimumLength = 10;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Sets a member's password, as that member or as an admin (checked and audited by the library).</summary>
    public static void Set(CaseSession session, string member, string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new ArgumentException($"a password needs at least {MinimumLength} characters");
        }

        new CaseAdministration(session).SetPasswordHash(member, Hasher.HashPassword(member, password));
    }

    public static SignInOutcome SignIn(Workspace workspace, string member, string password, DateTimeOffset now)
    {
        var store = new SignInStore(workspace);
        var audit = new AuditLog(workspace);
        var record = store.Find(member);
        var roles = new MemberStore(workspace).RolesOf(member);
        var role = roles.Count == 0 ? "none" : string.Join(',', roles.Select(Rights.Name));
        if (record is null || roles.Count == 0)
        {
            audit.Append(member, role, "sign-in", new { }, null, null, "denied");
            return SignInOutcome.Failed;
        }

        if (record.LockedUntil is { } until && until > now)
        {
            audit.Append(member, role, "sign-in", new { locked_until = until }, null, null, "locked");
            return SignInOutcome.LockedOut;
        }

        if (Hasher.VerifyHashedPassword(member, record.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var failures = record.FailedAttempts + 1;
            var lockedUntil = failures >= MaxFailedAttempts ? now + LockoutDuration : (DateTimeOffset?)null;
            store.RecordAttempt(member, lockedUntil is null ? failures : 0, lockedUntil);
            audit.Append(member, role, "sign-in", new { failed_attempts = failures }, null, null, lockedUntil is null ? "denied" : "locked");
            return lockedUntil is null ? SignInOutcome.Failed : SignInOutcome.LockedOut;
        }

        store.RecordAttempt(member, 0, null);
        audit.Append(member, role, "sign-in", new { }, null, null);
        return SignInOutcome.Success;
    }
}
