using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;
using Lantern.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lantern.Tests.Storage;

/// <summary>One writer, many readers, across real processes (acting as the OS account, which created the case): the attacks of a tester running two things at once.</summary>
public sealed class ConcurrencyTests
{
    private const int Documents = 30_000;

    [Fact]
    public void SearchesDuringAnIngestNeverFailAndTheFinalCountsEqualTheDatabase()
    {
        using var folder = new TempFolder();
        var (root, input) = Prepare(folder, "big.jsonl", 0);
        var (ingest, output) = Start(folder.Path, "ingest", input, "-w", root);
        using var child = ingest;
        WaitForWriter(root, ingest);

        var searches = 0;
        while (!ingest.HasExited && searches < 6)
        {
            var search = LanternProcess.Run(folder.Path, "search", "zzcommon", "-w", root, "--json");
            Assert.True(search.ExitCode == 0, search.Stderr);
            using var json = JsonDocument.Parse(search.Stdout);
            Assert.True(json.RootElement.GetProperty("total").GetInt64() <= Documents);
            Assert.True(json.RootElement.GetProperty("not_yet_searchable").GetInt64() >= 0);
            searches++;
        }

        Assert.True(ingest.WaitForExit(TimeSpan.FromMinutes(2)), "the ingest did not finish");
        Assert.True(ingest.ExitCode == 0, output.ToString());
        Assert.True(searches > 0, "the ingest finished before any search ran");
        AssertSearchableEqualsStored(folder, root, Documents);
    }

    [Fact]
    public void ASecondIngestIsRefusedNamingTheFirstOrWaitsForItAndNothingIsLost()
    {
        using var folder = new TempFolder();
        var (root, first) = Prepare(folder, "first.jsonl", 0);
        var second = WriteCorpus(folder, "second.jsonl", 1_000_000, 5_000);
        var (ingest, output) = Start(folder.Path, "ingest", first, "-w", root);
        using var child = ingest;
        WaitForWriter(root, ingest);

        var refused = LanternProcess.Run(folder.Path, "ingest", second, "-w", root);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"the ingest by {Environment.UserName} (PID {ingest.Id}", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--wait", refused.Stderr, StringComparison.Ordinal);

        var waited = LanternProcess.Run(folder.Path, "ingest", second, "-w", root, "--wait", "120");
        Assert.True(waited.ExitCode == 0, waited.Stderr);
        Assert.Contains($"waiting for the ingest by {Environment.UserName}", waited.Stderr, StringComparison.Ordinal);
        Assert.True(ingest.WaitForExit(TimeSpan.FromMinutes(2)), "the first ingest did not finish");
        Assert.True(ingest.ExitCode == 0, output.ToString());
        AssertSearchableEqualsStored(folder, root, Documents + 5_000);
    }

    [Fact]
    public void AWriterKilledWithSigkillReleasesTheLockAndTheNextIngestCompletesTheRun()
    {
        using var folder = new TempFolder();
        var (root, input) = Prepare(folder, "big.jsonl", 0);
        using (var ingest = Process.Start(LanternProcess.StartInfo(folder.Path, "ingest", input, "-w", root))!)
        {
            WaitForWriter(root, ingest);
            ingest.Kill(entireProcessTree: true);
            ingest.WaitForExit();
        }

        Assert.False(WriteLock.IsHeld(root));
        var rerun = LanternProcess.Run(folder.Path, "ingest", input, "-w", root);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        AssertSearchableEqualsStored(folder, root, Documents);
    }

    [Fact]
    public void FiftyParallelSearchesDuringAnIngestAllSucceed()
    {
        using var folder = new TempFolder();
        var (root, input) = Prepare(folder, "big.jsonl", 0);
        var (ingest, output) = Start(folder.Path, "ingest", input, "-w", root);
        using var child = ingest;
        WaitForWriter(root, ingest);

        using var opened = Workspace.Open(root);
        using var sharedIndex = new SharedIndex(opened, TimeSpan.FromMilliseconds(100));
        var errors = new ConcurrentBag<Exception>();
        var totals = new ConcurrentBag<long>();
        Parallel.For(0, 50, new ParallelOptions { MaxDegreeOfParallelism = 50 }, _ =>
        {
            try
            {
                for (var round = 0; round < 4; round++)
                {
                    using var workspace = Workspace.Open(root);
                    var search = CaseSession.Open(workspace, Environment.UserName, null, sharedIndex);
                    var results = search.Search(new SearchRequest("zzcommon", 5));
                    totals.Add(results.Total + results.NotYetSearchable);
                }
            }
            catch (Exception exception)
            {
                errors.Add(exception);
            }
        });

        Assert.True(ingest.WaitForExit(TimeSpan.FromMinutes(2)), "the ingest did not finish");
        Assert.True(ingest.ExitCode == 0, output.ToString());
        Assert.Empty(errors);
        Assert.Equal(200, totals.Count);
        AssertSearchableEqualsStored(folder, root, Documents);
    }

    [Fact]
    public void ADamagedIndexIsReportedAndRebuiltFromTheDatabase()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        CaseAdministration.CreateCase(root, TestWorkspace.NewCase() with { CreatedBy = Environment.UserName }).Dispose();
        var input = WriteCorpus(folder, "small.jsonl", 0, 2_000);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "ingest", input, "-w", root).ExitCode);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, Workspace.IndexFolderName)).Where(file => file.EndsWith(".cfs", StringComparison.Ordinal) || file.EndsWith(".fdx", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var search = LanternProcess.Run(folder.Path, "search", "zzcommon", "-w", root);
        Assert.Equal(1, search.ExitCode);
        Assert.Contains("lantern index rebuild", search.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", search.Stderr, StringComparison.Ordinal);

        var check = LanternProcess.Run(folder.Path, "index", "check", "-w", root, "--json");
        Assert.Equal(1, check.ExitCode);
        using (var json = JsonDocument.Parse(check.Stdout))
        {
            Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        }

        var rebuild = LanternProcess.Run(folder.Path, "index", "rebuild", "-w", root);
        Assert.True(rebuild.ExitCode == 0, rebuild.Stderr);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "index", "check", "-w", root).ExitCode);
        AssertSearchableEqualsStored(folder, root, 2_000);
        using var workspace = Workspace.Open(root);
        Assert.Contains(new AuditLog(workspace).Entries(), entry => entry.Action == "index.rebuild" && entry.User == Environment.UserName && entry.ResultCount == 2_000);
    }

    [Fact]
    public void TheWriteLockExcludesASecondHolderInTheSameProcessAndIsFreeAfterRelease()
    {
        using var folder = new TempFolder();
        using (var held = WriteLock.TryAcquire(folder.Path, "ingest", "ana"))
        {
            Assert.NotNull(held);
            Assert.Null(WriteLock.TryAcquire(folder.Path, "ingest", "ben"));
            Assert.True(WriteLock.IsHeld(folder.Path));
            var refused = Assert.Throws<WorkspaceBusyException>(() => WriteLock.Acquire(folder.Path, "reextract", "ben", TimeSpan.FromMilliseconds(300)));
            Assert.Contains($"the ingest by ana (PID {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        }

        Assert.False(WriteLock.IsHeld(folder.Path));
        using var again = WriteLock.TryAcquire(folder.Path, "ingest", "ben");
        Assert.NotNull(again);
    }

    private static (string Root, string Input) Prepare(TempFolder folder, string name, int firstId)
    {
        var root = folder.Combine("ws");
        CaseAdministration.CreateCase(root, TestWorkspace.NewCase() with { CreatedBy = Environment.UserName }).Dispose();
        return (root, WriteCorpus(folder, name, firstId, Documents));
    }

    private static string WriteCorpus(TempFolder folder, string name, int firstId, int count)
    {
        var input = folder.Combine(name);
        using var writer = new StreamWriter(input);
        for (var index = firstId; index < firstId + count; index++)
        {
            writer.WriteLine($"{{\"id\":\"{index}\",\"site\":\"market\",\"author\":\"vendor{index % 97}\",\"text\":\"listing {index} zzcommon of ketamine shipped from the netherlands\"}}");
        }

        return input;
    }

    /// <summary>Starts a lantern child process, collecting what it writes.</summary>
    private static (Process Process, System.Text.StringBuilder Output) Start(string workingDirectory, params string[] args)
    {
        var output = new System.Text.StringBuilder();
        var process = Process.Start(LanternProcess.StartInfo(workingDirectory, args))!;
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>Waits until the child holds the write lock, so what follows really runs during its write.</summary>
    private static void WaitForWriter(string root, Process writer)
    {
        var clock = Stopwatch.StartNew();
        while (!WriteLock.IsHeld(root))
        {
            Assert.False(writer.HasExited, "the writer ended before it took the lock");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the writer never took the lock");
            Thread.Sleep(20);
        }
    }

    private static void AssertSearchableEqualsStored(TempFolder folder, string root, int expected)
    {
        SqliteConnection.ClearAllPools();
        using (var workspace = Workspace.Open(root))
        {
            Assert.Equal(expected, workspace.Documents.Count());
        }

        var search = LanternProcess.Run(folder.Path, "search", "zzcommon", "-w", root, "--json");
        Assert.True(search.ExitCode == 0, search.Stderr);
        using var json = JsonDocument.Parse(search.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("not_yet_searchable").GetInt64());
    }
}
