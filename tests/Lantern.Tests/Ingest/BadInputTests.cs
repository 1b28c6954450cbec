using System.Text;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

public sealed class BadInputTests
{
    [Fact]
    public void EachBadRecordIsNamedAndTheRestIsStored()
    {
        using var workspace = new TestWorkspace();
        var jsonl = new MemoryStream();
        void Line(string text) => jsonl.Write(Encoding.UTF8.GetBytes(text + "\n"));
        Line("{\"id\":\"1\",\"site\":\"m\",\"text\":\"first good\"}");
        jsonl.Write([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)'\n']);
        Line("{\"id\":\"3\",\"site\":\"m\",\"text\":\"truncat");
        Line("this is not json");
        Line(new string('[', 10_000) + new string(']', 10_000));
        Line("{\"id\":\"6\",\"site\":\"m\",\"text\":\"second good\"}");
        var path = workspace.Folder.File("mixed.jsonl", jsonl.ToArray());
        var csv = workspace.Folder.File("rows.csv", "Vendor,Item,Item Description\nA,B,C\nonly,two\nD,E,F\n");
        var empty = workspace.Folder.File("empty.jsonl", string.Empty);
        var binary = workspace.Folder.File("image.dat", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 13, 1, 2, 3]);

        var report = workspace.Ingest(path, csv, empty, binary);

        Assert.Equal(4, report.Added);
        Assert.Equal(7, report.Errors);
        string Problem(string file, string location) =>
            Assert.Single(report.Problems, problem => problem.File.EndsWith(file, StringComparison.Ordinal) && problem.Location == location).Message;
        Assert.Contains("record has no text", Problem("mixed.jsonl", "line 2"), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Problem("mixed.jsonl", "line 3"), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Problem("mixed.jsonl", "line 4"), StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64", Problem("mixed.jsonl", "line 5"), StringComparison.Ordinal);
        Assert.Contains("has 2 columns, the header has 3", Problem("rows.csv", "record 2 (line 3)"), StringComparison.Ordinal);
        Assert.Equal("empty file", Problem("empty.jsonl", "file"));
        Assert.Contains("binary", Problem("image.dat", "file"), StringComparison.Ordinal);
        Assert.Equal(2, workspace.Search("good").Total);
        Assert.Equal(2, workspace.Search("site:rows").Total);
    }

    [Fact]
    public void AHundredMegabyteLineIsSkippedInBoundedMemory()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.Combine("huge.jsonl");
        using (var stream = File.Create(path))
        {
            stream.Write("{\"id\":\"1\",\"site\":\"m\",\"text\":\"before\"}\n{\"id\":\"2\",\"site\":\"m\",\"text\":\""u8);
            var chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            for (var index = 0; index < 100; index++)
            {
                stream.Write(chunk);
            }

            stream.Write("\"}\n{\"id\":\"3\",\"site\":\"m\",\"text\":\"after\"}\n"u8);
        }

        var before = GC.GetTotalAllocatedBytes(precise: false);
        var report = workspace.Ingest(path);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;

        Assert.Equal(2, report.Added);
        var problem = Assert.Single(report.Problems);
        Assert.Equal("line 2", problem.Location);
        Assert.Contains("over the 16,777,216-byte record limit", problem.Message, StringComparison.Ordinal);
        Assert.True(allocated < 200L * 1024 * 1024, $"allocated {allocated:N0} bytes reading a 100 MB line");
        Assert.Equal(1, workspace.Search("after").Total);
    }

    [Fact]
    public void AMissingPathIsReportedAndTheOthersAreRead()
    {
        using var workspace = new TestWorkspace();
        var good = workspace.Folder.File("ok.txt", "still read");

        var report = workspace.Ingest(workspace.Folder.Combine("nope.jsonl"), good);

        Assert.Equal("no such file or folder", Assert.Single(report.Problems).Message);
        Assert.Equal(1, report.Added);
    }
}
