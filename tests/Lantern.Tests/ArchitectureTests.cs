using System.Reflection;
using Lantern.Cases;
using Lantern.Storage;
using NetArchTest.Rules;

namespace Lantern.Tests;

/// <summary>
/// The library's shape, checked on the compiled code: data flows one way (read → extract →
/// store/index → link → query), so a folder depends only on the folders before it and no two folders
/// form a cycle; and the shells reach the case only through the door (Cases) and the shared model.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>The library's folders in the order data flows through them; Model is shared by all.</summary>
    private static readonly string[] Folders = ["Model", "Ingest", "Extraction", "Storage", "Search", "Graph", "Cases"];

    /// <summary>
    /// Pure functions and vocabularies beyond the door that the shells may call directly: file
    /// formats and field names, date and encoding parsing, the extractors run on loose files
    /// (<c>lantern extract</c>), the slang lexicon and its evaluation. None of them reads or writes a case.
    /// </summary>
    private static readonly Type[] PureCores =
    [
        typeof(Lantern.Ingest.RecordFields), typeof(Lantern.Ingest.FormatDetector), typeof(Lantern.Ingest.RelationReader), typeof(Lantern.Ingest.TextDecoder), typeof(Lantern.Ingest.LineReader), typeof(Lantern.Ingest.ByteLine),
        typeof(Lantern.Extraction.ExtractionContext), typeof(Lantern.Extraction.SelectorExtractor), typeof(Lantern.Extraction.StreamingSelectorExtractor), typeof(Lantern.Extraction.Facts.FactsExtractor),
        typeof(Lantern.Search.SlangEval), typeof(Lantern.Search.SlangEvalSentence), typeof(Lantern.Search.SlangEvalScore), typeof(Lantern.Search.SlangTermScore), typeof(Lantern.Search.SlangDrugScore),
        typeof(Lantern.Search.SlangLexicon), typeof(Lantern.Search.SlangEntry), typeof(Lantern.Graph.AliasResolver),
    ];

    private static readonly Assembly Library = typeof(CaseSession).Assembly;

    public static TheoryData<string> LibraryFolders => [.. Folders];

    public static TheoryData<string> Shells => ["lantern", "Lantern.Web"];

    [Theory]
    [MemberData(nameof(LibraryFolders))]
    public void AFolderDependsOnlyOnTheFoldersBeforeIt(string folder)
    {
        var later = Folders.SkipWhile(name => name != folder).Skip(1).Select(name => $"Lantern.{name}").ToArray();
        if (later.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(Library).That().ResideInNamespace($"Lantern.{folder}").ShouldNot().HaveDependencyOnAny(later).GetResult();

        Assert.True(result.IsSuccessful, $"Lantern.{folder} depends on a folder it feeds ({string.Join(", ", later)}): {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void EveryTypeOfTheLibraryLivesInOneOfTheFolders()
    {
        var outside = Library.GetTypes()
            .Where(type => type.Namespace is { } name && !Folders.Any(folder => name == $"Lantern.{folder}" || name.StartsWith($"Lantern.{folder}.", StringComparison.Ordinal)))
            .Where(type => !type.Name.StartsWith('<') && type.Namespace != "System.Text.RegularExpressions.Generated" && type.Namespace != "Microsoft.CodeAnalysis")
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(outside);
    }

    [Fact]
    public void NoTwoFoldersDependOnEachOther()
    {
        var dependsOn = Folders.ToDictionary(folder => folder, folder => Folders.Where(other => other != folder &&
            !Types.InAssembly(Library).That().ResideInNamespace($"Lantern.{folder}").ShouldNot().HaveDependencyOn($"Lantern.{other}").GetResult().IsSuccessful).ToHashSet());

        var cycles = dependsOn.SelectMany(pair => pair.Value.Where(other => Reaches(dependsOn, other, pair.Key, [])).Select(other => $"{pair.Key} ⇄ {other}")).ToList();

        Assert.Empty(cycles);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void AShellReachesTheCaseOnlyThroughTheDoor(string shell)
    {
        var shellAssembly = Assembly.Load(shell);
        var pastTheDoor = Library.GetExportedTypes()
            .Where(type => type.Namespace is not ("Lantern.Model" or "Lantern.Cases") && type != typeof(Workspace) && !PureCores.Contains(type))
            .Select(type => type.FullName!)
            .ToArray();

        var result = Types.InAssembly(shellAssembly).ShouldNot().HaveDependencyOnAny(pastTheDoor).GetResult();

        Assert.True(result.IsSuccessful, $"{shell} uses library types past the door (Cases): {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void StoresAndIndexesAreNotPublic()
    {
        Type[] cores = [typeof(Workspace).Assembly.GetType("Lantern.Storage.DocumentStore")!, typeof(Workspace).Assembly.GetType("Lantern.Storage.MentionStore")!,
            Library.GetType("Lantern.Search.SearchService")!, Library.GetType("Lantern.Search.DocumentIndex")!, Library.GetType("Lantern.Cases.AuditLog")!];

        Assert.All(cores, core => Assert.False(core.IsPublic, $"{core.FullName} is public: only the door (Cases) may be"));
        Assert.False(typeof(Workspace).GetProperty("Connection", BindingFlags.Public | BindingFlags.Instance) is not null, "the workspace's SQLite connection is public");
    }

    /// <summary>
    /// All SQL lives behind the stores in src/Lantern/Storage, so another database can stand behind them
    /// without callers changing: no other source file may open a command or hold a connection or reader.
    /// </summary>
    [Fact]
    public void NoSourceFileOutsideStorageRunsSql()
    {
        string[] markers = ["CreateCommand", "SqliteConnection", "SqliteCommand", "ExecuteReader", "SqliteDataReader"];
        var root = RepositoryRoot();
        var storage = Path.Combine(root, "src", "Lantern", "Storage") + Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj") && !path.StartsWith(storage, StringComparison.Ordinal))
            .ToList();

        var offending = sources
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (Path: path, Line: index + 1, Text: line)))
            .Where(line => markers.Any(marker => line.Text.Contains(marker, StringComparison.Ordinal)))
            .Select(line => $"{Path.GetRelativePath(root, line.Path)}:{line.Line}: {line.Text.Trim()}")
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(offending.Count == 0, "SQL outside src/Lantern/Storage (move it into a store):\n" + string.Join('\n', offending));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lantern.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Lantern.slnx above the test output folder");
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> dependsOn, string from, string to, HashSet<string> seen) =>
        from == to || (seen.Add(from) && dependsOn[from].Any(next => Reaches(dependsOn, next, to, seen)));
}
