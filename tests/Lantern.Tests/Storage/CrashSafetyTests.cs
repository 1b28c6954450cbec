using System.Diagnostics;
using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;
using Lantern.Tests.Support;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;

namespace Lantern.Tests.Storage;

public sealed class CrashSafetyTests
{
    private const int Documents = 60_000;

    [Theory]
    [InlineData(300)]
    [InlineData(1200)]
    [InlineData(2500)]
    public void AnIngestKilledWithSigkillLeavesAWorkspaceThatOpensSearchesAndCompletes(int killAfterMs)
    {
        using var folder = new TempFolder();
        var input = folder.Combine("big.jsonl");
        using (var writer = new StreamWriter(input))
        {
            for (var index = 0; index < Documents; index++)
            {
                writer.WriteLine($"{{\"id\":\"{index}\",\"site\":\"market\",\"author\":\"vendor{index % 97}\",\"text\":\"listing {index} of ketamine and mdma shipped from the netherlands\"}}");
            }
        }

        var root = folder.Combine("ws");
        // The CLI acts as the operating-system account, so the case is that account's.
        CaseAdministration.CreateCase(root, TestWorkspace.NewCase() with { CreatedBy = Environment.UserName }).Dispose();

        using (var child = Process.Start(LanternProcess.StartInfo(folder.Path, "ingest", input, "-w", root))!)
        {
            Thread.Sleep(killAfterMs);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        SqliteConnection.ClearAllPools();
        using (var workspace = Workspace.Open(root))
        {
            var stored = workspace.Documents.Count();
            Assert.Equal(stored, CaseSession.Open(workspace, Environment.UserName).Search(new SearchRequest("ketamine")).Total);
        }

        var rerun = LanternProcess.Run(folder.Path, "ingest", input, "-w", root);
        Assert.Equal(0, rerun.ExitCode);

        using (var workspace = Workspace.Open(root))
        {
            Assert.Equal(Documents, workspace.Documents.Count());
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = "SELECT count(DISTINCT source_id) FROM documents";
            Assert.Equal(Documents, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
            using var directory = FSDirectory.Open(workspace.IndexPath);
            using var reader = DirectoryReader.Open(directory);
            Assert.Equal(Documents, reader.NumDocs);
            var search = CaseSession.Open(workspace, Environment.UserName);
            Assert.Equal(Documents, search.Search(new SearchRequest("netherlands")).Total);
        }
    }
}
