using System.CommandLine;
using Lantern.Cli;
using Lantern.Cli.Commands;

var root = new RootCommand(
    "Lantern — an investigation workspace for online drug-market material: ingest what was collected, " +
    "search it, extract selectors and follow the links between them, with the case's legal basis and rights around everything.")
{
    CliContext.WorkspaceOption,
    CliContext.UserOption,
    CliContext.JsonOption,
    CliContext.ReasonOption,
    CliContext.WaitOption,
};
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(ShowCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(SelectorsCommand.Create());
root.Subcommands.Add(ReextractCommand.Create());
root.Subcommands.Add(IndexCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(MembersCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(RetentionCommand.Create());
root.Subcommands.Add(NetworkCommand.Create());
root.Subcommands.Add(AliasesCommand.Create());
root.Subcommands.Add(LinksCommand.CreateLinks());
root.Subcommands.Add(LinksCommand.CreatePath());
root.Subcommands.Add(ReviewCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
var parse = root.Parse(args);
// Without arguments the help is what a person needs; after a mistake, the mistake and where to read more.
return parse.Errors.Count > 0 && args.Length > 0 ? ParseErrors.Report(parse, Console.Error) : parse.Invoke();
