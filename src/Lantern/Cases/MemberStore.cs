using System.Globalization;
using Lantern.Storage;

namespace Lantern.Cases;

public sealed record Member(string Name, IReadOnlyList<Role> Roles, DateTimeOffset AddedAt, string AddedBy);

/// <summary>The case's members and their roles.</summary>
public sealed class MemberStore(Workspace workspace)
{
    public IReadOnlyList<Member> All()
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "SELECT name, roles, added_at, added_by FROM members ORDER BY name";
        using var reader = command.ExecuteReader();
        var members = new List<Member>();
        while (reader.Read())
        {
            members.Add(new Member(reader.GetString(0), ParseRoles(reader.GetString(1)), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3)));
        }

        return members;
    }

    public IReadOnlySet<Role> RolesOf(string user) =>
        All().FirstOrDefault(member => member.Name == user)?.Roles.ToHashSet() ?? [];

    /// <summary>Gives a member a role (adding the member if new).</summary>
    public void Grant(string name, Role role, string by)
    {
        var roles = RolesOf(name).Append(role).Distinct().Order().ToList();
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO members (name, roles, added_at, added_by) VALUES ($name, $roles, $at, $by)
            ON CONFLICT (name) DO UPDATE SET roles = $roles
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$roles", string.Join(',', roles.Select(Rights.Name)));
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$by", by);
        command.ExecuteNonQuery();
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

        using var command = workspace.Connection.CreateCommand();
        command.CommandText = remaining.Count == 0 ? "DELETE FROM members WHERE name = $name" : "UPDATE members SET roles = $roles WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$roles", string.Join(',', remaining.Select(Rights.Name)));
        command.ExecuteNonQuery();
    }

    private static List<Role> ParseRoles(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Rights.Parse).ToList();
}
