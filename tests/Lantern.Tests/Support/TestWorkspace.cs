using Lantern.Cases;
using Lantern.Demo;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Tests.Support;

/// <summary>A real workspace (SQLite file and Lucene index) in a temp folder.</summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
        : this(NewCase())
    {
    }

    public TestWorkspace(CaseInfo caseInfo)
    {
        Workspace = CaseAdministration.CreateCase(Folder.Combine("ws"), caseInfo);
    }

    public TempFolder Folder { get; } = new();

    public Workspace Workspace { get; private set; }

    public static CaseInfo NewCase() =>
        new("TEST-1", "Test case", "Test order 1", "tests", 30, "NL", DateTimeOffset.UtcNow, "tester");

    public IngestReport Ingest(params string[] paths) => Ingest(new IngestRequest(paths));

    public IngestReport Ingest(IngestRequest request) => new IngestService(Session()).Run(request);

    /// <summary>The case creator's session (admin and supervisor), or another member's.</summary>
    public CaseSession Session(string user = "tester", string? reason = null) => CaseSession.Open(Workspace, user, reason);

    public SearchResults Search(string query, bool expand = false, int limit = 50, SearchSort sort = SearchSort.Relevance)
    {
        var service = Session();
        return service.Search(new SearchRequest(query, limit, expand, sort));
    }

    internal DocumentStore Store => new(Workspace.Connection);

    /// <summary>Generates the demo corpus into the temp folder, ingests it and returns its ground truth.</summary>
    public GroundTruth IngestDemo(int seed = DemoCorpus.DefaultSeed)
    {
        var manifest = DemoCorpus.Generate(Folder.Combine("corpus"), seed);
        Ingest([.. manifest.Files]);
        return GroundTruthFile.Read(manifest.GroundTruthPath);
    }

    public void Reopen()
    {
        var root = Workspace.Root;
        Workspace.Dispose();
        Workspace = Workspace.Open(root);
    }

    public void Dispose()
    {
        Workspace.Dispose();
        Folder.Dispose();
    }
}
