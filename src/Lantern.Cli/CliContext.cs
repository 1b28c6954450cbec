using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Cases;
using Lantern.Storage;
using Spectre.Console;

namespace Lantern.Cli;

/// <summary>Exit codes of DESIGN §7.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Partial = 2;
    public const int Denied = 3;

    /// <summary>Stopped by Ctrl+C (the shell's convention: 128 + SIGINT).</summary>
    public const int Cancelled = 130;
}

/// <summary>The global options every command shares, and the consoles it writes to.</summary>
public sealed class CliContext : IDisposable
{
    public static readonly Option<string?> WorkspaceOption = new("--workspace", "-w")
    {
        Description = $"The case workspace folder (default: ${Workspace.EnvironmentVariable}, else the current folder)",
        Recursive = true,
    };

    public static readonly Option<string?> UserOption = new("--user")
    {
        Description = "Act as this member of the case. You are always the operating-system account you run as; only an admin of the case may act as " +
            "another member, and the audit trail then records \"ACCOUNT acting as NAME\". Anyone else is refused (exit 3) and the attempt is audited",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Machine-readable JSON on stdout instead of tables",
        Recursive = true,
    };

    public static readonly Option<string?> ReasonOption = new("--reason")
    {
        Description = "Why you are doing this (a justification): stored in the audit entry; required for selector look-ups when the case says so",
        Recursive = true,
    };

    public static readonly Option<int> WaitOption = new("--wait")
    {
        Description = "For commands that write the case (ingest, reextract, retention apply, index rebuild, demo): how many seconds to wait " +
            "while another process is writing it, before giving up with exit code 1 (default 0: refuse at once, naming the other writer)",
        Recursive = true,
    };

    private CliContext(ParseResult parse)
    {
        WorkspaceDirectory = Workspace.Resolve(parse.GetValue(WorkspaceOption));
        OsUser = OperatingSystemAccount();
        RequestedUser = parse.GetValue(UserOption) is { Length: > 0 } user && user != OsUser ? user : null;
        AsJson = parse.GetValue(JsonOption);
        Reason = parse.GetValue(ReasonOption);
        WriterWait = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(WaitOption)));
    }

    /// <summary>
    /// Signalled by the first Ctrl+C: a long operation (ingest, reextract, index rebuild) then stops
    /// cleanly after the batch in hand. A second Ctrl+C ends the process at once.
    /// </summary>
    public CancellationToken Cancellation
    {
        get
        {
            if (cancellation is null)
            {
                cancellation = new CancellationTokenSource();
                System.Console.CancelKeyPress += (_, press) =>
                {
                    press.Cancel = !cancellation.IsCancellationRequested;
                    if (press.Cancel)
                    {
                        Error.MarkupLine("[yellow]stopping after the current batch… (Ctrl+C again to stop at once)[/]");
                        cancellation.Cancel();
                    }
                };
            }

            return cancellation.Token;
        }
    }

    private CancellationTokenSource? cancellation;

    /// <summary>How long a writing command waits for another writer (--wait).</summary>
    public TimeSpan WriterWait { get; }

    public string? Reason { get; }

    public string WorkspaceDirectory { get; }

    /// <summary>The operating-system account running the command: who acts, whatever --user says.</summary>
    public string OsUser { get; }

    /// <summary>The member named with --user, when it differs from the account (allowed to case admins only).</summary>
    public string? RequestedUser { get; }

    /// <summary>Who acts, as shown and recorded: "jdevries", or "root acting as sup".</summary>
    public string Who => RequestedUser is null ? OsUser : $"{OsUser} acting as {RequestedUser}";

    public bool AsJson { get; }

    public IAnsiConsole Out { get; } = Console(System.Console.Out, System.Console.IsOutputRedirected, redirectedWidth: 160);

    public IAnsiConsole Error { get; } = Console(System.Console.Error, System.Console.IsErrorRedirected, redirectedWidth: 1000);

    /// <summary>A console that, when piped, does not wrap at a guessed 80 columns (scripts and grep see whole lines), and that shows scraped text inert (<see cref="InertText"/>).</summary>
    private static IAnsiConsole Console(TextWriter writer, bool redirected, int redirectedWidth)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        console.Pipeline.Attach(new InertText());
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? Math.Max(columns, redirectedWidth) : redirectedWidth;
        }

        return console;
    }

    public static CliContext From(ParseResult parse) => new(parse);

    /// <summary>Opens the workspace; a writing command on it waits for another writer as --wait says, telling the analyst whom it waits for.</summary>
    public Workspace OpenWorkspace()
    {
        var workspace = Workspace.Open(WorkspaceDirectory);
        workspace.WriterWait = WriterWait;
        workspace.OnWaitingForWriter = message => Error.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");
        return workspace;
    }

    /// <summary>The acting member's session on a workspace: every library call checks its rights and audits through it.</summary>
    public CaseSession OpenSession(Workspace workspace) => CaseSession.OpenAs(workspace, OsUser, RequestedUser, Reason);

    /// <summary>
    /// The name of the account the process runs as, from the system's user database (never from
    /// $USER, which anyone can set); an account without a name there is "uid N".
    /// </summary>
    private static string OperatingSystemAccount()
    {
        if (Environment.UserName is { Length: > 0 } name)
        {
            return name;
        }

        var uid = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)
            : null;
        return uid is not null ? $"uid {uid}" : throw new BadInputException("cannot tell which operating-system account runs Lantern, so nothing can be recorded in its name");
    }

    public static void WriteJson<T>(T value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, LanternJson.Options));

    /// <summary>The case line shown above human output, so every screen says which case and on what authority.</summary>
    public void WriteCaseHeader(Workspace workspace)
    {
        if (AsJson)
        {
            return;
        }

        var info = workspace.Case;
        Out.MarkupLine($"[grey]Case[/] [bold]{Markup.Escape(info.Id)}[/] [grey]·[/] {Markup.Escape(info.Title)} [grey]· legal basis:[/] {Markup.Escape(info.LegalBasis)} [grey]· user:[/] {Markup.Escape(Who)}");
    }

    /// <summary>Says when stored mentions or listing facts come from an older extractor, and how to refresh them.</summary>
    public void WarnIfStale(Workspace workspace)
    {
        var stale = workspace.StaleDocuments();
        if (stale > 0)
        {
            Error.MarkupLine($"[yellow]warning:[/] {stale:N0} documents were extracted by an older selector extractor; run [bold]lantern reextract[/] to bring them up to date");
        }

        var staleFacts = workspace.StaleFacts();
        if (staleFacts > 0)
        {
            Error.MarkupLine($"[yellow]warning:[/] {staleFacts:N0} documents' listing facts were read by other facts rules or not yet; run [bold]lantern reextract[/] to bring them up to date");
        }
    }

    public int Fail(string message, int exitCode = ExitCodes.BadInput)
    {
        Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return exitCode;
    }

    /// <summary>
    /// Runs a command body, mapping Lantern's errors once to DESIGN §7's exit codes: a refusal by the
    /// case's rights is 3; bad input, something not found and a workspace busy or in the way are 1.
    /// Anything else is a defect and keeps its stack trace.
    /// </summary>
    public static int Run(ParseResult parse, Func<CliContext, int> body)
    {
        using var context = From(parse);
        try
        {
            return body(context);
        }
        catch (LanternException exception)
        {
            return context.Fail(exception.Message, ExitCode(exception));
        }
        catch (OperationCanceledException) when (context.cancellation?.IsCancellationRequested == true)
        {
            return context.Fail("stopped at your request; nothing was left half-written", ExitCodes.Cancelled);
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            return context.Fail("another Lantern process is writing to this workspace; try again when it has finished");
        }
    }

    /// <summary>
    /// The skeleton of a command on a case: open the workspace (waiting for another writer as --wait
    /// says), print the case line (unless <paramref name="header"/> is false), warn of documents from an
    /// older extractor when <paramref name="warnIfStale"/>, open the acting member's session — the door
    /// every operation passes — and run the body, with errors mapped as <see cref="Run"/> maps them.
    /// </summary>
    public static int RunOnCase(ParseResult parse, Func<CliContext, CaseSession, int> body, bool header = true, bool warnIfStale = false) =>
        Run(parse, context =>
        {
            using var workspace = context.OpenWorkspace();
            if (header)
            {
                context.WriteCaseHeader(workspace);
            }

            if (warnIfStale)
            {
                context.WarnIfStale(workspace);
            }

            return body(context, context.OpenSession(workspace));
        });

    public void Dispose() => cancellation?.Dispose();

    public static int ExitCode(LanternException exception) => exception is AccessDeniedException ? ExitCodes.Denied : ExitCodes.BadInput;
}
