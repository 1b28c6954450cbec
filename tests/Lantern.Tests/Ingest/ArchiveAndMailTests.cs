using System.IO.Compression;
using System.Text;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

public sealed class ArchiveAndMailTests
{
    [Theory]
    [InlineData("heritrix-blackbook.warc.gz", 2)]
    [InlineData("wget-urls.warc.gz", 11)]
    public void SampleWebArchivesYieldTheirHtmlResponsesAsPages(string sample, int pages)
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(TestData.Data(Path.Combine("samples", sample)));

        var file = Assert.Single(report.Files);
        Assert.Equal("warc", file.Format);
        Assert.Empty(report.Problems);
        Assert.Equal(pages, file.Added + file.Versions);
        var hits = workspace.Search("kind:page", limit: 50).Hits;
        Assert.All(hits, hit => Assert.StartsWith("http", hit.SourceId, StringComparison.Ordinal));
        Assert.All(hits, hit => Assert.NotNull(hit.PostedAt));
    }

    [Fact]
    public void WarcRecordsKeepTheirUriDateAndByteRangeInTheUncompressedArchive()
    {
        using var workspace = new TestWorkspace();
        const string Html = "<html><head><title>Shop</title><script>evil()</script></head><body><p>Xanax bars, ships from NL</p></body></html>";
        var http = $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {Html.Length}\r\n\r\n{Html}";
        var record = $"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://shop.example/xanax\r\nWARC-Date: 2025-02-03T04:05:06Z\r\n" +
            $"Content-Type: application/http; msgtype=response\r\nContent-Length: {Encoding.UTF8.GetByteCount(http)}\r\n\r\n{http}\r\n\r\n";
        var request = "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 5\r\n\r\nGET /\r\n\r\n";
        var plain = request + record;
        var path = workspace.Folder.Combine("crawl.warc.gz");
        using (var output = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            output.Write(Encoding.UTF8.GetBytes(plain));
        }

        workspace.Ingest(path);

        var document = workspace.Store.Get(workspace.Search("xanax").Hits.Single().Doc)!;
        Assert.Equal(("shop.example", "http://shop.example/xanax", "Shop"), (document.Site, document.SourceId, document.Title));
        Assert.Equal("Xanax bars, ships from NL", document.Text);
        Assert.Equal(new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero), document.PostedAt);
        Assert.Equal(Encoding.UTF8.GetByteCount(request), document.Provenance!.ByteStart);
        Assert.Equal(2, document.Provenance!.Record);
        Assert.StartsWith("WARC/1.0", plain[(int)document.Provenance!.ByteStart..], StringComparison.Ordinal);
    }

    [Fact]
    public void MailboxMessagesBecomeEmailDocumentsWhoseHeaderAddressesAreSelectors()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("seized.mbox",
            "From alice@example.org Mon Jan  6 10:00:00 2025\nFrom: Alice <alice@example.org>\nTo: bob@proton.me\nSubject: the drop\n" +
            "Date: Mon, 06 Jan 2025 10:00:00 +0000\nMessage-ID: <m1@example.org>\n\nMeet at the docks.\n\n" +
            "From bob@proton.me Tue Jan  7 11:00:00 2025\nFrom: Bob <bob@proton.me>\nTo: Alice <alice@example.org>\nSubject: Re: the drop\n" +
            "Date: Tue, 07 Jan 2025 11:00:00 +0000\nMessage-ID: <m2@proton.me>\nContent-Type: text/html\n\n<p>OK, call <b>+31 6 12345678</b></p>\n");
        var single = workspace.Folder.File("one.eml", "From: Carol <carol@tutanota.com>\nSubject: price list\nDate: Wed, 08 Jan 2025 09:00:00 +0000\n\nketamine 20 per gram\n");

        var report = workspace.Ingest(path, single);

        Assert.Equal(["mbox", "eml"], report.Files.Select(file => file.Format));
        Assert.Equal(3, report.Added);
        var reply = workspace.Store.Get(workspace.Search("title:re").Hits.Single().Doc)!;
        Assert.Equal(("seized", "m2@proton.me", "bob@proton.me", "email"), (reply.Site, reply.SourceId, reply.Author, reply.Kind));
        Assert.Contains("OK, call +31 6 12345678", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.Provenance!.Record);
        Assert.Equal(2, workspace.Search("email:alice@example.org").Total);
        Assert.Equal(1, workspace.Search("phone:31612345678").Total);
        Assert.Equal("carol@tutanota.com", workspace.Search("ketamine").Hits.Single().Author);
    }
}
