using System.CommandLine;
using Lantern.Cases;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class MembersCommand
{
    public static Command Create()
    {
        var addName = new Argument<string>("name") { Description = "The member's user name: their operating-system account name, which is who they are in the CLI" };
        var addRole = new Option<string>("--role") { Description = "analyst, supervisor, auditor or admin", Required = true };
        var add = new Command("add", "Give a person a role in the case (admins only). Example: lantern members add jdevries --role analyst") { addName, addRole };
        add.SetAction(parse => CliContext.Run(parse, context =>
        {
            var role = Rights.Parse(parse.GetValue(addRole)!);
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            new CaseAdministration(context.OpenSession(workspace)).AddMember(parse.GetValue(addName)!, role);
            context.Out.MarkupLine($"{Markup.Escape(parse.GetValue(addName)!)} is now {Rights.Name(role)} in case {Markup.Escape(workspace.Case.Id)}.");
            return ExitCodes.Success;
        }));

        var removeName = new Argument<string>("name") { Description = "The member" };
        var removeRole = new Option<string?>("--role") { Description = "Take only this role; without it the member leaves the case" };
        var remove = new Command("remove", "Take a role, or the membership, from a person (admins only); the last admin stays.") { removeName, removeRole };
        remove.SetAction(parse => CliContext.Run(parse, context =>
        {
            Role? role = parse.GetValue(removeRole) is { } text ? Rights.Parse(text) : null;
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            new CaseAdministration(context.OpenSession(workspace)).RemoveMember(parse.GetValue(removeName)!, role);
            context.Out.MarkupLine($"Removed {(role is { } r ? Rights.Name(r) + " from " : string.Empty)}{Markup.Escape(parse.GetValue(removeName)!)}.");
            return ExitCodes.Success;
        }));

        var passwdName = new Argument<string>("name") { Description = "The member whose web sign-in password to set" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking" };
        var passwd = new Command("passwd", $"Set the password a member signs in to the web application with (lantern serve): your own, or anyone's as admin. " +
            $"At least {Passwords.MinimumLength} characters; stored as a salted PBKDF2 hash.\nExamples: lantern members passwd jdevries · echo \"$PW\" | lantern members passwd jdevries --password-stdin")
        {
            passwdName, passwordStdin,
        };
        passwd.SetAction(parse => CliContext.Run(parse, context =>
        {
            var name = parse.GetValue(passwdName)!;
            string password;
            if (parse.GetValue(passwordStdin))
            {
                password = System.Console.In.ReadLine() ?? throw new BadInputException("no password on standard input");
            }
            else if (System.Console.IsInputRedirected || !context.Out.Profile.Capabilities.Interactive)
            {
                return context.Fail($"there is no terminal to ask for the password on; give it on standard input with --password-stdin, " +
                    $"e.g. echo \"$PW\" | lantern members passwd {name} --password-stdin");
            }
            else
            {
                password = context.Out.Prompt(new TextPrompt<string>($"New password for {Markup.Escape(name)}:").Secret());
                if (context.Out.Prompt(new TextPrompt<string>("Again:").Secret()) != password)
                {
                    return context.Fail("the two passwords differ; nothing was changed");
                }
            }

            using var workspace = context.OpenWorkspace();
            Passwords.Set(context.OpenSession(workspace), name, password);
            context.Out.MarkupLine($"{Markup.Escape(name)} can now sign in to [bold]lantern serve[/] for case {Markup.Escape(workspace.Case.Id)}.");
            return ExitCodes.Success;
        }));

        var list = new Command("list", "The case's members and their roles (members of the case only; the listing is audited).");
        list.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var members = new CaseAdministration(session).Members();
            if (context.AsJson)
            {
                CliContext.WriteJson(new { members = members.Select(member => new { name = member.Name, roles = member.Roles.Select(Rights.Name), added_at = member.AddedAt, added_by = member.AddedBy }) });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("member", "roles", "added", "by");
            foreach (var member in members)
            {
                table.AddRow(Markup.Escape(member.Name), string.Join(", ", member.Roles.Select(Rights.Name)), member.AddedAt.ToString("yyyy-MM-dd"), Markup.Escape(member.AddedBy));
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        }));

        return new Command("members", "Who works the case and in which role: analyst (search, view, link, export with justification), supervisor (also decides links, " +
            "applies retention), auditor (reads and verifies the audit trail only), admin (manages members, sees no case content).")
        {
            add, remove, passwd, list,
        };
    }
}
