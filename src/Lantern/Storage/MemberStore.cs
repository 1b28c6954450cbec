using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>The case's members and their roles.</summary>
internal sealed class MemberStore
{
    private readonly SqliteConnection connection;

    internal MemberStore(SqliteConnection connection) => this.connection = connection;

    public IReadOnlyList<Member> All() =>
        connection.Query(
            "SELECT name, roles, added_at, added_by FROM members ORDER BY name",
            reader => new Member(reader.GetString(0), ParseRoles(reader.GetString(1)), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3)));

    public IReadOnlySet<Role> RolesOf(string user) =>
        All().FirstOrDefault(member => member.Name == user)?.Roles.ToHashSet() ?? [];

    /// <summary>Gives a member a role (adding the member if new).</summary>
    public void Grant(string name, Role role, string by)
    {
        var roles = RolesOf(name).Append(role).Distinct().Order().ToList();
        connection.Execute(
            """
            INSERT INTO members (name, roles, added_at, added_by) VALUES ($name, $roles, $at, $by)
            ON CONFLICT (name) DO UPDATE SET roles = $roles
            """,
            ("$name", name), ("$roles", RolesText(roles)), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$by", by));
    }

    /// <summary>Takes one role, or every role (the membership), from a member; the last admin cannot be removed.</summary>
    public void Revoke(string name, Role? role)
    {
        var current = RolesOf(name);
        if (current.Count == 0)
        {
            throw new NotFoundException($"{name} is not a member of this case");
        }

        var remaining = role is { } one ? current.Where(existing => existing != one).ToList() : [];
        var admins = All().Count(member => member.Roles.Contains(Role.Admin) && member.Name != name);
        if (current.Contains(Role.Admin) && !remaining.Contains(Role.Admin) && admins == 0)
        {
            throw new ConflictException($"{name} is the case's last admin; make another member admin first");
        }

        connection.Execute(
            remaining.Count == 0 ? "DELETE FROM members WHERE name = $name" : "UPDATE members SET roles = $roles WHERE name = $name",
            ("$name", name), ("$roles", RolesText(remaining)));
    }

    /// <summary>Roles as the members table holds them: lower-case names, comma-separated.</summary>
    private static string RolesText(IEnumerable<Role> roles) => string.Join(',', roles.Select(role => role.ToString().ToLowerInvariant()));

    private static List<Role> ParseRoles(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<Role>(name, ignoreCase: true, out var role) && Enum.IsDefined(role)
                ? role
                : throw new BadInputException($"'{name}' is not a role; use analyst, supervisor, auditor or admin"))
            .ToList();
}
