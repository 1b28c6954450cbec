using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lantern.Extraction;
using Lantern.Ingest;
using Lantern.Tests.Support;
using Microsoft.FSharp.Core;

namespace Lantern.Tests.Ingest;

/// <summary>
/// Property-based fuzzing of every reader and the extractor (FsCheck): valid seed files are mutated —
/// bits flipped, bytes inserted, the file cut short, a field blown up to megabytes, nesting piled up —
/// and whatever comes out, no exception escapes the reader, every problem names the file, every
/// document's byte range lies inside the file, and each file is read within a time bound. The seeds
/// (seed and gamma) and counts are fixed, so a CI run is bounded and a failure replays.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int MutantsPerFormat = 60;
    private static readonly TimeSpan PerFileBound = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Formats => ["jsonl", "csv", "telegram", "html", "warc", "warc.gz", "eml", "mbox", "edges", "text"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void MutatedFilesNeverEscapeTheReader(string format)
    {
        using var folder = new TempFolder();
        var seed = Seed(format);
        var counter = 0;
        var property = Prop.ForAll(Arb.From(Mutations(seed.Length)), (Mutation[] mutations) =>
        {
            var bytes = Apply(seed, mutations);
            var path = folder.File($"mutant{counter++}.{format}", bytes);
            var display = Path.GetFileName(path);
            var file = new SourceFile(path, display, string.Empty, bytes.Length);
            var clock = Stopwatch.StartNew();
            foreach (var (document, problem) in Read(format, file))
            {
                if (problem is not null)
                {
                    Assert.Equal(display, problem.File);
                    Assert.False(string.IsNullOrWhiteSpace(problem.Location));
                    Assert.DoesNotContain("   at ", problem.Message, StringComparison.Ordinal);
                }

                if (document is not null && format != "warc.gz")
                {
                    Assert.InRange(document.Location.ByteStart, 0, bytes.Length);
                    Assert.InRange(document.Location.ByteEnd, document.Location.ByteStart, bytes.Length);
                }

                if (document is not null)
                {
                    SelectorExtractor.Extract(document.Text, new ExtractionContext("NL", format == "telegram"));
                }
            }

            Assert.True(clock.Elapsed < PerFileBound, $"{display} took {clock.Elapsed}");
            File.Delete(path);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(MutantsPerFormat).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261127UL, 7UL), FSharpOption<int>.None))), property);
    }

    [Fact]
    public void TheGoodRecordsAroundADamagedOneAreKept()
    {
        using var folder = new TempFolder();
        var seed = Seed("jsonl");
        var lines = Encoding.UTF8.GetString(seed).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var damaged = string.Join('\n', lines[0], lines[1][..(lines[1].Length / 2)] + "\\ud800\u0001", lines[2]) + "\n";
        var path = folder.File("damaged.jsonl", damaged);

        var items = Read("jsonl", new SourceFile(path, "damaged.jsonl", string.Empty, new FileInfo(path).Length)).ToList();

        Assert.Equal(2, items.Count(item => item.Document is not null));
        var problem = Assert.Single(items, item => item.Problem is { Severity: ProblemSeverity.Error }).Problem!;
        Assert.Equal(("damaged.jsonl", "line 2"), (problem.File, problem.Location));
    }

    [Fact]
    public void TheExtractorTakesAnyTextAndReturnsOffsetsThatSliceIt()
    {
        var text = Gen.Frequency(
            (4, Gen.Elements("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "+31 6 12345678", "vendor@proton.me", "t.me/shopname", "\ud800", "\u0000", "<div>", "0x", " at ", ".onion", "\n")),
            (6, Gen.Choose(0, 0xFFFF).Select(code => ((char)code).ToString())));
        var texts = Gen.ArrayOf(text).Select(parts => string.Concat(parts));
        var property = Prop.ForAll(Arb.From(texts), (string input) =>
        {
            foreach (var mention in SelectorExtractor.Extract(input, new ExtractionContext("NL")).Mentions)
            {
                Assert.InRange(mention.Start, 0, input.Length);
                Assert.InRange(mention.End, mention.Start, input.Length);
                Assert.Equal(mention.Raw, input[mention.Start..mention.End]);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(2000).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261127UL, 11UL), FSharpOption<int>.None))), property);
    }

    /// <summary>One change to a file: flip a bit, insert bytes, cut it, blow a byte up into a huge field, or pile up nesting.</summary>
    public readonly record struct Mutation(int Kind, int Position, byte Value, int Count);

    private static Gen<Mutation[]> Mutations(int length) =>
        Gen.ArrayOf(
            from kind in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)))
            from position in Gen.Choose(0, Math.Max(0, length - 1))
            from value in Gen.Choose(0, 255)
            from count in Gen.Choose(1, 8)
            select new Mutation(kind, position, (byte)value, count)).Select(mutations => mutations.Take(6).ToArray());

    private static byte[] Apply(byte[] seed, Mutation[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var mutation in mutations)
        {
            var position = Math.Min(mutation.Position, bytes.Count);
            switch (mutation.Kind)
            {
                case 0 when position < bytes.Count:
                    bytes[position] ^= (byte)(1 << (mutation.Value % 8));
                    break;
                case 1:
                    bytes.InsertRange(position, Enumerable.Repeat(mutation.Value, mutation.Count));
                    break;
                case 2:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 3:
                    bytes.InsertRange(position, Enumerable.Repeat((byte)"a{[<\\\"0 "[mutation.Value % 8], 100_000 * mutation.Count));
                    break;
                case 4:
                    var opener = "{[<"[mutation.Value % 3];
                    bytes.InsertRange(position, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(opener == '<' ? "<div>" : opener.ToString(), 5_000 * mutation.Count))));
                    break;
            }
        }

        return [.. bytes];
    }

    private static IEnumerable<(Document? Document, IngestProblem? Problem)> Read(string format, SourceFile file) =>
        format == "edges"
            ? RelationReader.Read(file, "edges", new ReadOptions()).Select(item => ((Document?)null, item.Problem))
            : FormatDetector.ByName(format == "warc.gz" ? "warc" : format)!.Read(file, new ReadOptions()).Select(item => (item.Document, item.Problem));

    private static byte[] Seed(string format) => format switch
    {
        "jsonl" => Encoding.UTF8.GetBytes(
            "{\"id\":\"1\",\"site\":\"m\",\"author\":\"a\",\"text\":\"first bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\",\"posted_at\":\"2025-01-01T00:00:00Z\"}\n" +
            "{\"id\":\"2\",\"site\":\"m\",\"author\":\"b\",\"text\":\"second \\u00e9 \\ud83d\\ude00 call +31 6 12345678\",\"meta\":{\"k\":[1,2]}}\n" +
            "{\"id\":\"3\",\"site\":\"m\",\"author\":\"c\",\"html\":\"<p>third <b>one</b></p>\"}\n"),
        "csv" => Encoding.UTF8.GetBytes("id,vendor,text,posted_at\n1,a,\"first, quoted \"\"x\"\"\",2025-01-01\n2,b,second line,1700000000\n3,c,\"multi\nline\",\n"),
        "telegram" => Encoding.UTF8.GetBytes("""
            {"name":"Shop","type":"public_channel","id":1,"messages":[
             {"id":1,"type":"message","date":"2025-01-01T10:00:00","date_unixtime":"1735725600","from":"a","text":"first t.me/shopname"},
             {"id":2,"type":"service","action":"pin_message"},
             {"id":3,"type":"message","date":"2025-01-01T10:01:00","from":"b","text":["bold ",{"type":"link","text":"here","href":"http://x.example"}]}]}
            """),
        "html" => Encoding.UTF8.GetBytes("<!doctype html><html><head><title>Shop</title><link rel=canonical href=\"http://shop.example/p\"><script>x()</script></head>" +
            "<body><div><p>Xanax <b>bars</b> &amp; more</p><ul><li>one<li>two</ul><a href=\"/next\">next</a><!-- note --></div></body></html>"),
        "warc" => Encoding.UTF8.GetBytes(Warc()),
        "warc.gz" => Gzip(Warc()),
        "eml" => Encoding.UTF8.GetBytes("From: Carol <carol@tutanota.com>\nTo: d@proton.me\nSubject: price list\nDate: Wed, 08 Jan 2025 09:00:00 +0000\nContent-Type: text/plain\n\nketamine 20 per gram\n"),
        "mbox" => Encoding.UTF8.GetBytes("From a@example.org Mon Jan  6 10:00:00 2025\nFrom: A <a@example.org>\nSubject: one\n\nfirst body\n\n" +
            "From b@example.org Tue Jan  7 11:00:00 2025\nFrom: B <b@example.org>\nSubject: two\nContent-Type: text/html\n\n<p>second</p>\n"),
        "edges" => Encoding.UTF8.GetBytes("source,target,weight,time\na,b,1,2025-01-01\nb,c,2.5,\nc,a,,1700000000\n"),
        _ => Encoding.UTF8.GetBytes("plain text with vendor@proton.me and +31 6 12345678\nsecond line\n"),
    };

    private static string Warc()
    {
        string Record(string uri, string text)
        {
            var html = $"<html><body><p>{text}</p></body></html>";
            var http = $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {html.Length}\r\n\r\n{html}";
            return $"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-03T04:05:06Z\r\n" +
                $"Content-Type: application/http; msgtype=response\r\nContent-Length: {Encoding.UTF8.GetByteCount(http)}\r\n\r\n{http}\r\n\r\n";
        }

        return "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 5\r\n\r\nGET /\r\n\r\n" + Record("http://a.example/1", "first page") + Record("http://a.example/2", "second page");
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
