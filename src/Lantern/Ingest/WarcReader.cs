using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Lantern.Ingest;

/// <summary>
/// Web archives (<c>.warc</c>, <c>.warc.gz</c>; WARC/1.0, 1.1 and Heritrix's 0.17): each HTML
/// response (or resource) record is a page document with its <c>WARC-Target-URI</c> as URL and
/// source id and its <c>WARC-Date</c> as time. Record byte ranges are offsets in the uncompressed
/// archive. Other records (requests, metadata, DNS, images) are passed over.
/// </summary>
internal sealed class WarcReader : IDocumentReader
{
    public string Format => "warc";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        using var raw = File.OpenRead(file.Path);
        var magic = new byte[2];
        var gzip = raw.Read(magic, 0, 2) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        raw.Position = 0;
        using Stream stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        var reader = new PositionedReader(stream);
        long recordNumber = 0;
        while (true)
        {
            string? versionLine;
            long start;
            do
            {
                start = reader.Position;
                versionLine = reader.ReadLine();
            }
            while (versionLine is { Length: 0 });

            if (versionLine is null)
            {
                if (reader.Damage is { } damage)
                {
                    yield return Damaged(file, recordNumber + 1, start, damage);
                }

                yield break;
            }

            recordNumber++;
            if (!versionLine.StartsWith("WARC/", StringComparison.Ordinal))
            {
                yield return new IngestProblem(file.DisplayPath, $"record {recordNumber} (byte {start})", $"expected a WARC record header, found '{Shorten(versionLine)}'; the rest of the file is skipped");
                yield break;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? line;
            while ((line = reader.ReadLine()) is { Length: > 0 })
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) || length < 0)
            {
                yield return new IngestProblem(file.DisplayPath, $"record {recordNumber} (byte {start})", "WARC record without a valid Content-Length; the rest of the file is skipped");
                yield break;
            }

            var blockStart = reader.Position;
            var location = new RecordLocation(start, blockStart + length, Record: recordNumber);
            var type = headers.GetValueOrDefault("WARC-Type", string.Empty);
            var contentType = headers.GetValueOrDefault("Content-Type", string.Empty);
            var isHttpResponse = type == "response" && contentType.Contains("application/http", StringComparison.OrdinalIgnoreCase);
            var isResource = type == "resource" && contentType.Contains("html", StringComparison.OrdinalIgnoreCase);
            if ((!isHttpResponse && !isResource) || length > options.MaxRecordBytes)
            {
                reader.Skip(length);
                if ((isHttpResponse || isResource) && length > options.MaxRecordBytes)
                {
                    yield return new IngestProblem(file.DisplayPath, location.ToString(), $"record of {length:N0} bytes is over the {options.MaxRecordBytes:N0}-byte record limit; skipped");
                }

                continue;
            }

            var block = reader.ReadBytes(length);
            if (block.Length < length)
            {
                yield return reader.Damage is { } damage
                    ? Damaged(file, recordNumber, start, damage)
                    : new IngestProblem(file.DisplayPath, location.ToString(), "the archive ends inside this record (truncated file)");
                yield break;
            }

            var item = ToDocument(file, headers, block, isHttpResponse, location, options, out var pageProblem);
            if (pageProblem is not null)
            {
                yield return new IngestProblem(file.DisplayPath, location.ToString(), pageProblem, ProblemSeverity.Warning);
            }

            if (item is { } found)
            {
                yield return found;
            }
        }
    }

    private static ReadItem? ToDocument(SourceFile file, Dictionary<string, string> headers, byte[] block, bool httpResponse, RecordLocation location, ReadOptions options, out string? pageProblem)
    {
        pageProblem = null;
        ReadOnlyMemory<byte> body = block;
        if (httpResponse)
        {
            var (status, httpHeaders, payload) = SplitHttp(block);
            if (status is null)
            {
                return new IngestProblem(file.DisplayPath, location.ToString(), "response record without an HTTP status line and headers");
            }

            var type = httpHeaders.GetValueOrDefault("Content-Type", string.Empty);
            if (!type.Contains("html", StringComparison.OrdinalIgnoreCase) && !LooksLikeHtml(payload.Span))
            {
                return null;
            }

            body = payload;
            if (httpHeaders.GetValueOrDefault("Transfer-Encoding", string.Empty).Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Dechunk(body.Span);
            }

            if (httpHeaders.GetValueOrDefault("Content-Encoding", string.Empty).Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var compressed = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
                    using var plain = new MemoryStream();
                    compressed.CopyTo(plain);
                    body = plain.ToArray();
                }
                catch (InvalidDataException)
                {
                    return new IngestProblem(file.DisplayPath, location.ToString(), "gzip-encoded HTTP body that does not decompress");
                }
            }
        }

        var uri = headers.GetValueOrDefault("WARC-Target-URI", string.Empty).Trim('<', '>');
        HtmlPage page;
        using (var html = new MemoryStream(body.ToArray()))
        {
            page = HtmlText.Parse(html);
        }

        pageProblem = page.Problem;

        var site = options.Site ?? (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Host.Length > 0 ? parsed.Host.ToLowerInvariant() : Path.GetFileNameWithoutExtension(file.Path));
        DateTimeOffset? captured = RecordFields.TryParseDate(headers.GetValueOrDefault("WARC-Date"), out var date) ? date : null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "WARC-Record-ID", "WARC-Payload-Digest", "WARC-IP-Address" })
        {
            if (headers.TryGetValue(key, out var value))
            {
                metadata[key.ToLowerInvariant()] = value;
            }
        }

        if (page.Links.Count > 0)
        {
            metadata["links"] = System.Text.Json.JsonSerializer.Serialize(page.Links);
        }

        return new Document(site, uri.Length > 0 ? uri : null, null, RecordFields.NullIfBlank(page.Title), page.Text, captured,
            uri.Length > 0 ? uri : null, "page", null, metadata)
        {
            Location = location,
        };
    }

    private static (string? Status, Dictionary<string, string> Headers, ReadOnlyMemory<byte> Body) SplitHttp(byte[] block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = block.AsSpan().IndexOf("\r\n\r\n"u8);
        var separator = 4;
        if (end < 0)
        {
            end = block.AsSpan().IndexOf("\n\n"u8);
            separator = 2;
        }

        if (end < 0)
        {
            return (null, headers, ReadOnlyMemory<byte>.Empty);
        }

        var lines = Encoding.Latin1.GetString(block, 0, end).Split('\n');
        if (!lines[0].StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
        {
            return (null, headers, ReadOnlyMemory<byte>.Empty);
        }

        foreach (var header in lines.Skip(1))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
            }
        }

        return (lines[0].Trim(), headers, block.AsMemory(end + separator));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var output = new MemoryStream();
        while (!chunked.IsEmpty)
        {
            var lineEnd = chunked.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size <= 0 || lineEnd + 1 + size > chunked.Length)
            {
                break;
            }

            output.Write(chunked.Slice(lineEnd + 1, size));
            chunked = chunked[(lineEnd + 1 + size)..];
            while (!chunked.IsEmpty && chunked[0] is (byte)'\r' or (byte)'\n')
            {
                chunked = chunked[1..];
            }
        }

        return output.ToArray();
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 512)]).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static IngestProblem Damaged(SourceFile file, long recordNumber, long start, string damage) =>
        new(file.DisplayPath, $"record {recordNumber} (byte {start} of the uncompressed archive)", $"the compressed archive is damaged here ({damage}); the records before it are kept, the rest of the file is skipped");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Reads lines and blocks from a (possibly decompressing) stream, counting the bytes consumed.</summary>
    private sealed class PositionedReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int offset;
        private int count;

        public long Position { get; private set; }

        public string? ReadLine()
        {
            var line = new List<byte>();
            while (true)
            {
                if (offset == count && !Fill())
                {
                    return line.Count == 0 ? null : Decode(line);
                }

                var newline = Array.IndexOf(buffer, (byte)'\n', offset, count - offset);
                var end = newline < 0 ? count : newline;
                line.AddRange(buffer.AsSpan(offset, end - offset));
                Position += end - offset + (newline < 0 ? 0 : 1);
                offset = newline < 0 ? count : newline + 1;
                if (newline >= 0)
                {
                    return Decode(line);
                }

                if (line.Count > 64 * 1024)
                {
                    return Decode(line);
                }
            }
        }

        public byte[] ReadBytes(long length)
        {
            var result = new byte[length];
            var filled = 0;
            while (filled < length && (offset < count || Fill()))
            {
                var take = (int)Math.Min(length - filled, count - offset);
                Array.Copy(buffer, offset, result, filled, take);
                offset += take;
                filled += take;
                Position += take;
            }

            return filled == length ? result : result[..filled];
        }

        public void Skip(long length)
        {
            while (length > 0 && (offset < count || Fill()))
            {
                var take = (int)Math.Min(length, count - offset);
                offset += take;
                length -= take;
                Position += take;
            }
        }

        /// <summary>Why the stream stopped early: a gzip member that does not decompress.</summary>
        public string? Damage { get; private set; }

        private bool Fill()
        {
            offset = 0;
            count = 0;
            if (Damage is not null)
            {
                return false;
            }

            try
            {
                count = stream.Read(buffer, 0, buffer.Length);
            }
            catch (InvalidDataException exception)
            {
                Damage = exception.Message.TrimEnd('.');
            }

            return count > 0;
        }

        private static string Decode(List<byte> line)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line);
            return Encoding.UTF8.GetString(span.EndsWith((byte)'\r') ? span[..^1] : span);
        }
    }
}
