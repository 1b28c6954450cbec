using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

/// <summary>Input built to break the reader: each case must end as a named problem, with the rest of the run stored and searchable.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void LoneSurrogateEscapesAreRepairedAndSearchStillWorksAfterASecondRun()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("scrape.jsonl",
            "{\"id\":\"1\",\"site\":\"m\",\"text\":\"first good\"}\n" +
            "{\"id\":\"2\",\"site\":\"m\",\"author\":\"x\\ud800\",\"text\":\"lone high \\ud800 cut here\"}\n" +
            "{\"id\":\"3\",\"site\":\"m\",\"text\":\"lone low \\udc00 and a pair \\ud83d\\ude00 and an escaped backslash \\\\ud800\"}\n" +
            "{\"id\":\"4\",\"site\":\"m\",\"text\":\"second good\"}\n");

        var report = workspace.Ingest(path);

        Assert.Equal(4, report.Added);
        Assert.Equal(0, report.Errors);
        Assert.Equal(["line 2", "line 3"], report.Problems.Select(problem => problem.Location));
        Assert.Equal(2, report.Files.Single().Repaired);
        Assert.All(report.Problems, problem => Assert.Equal(ProblemSeverity.Warning, problem.Severity));
        var high = workspace.Store.Get(workspace.Search("high").Hits.Single().Doc)!;
        Assert.Equal(("x\uFFFD", "lone high \uFFFD cut here"), (high.Author, high.Text));
        var low = workspace.Store.Get(workspace.Search("low").Hits.Single().Doc)!;
        Assert.Equal("lone low \uFFFD and a pair \U0001F600 and an escaped backslash \\ud800", low.Text);

        workspace.Ingest(workspace.Folder.File("more.jsonl", "{\"id\":\"5\",\"site\":\"m\",\"text\":\"third good \\udfff\"}\n"));
        Assert.Equal(3, workspace.Search("good").Total);
        Assert.Equal(5, workspace.Search("site:m").Total);
    }

    [Fact]
    public void AnIndexWriterClosedWithoutCommitAddsNothingTheNextCatchUpAddsAgain()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("a.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"text\":\"alpha\"}\n"));
        var store = workspace.Store;
        var stored = store.Get(workspace.Search("alpha").Hits.Single().Doc)!;
        using (var writeLock = Lantern.Storage.WriteLock.TryAcquire(workspace.Workspace.Root, "ingest", "tester"))
        using (var index = Lantern.Search.DocumentIndex.OpenWriter(workspace.Workspace.IndexPath, writeLock!))
        {
            // A run that dies after indexing but before its commit.
            index.Add(stored with { RowId = stored.RowId + 1 }, [], ListingFacts.Empty);
        }

        workspace.Ingest(workspace.Folder.File("b.jsonl", "{\"id\":\"2\",\"site\":\"m\",\"text\":\"alpha beta\"}\n"));

        Assert.Equal(2, workspace.Search("alpha").Total);
        Assert.Equal(2, workspace.Search("site:m").Hits.Select(hit => hit.Doc).Distinct().Count());
    }

    [Fact]
    public void ADamagedGzipMemberInAWebArchiveIsNamedAndTheRecordsBeforeItAreKept()
    {
        using var workspace = new TestWorkspace();
        byte[] First(string name) => Gzip(WarcPage($"http://shop.example/{name}", "first page kept"));
        var second = Gzip(WarcPage("http://shop.example/two", "second page damaged"));
        var truncated = workspace.Folder.File("truncated.warc.gz", [.. First("a"), .. second[..(second.Length / 2)]]);
        var badHeader = (byte[])second.Clone();
        badHeader[2] = 0x07; // compression method: only 8 (deflate) exists
        var corrupt = workspace.Folder.File("corrupt.warc.gz", [.. First("b"), .. badHeader]);
        var garbage = First("c");
        Array.Fill(garbage, (byte)0x5A, 10, garbage.Length - 10);
        var garbled = workspace.Folder.File("garbled.warc.gz", garbage);
        var after = workspace.Folder.File("after.jsonl", "{\"id\":\"1\",\"site\":\"m\",\"text\":\"after the archives\"}\n");

        var report = workspace.Ingest(truncated, corrupt, garbled, after);

        Assert.Equal(2, workspace.Search("first").Total);
        Assert.Equal(1, workspace.Search("after").Total);
        Assert.Equal(0, workspace.Search("damaged").Total);
        foreach (var name in new[] { "truncated.warc.gz", "corrupt.warc.gz", "garbled.warc.gz" })
        {
            var problem = Assert.Single(report.Problems, problem => problem.File.EndsWith(name, StringComparison.Ordinal));
            Assert.Equal(ProblemSeverity.Error, problem.Severity);
            Assert.DoesNotContain("   at ", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnOutOfRangeTelegramTimeIsAProblemForThatMessageOnly()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("result.json", """
            {"name":"Shop","type":"public_channel","id":1,"messages":[
             {"id":1,"type":"message","date_unixtime":"1700000000","from":"a","text":"before"},
             {"id":2,"type":"message","date_unixtime":"99999999999999999","from":"a","text":"broken time"},
             {"id":3,"type":"message","date_unixtime":"-5","date":"bogus","from":"a","text":"negative time"},
             {"id":4,"type":"message","date_unixtime":"1700000100","from":"a","text":"after"}]}
            """);

        var report = workspace.Ingest(path);

        Assert.Equal(2, report.Added);
        Assert.Equal(["record 2 (bytes", "record 3 (bytes"], report.Problems.Select(problem => problem.Location[..15]));
        Assert.All(report.Problems, problem => Assert.Contains("date_unixtime", problem.Message, StringComparison.Ordinal));
        Assert.Equal(2, workspace.Search("before OR after").Total);
    }

    [Fact]
    public async Task FieldsOverLucenesTermLimitAreStoredWholeAndSearchKeepsWorkingAcrossFiles()
    {
        using var workspace = new TestWorkspace();
        var author = "vendor" + new string('a', 40 * 1024);
        var site = "site" + new string('s', 40 * 1024);
        var url = "http://shop.example/" + new string('u', 40 * 1024);
        var hugeUnicode = new string('\u20AC', 20 * 1024);
        string Line(int id, string text) =>
            $"{{\"id\":\"{id}\",\"site\":\"{site}\",\"author\":\"{author}\",\"url\":\"{url}\",\"text\":\"{text}\"}}\n";
        var files = Enumerable.Range(0, 3).Select(file => workspace.Folder.File($"long{file}.jsonl",
            string.Concat(Enumerable.Range(0, 30).Select(row => Line((file * 1000) + row, $"row {row} plain words {url}"))))).ToList();
        files.Add(workspace.Folder.File("unicode.jsonl", $"{{\"id\":\"9\",\"site\":\"u\",\"author\":\"{hugeUnicode}\",\"text\":\"euro author\"}}\n"));

        // Small batches: many of them queue behind the indexing thread, as in a large multi-file run.
        var report = await Task.Run(() => workspace.Ingest(new IngestRequest(files, BatchSize: 10))).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(91, report.Added);
        Assert.Equal(90, workspace.Search("plain").Total);
        Assert.Equal(90, workspace.Search($"author:\"{author}\"", limit: 1).Total);
        Assert.Equal(90, workspace.Search($"site:\"{site}\"", limit: 1).Total);
        Assert.Equal(1, workspace.Search($"author:\"{hugeUnicode}\"").Total);
        Assert.Equal(0, workspace.Search($"author:\"{author}b\"").Total);
        var stored = workspace.Store.Get(workspace.Search("euro").Hits.Single().Doc)!;
        Assert.Equal(hugeUnicode, stored.Author);
        var document = workspace.Store.Get(workspace.Search("row AND 5 AND plain", limit: 1).Hits.First().Doc)!;
        Assert.Equal((author, site, url), (document.Author, document.Site, document.Url));
    }

    [Fact]
    public void ANulByteInJsonLinesIsNotBinaryAndAOneLineTelegramExportIsAnExport()
    {
        using var workspace = new TestWorkspace();
        var nul = workspace.Folder.File("nul.jsonl", [.. "{\"id\":\"1\",\"site\":\"m\",\"text\":\"has a "u8, 0, .. " nul byte\"}\n{\"id\":\"2\",\"site\":\"m\",\"text\":\"next\"}\n"u8]);
        var nulNoExtension = workspace.Folder.File("nul-records", File.ReadAllBytes(nul));
        var export = workspace.Folder.File("export.json",
            "{\"name\":\"Shop\",\"type\":\"public_channel\",\"id\":1,\"messages\":[{\"id\":1,\"type\":\"message\",\"date\":\"2025-01-01T10:00:00\",\"from\":\"a\",\"text\":\"one line export\"},{\"id\":2,\"type\":\"message\",\"date\":\"2025-01-01T10:01:00\",\"from\":\"b\",\"text\":\"second message\"}]}");
        var records = workspace.Folder.File("records.json",
            "{\"id\":\"7\",\"site\":\"r\",\"text\":\"a record with messages\",\"messages\":[1,2]}\n{\"id\":\"8\",\"site\":\"r\",\"text\":\"another\",\"messages\":[]}\n");

        var report = workspace.Ingest(nul, nulNoExtension, export, records);

        Assert.Equal(["jsonl", "jsonl", "telegram", "jsonl"], report.Files.Select(file => file.Format));
        Assert.Equal(2, report.Files[2].Added);
        Assert.Equal(2, workspace.Search("site:shop").Total);
        Assert.Equal(2, workspace.Search("site:r").Total);
        Assert.Equal(1, workspace.Search("next").Total);
        var nulRecord = Assert.Single(report.Problems, problem => problem.File.EndsWith("nul.jsonl", StringComparison.Ordinal));
        Assert.Equal("line 1", nulRecord.Location);
        Assert.Equal("binary content (not text); not a format Lantern reads",
            Lantern.Ingest.FormatDetector.Detect(workspace.Folder.File("random.bin", RandomBytes(4096))).Problem);
    }

    [Fact]
    public async Task FifosAndLinksOutOfTheFolderAreSkippedWithAWarningAndNeverOpened()
    {
        using var workspace = new TestWorkspace();
        using var outside = new TempFolder();
        var secret = outside.File("secret.txt", "outside secret words");
        var folder = workspace.Folder.Combine("scrape");
        workspace.Folder.File("scrape/inside.txt", "inside words");
        Directory.CreateDirectory(workspace.Folder.Combine("scrape/sub"));
        File.CreateSymbolicLink(workspace.Folder.Combine("scrape/sub/linked.txt"), workspace.Folder.Combine("scrape/inside.txt"));
        File.CreateSymbolicLink(workspace.Folder.Combine("scrape/leak.txt"), secret);
        Directory.CreateSymbolicLink(workspace.Folder.Combine("scrape/leakdir"), outside.Path);
        File.CreateSymbolicLink(workspace.Folder.Combine("scrape/dangling.txt"), outside.Combine("gone.txt"));
        using (var mkfifo = Process.Start("mkfifo", workspace.Folder.Combine("scrape/pipe.jsonl")))
        {
            await mkfifo.WaitForExitAsync();
        }

        var report = await Task.Run(() => workspace.Ingest(folder, workspace.Folder.Combine("scrape/pipe.jsonl"))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, workspace.Search("inside").Total);
        Assert.Equal(0, workspace.Search("secret").Total);
        Assert.Equal(0, report.Errors);
        string Warning(string name) => Assert.Single(report.Problems, problem => problem.File.EndsWith(name, StringComparison.Ordinal)).Message;
        Assert.Contains("leads out of the ingested folder", Warning("leak.txt"), StringComparison.Ordinal);
        Assert.Contains("leads out of the ingested folder", Warning("leakdir"), StringComparison.Ordinal);
        Assert.Contains("leads nowhere", Warning("dangling.txt"), StringComparison.Ordinal);
        Assert.Equal(2, report.Problems.Count(problem => problem.File.EndsWith("pipe.jsonl", StringComparison.Ordinal) && problem.Message.Contains("FIFO", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("..")]
    public async Task AFolderLinkLeadingOutIsSkippedWithOneWarningAndNeverDescended(string target)
    {
        using var workspace = new TestWorkspace();
        var folder = workspace.Folder.Combine("scrape");
        workspace.Folder.File("scrape/a.jsonl", "{\"id\":\"1\",\"text\":\"inside words\"}\n");
        Directory.CreateSymbolicLink(workspace.Folder.Combine("scrape/out"), target);

        var report = await Task.Run(() => workspace.Ingest(folder)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, workspace.Search("inside").Total);
        var warning = Assert.Single(report.Problems);
        Assert.EndsWith("out", warning.File, StringComparison.Ordinal);
        Assert.Contains("leads out of the ingested folder", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderLinksInsideTheFolderAreFollowedOnceSoEveryFileIsReadOnce()
    {
        using var workspace = new TestWorkspace();
        var folder = workspace.Folder.Combine("scrape");
        workspace.Folder.File("scrape/a.jsonl", "{\"id\":\"1\",\"text\":\"alpha words\"}\n");
        workspace.Folder.File("scrape/sibling/b.jsonl", "{\"id\":\"2\",\"text\":\"bravo words\"}\n");
        Directory.CreateSymbolicLink(workspace.Folder.Combine("scrape/self"), ".");
        Directory.CreateSymbolicLink(workspace.Folder.Combine("scrape/again"), "sibling");
        Directory.CreateSymbolicLink(workspace.Folder.Combine("scrape/sibling/loop"), "..");

        var report = await Task.Run(() => workspace.Ingest(folder)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, report.Files.Count);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(1, workspace.Search("alpha").Total);
        Assert.Equal(1, workspace.Search("bravo").Total);
        Assert.Equal(0, report.Errors);
        Assert.All(report.Problems, problem => Assert.Contains("already read in this run", problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void AMegabyteOfNestedDivsIsReadAsFlatTextWithAWarning()
    {
        using var workspace = new TestWorkspace();
        const int Depth = 110_000;
        var page = workspace.Folder.File("deep.html",
            "<html><head><title>Deep &amp; dark</title><script>var hidden = 1;</script></head><body>" + string.Concat(Enumerable.Repeat("<div>", Depth)) +
            "deep text <b>bold</b> &eacute;t&eacute;<br>next line" + string.Concat(Enumerable.Repeat("</div>", Depth)) + "</body></html>");
        var shallow = workspace.Folder.File("shallow.html", "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100)) + "shallow text" + "</body></html>");

        var report = workspace.Ingest(page, shallow);

        Assert.Equal(2, report.Added);
        var warning = Assert.Single(report.Problems);
        Assert.EndsWith("deep.html", warning.File, StringComparison.Ordinal);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("nested deeper than 2,048 levels", warning.Message, StringComparison.Ordinal);
        var document = workspace.Store.Get(workspace.Search("deep").Hits.Single().Doc)!;
        Assert.Equal(("Deep & dark", "deep text bold été\nnext line"), (document.Title, document.Text));
        Assert.Equal(1, workspace.Search("shallow").Total);
    }

    [Fact]
    public void AnExceptionInsideAReaderEndsThatFileWithANamedProblem()
    {
        var file = new SourceFile("/nowhere", "bad.jsonl", "", 0);

        var items = ReaderGuard.Read(new ThrowingReader(), file, new ReadOptions()).ToList();

        Assert.Equal(2, items.Count);
        Assert.NotNull(items[0].Document);
        var problem = items[1].Problem!;
        Assert.Equal(("bad.jsonl", "after line 1"), (problem.File, problem.Location));
        Assert.Contains("InvalidOperationException: surprise", problem.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingReader : IDocumentReader
    {
        public string Format => "jsonl";

        public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
        {
            yield return new Document("m", "1", null, null, "kept", null, null, "post", null, null) { Location = new RecordLocation(0, 10, 1) };
            throw new InvalidOperationException("surprise");
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static string WarcPage(string uri, string text)
    {
        var html = $"<html><body><p>{text}</p></body></html>";
        var http = $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {html.Length}\r\n\r\n{html}";
        return $"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-03T04:05:06Z\r\n" +
            $"Content-Type: application/http; msgtype=response\r\nContent-Length: {Encoding.UTF8.GetByteCount(http)}\r\n\r\n{http}\r\n\r\n";
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
