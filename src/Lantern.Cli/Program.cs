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
(string Name, Func<Command> Create)[] commands =
[
    ("init", InitCommand.Create), ("ingest", IngestCommand.Create), ("search", SearchCommand.Create), ("show", ShowCommand.Create),
    ("extract", ExtractCommand.Create), ("selectors", SelectorsCommand.Create), ("facts", FactsCommand.Create), ("vendor", VendorCommand.Create), ("market", MarketCommand.Create), ("reextract", ReextractCommand.Create), ("index", IndexCommand.Create), ("eval", EvalCommand.Create),
    ("members", MembersCommand.Create), ("audit", AuditCommand.Create), ("retention", RetentionCommand.Create), ("network", NetworkCommand.Create),
    ("aliases", AliasesCommand.Create), ("links", LinksCommand.CreateLinks), ("path", LinksCommand.CreatePath), ("review", ReviewCommand.Create), ("watch", WatchCommand.Create), ("alerts", AlertsCommand.Create), ("finding", FindingCommand.Create), ("report", ReportCommand.Create),
    ("export", ExportCommand.Create), ("demo", DemoCommand.Create), ("serve", ServeCommand.Create),
];

// Only the command being run is built: building all of them (options, help texts) is start-up time an analyst pays on
// every command. Help, typos and global options before the command see the whole tree.
var named = args.Length > 0 ? commands.Where(command => command.Name == args[0]).ToList() : [];
foreach (var (_, create) in named.Count == 1 ? named : [.. commands])
{
    root.Subcommands.Add(create());
}

var parse = root.Parse(args);
// Without arguments the help is what a person needs; after a mistake, the mistake and where to read more.
return parse.Errors.Count > 0 && args.Length > 0 ? ParseErrors.Report(parse, Console.Error) : parse.Invoke();
