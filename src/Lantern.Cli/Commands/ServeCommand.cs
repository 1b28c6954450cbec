using System.CommandLine;
using Lantern.Cases;
using Lantern.Web;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (';' between several). Loopback by default: put a TLS reverse proxy in front to serve a team", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Serve the workspace's case to the browser: search, documents, selectors, handles, aliases with review, the graph, " +
            "the audit trail, and the REST API under /api (OpenAPI at /openapi/v1.json). Members sign in with a password set by 'lantern members passwd'.\n" +
            "Example: lantern serve -w ./nightjar --urls http://127.0.0.1:5080")
        {
            urls,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using (var workspace = context.OpenWorkspace())
            {
                context.WriteCaseHeader(workspace);
            }

            Run(context, context.WorkspaceDirectory, parse.GetValue(urls)!, credentials: null);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Hosts the web application until Ctrl+C, printing where it listens (and, for the demo, who may sign in).</summary>
    public static void Run(CliContext context, string workspace, string urls, IReadOnlyList<(string Name, Role Role, string Password)>? credentials)
    {
        var app = LanternWebApp.Build([], workspace);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            app.Urls.Add(url);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            context.Out.MarkupLine($"Lantern is serving [bold]{Markup.Escape(workspace)}[/] at {string.Join(" ", app.Urls.Select(url => $"[link]{Markup.Escape(url)}[/]"))}  (Ctrl+C stops)");
            foreach (var (name, role, password) in credentials ?? [])
            {
                context.Out.MarkupLine($"  sign in as [bold]{Markup.Escape(name)}[/] ({Rights.Name(role)}) with password [bold]{Markup.Escape(password)}[/]");
            }
        });
        app.Run();
    }
}
