using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// Audits the sign-in failures nobody's lockout bounds — names that are not members, and attempts on
/// an account already locked — at most once per <paramref name="window"/> for each kind: the first
/// failure of a window is written at once, the rest are counted and written as one entry (attempts,
/// up to <see cref="NamesKept"/> of the names tried, since when) with the next window's first failure
/// or when the server stops. A flood of guesses thus adds at most one entry a window, yet is never silent.
/// </summary>
public sealed class SignInFailures(TimeSpan window)
{
    public const int NamesKept = 10;
    public const string NotAMemberUser = "(not a member)";
    private const int NameLength = 64;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Pending> pending = new(StringComparer.Ordinal);

    /// <summary>A failed sign-in with a name that is not a member of the case (or has no password).</summary>
    public void NotAMember(Workspace workspace, string name, DateTimeOffset now) =>
        Count(workspace, string.Empty, NotAMemberUser, "none", "denied", name, now);

    /// <summary>A sign-in attempt on a member's account while it is locked.</summary>
    public void Locked(Workspace workspace, string member, string role, DateTimeOffset until, DateTimeOffset now) =>
        Count(workspace, member, member, role, "locked", member, now, until);

    /// <summary>Writes what was counted but not yet written (the server is stopping).</summary>
    public void Flush(Workspace workspace)
    {
        lock (gate)
        {
            foreach (var (key, state) in pending.Where(entry => entry.Value.Attempts > 0).ToList())
            {
                Write(workspace, state, state.Attempts);
                pending[key] = state with { Attempts = 0, Names = [] };
            }
        }
    }

    private void Count(Workspace workspace, string key, string user, string role, string outcome, string name, DateTimeOffset now, DateTimeOffset? lockedUntil = null)
    {
        name = name.Length > NameLength ? name[..NameLength] + "…" : name;
        lock (gate)
        {
            if (!pending.TryGetValue(key, out var state) || now - state.WindowStart >= window)
            {
                var names = state?.Names ?? [];
                var written = (state ?? new Pending(user, role, outcome, now, 0, [], null)) with
                {
                    Role = role,
                    Names = names.Contains(name) || names.Count >= NamesKept ? names : [.. names, name],
                    LockedUntil = lockedUntil,
                };
                Write(workspace, written, written.Attempts + 1);
                pending[key] = new Pending(user, role, outcome, now, 0, [], lockedUntil);
                return;
            }

            pending[key] = state with
            {
                Attempts = state.Attempts + 1,
                Names = state.Names.Contains(name) || state.Names.Count >= NamesKept ? state.Names : [.. state.Names, name],
                LockedUntil = lockedUntil ?? state.LockedUntil,
            };
        }
    }

    private static void Write(Workspace workspace, Pending state, long attempts) =>
        new AuditLog(workspace).Append(state.User, state.Role, "sign-in",
            state.User == NotAMemberUser
                ? (object)new { attempts, names = state.Names, since = state.WindowStart }
                : new { attempts, names = state.Names, since = state.WindowStart, locked_until = state.LockedUntil },
            null, null, state.Outcome);

    private sealed record Pending(string User, string Role, string Outcome, DateTimeOffset WindowStart, long Attempts, IReadOnlyList<string> Names, DateTimeOffset? LockedUntil);
}
