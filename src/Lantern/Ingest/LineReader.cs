using System.Buffers;
using System.Text;

namespace Lantern.Ingest;

/// <summary>A line of a file as bytes: its 1-based number, byte range (without the line break) and whether it exceeded the size limit.</summary>
public readonly record struct ByteLine(long Number, long Start, long End, ReadOnlyMemory<byte> Bytes, bool TooLong);

/// <summary>
/// Streams a file line by line with exact byte offsets, holding at most one line (up to a limit)
/// in memory; a longer line is skipped to its end and reported as <see cref="ByteLine.TooLong"/>.
/// </summary>
public static class LineReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The lines of a file laid out as <paramref name="layout"/> says (default: UTF-8, LF or CRLF):
    /// each line's bytes exclude the separator, a CR before an LF, and a byte-order mark.
    /// </summary>
    internal static IEnumerable<ByteLine> ReadLines(Stream stream, int maxLineBytes, FileLayout? layout = null)
    {
        layout ??= new FileLayout(SourceEncoding.Utf8, 0, RecordSeparator.LineFeed);
        var width = layout.UnitWidth;
        var bigEndian = layout.Encoding == SourceEncoding.Utf16BigEndian;
        var separator = layout.Separator == RecordSeparator.CarriageReturn ? (byte)'\r' : (byte)'\n';
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new byte[Math.Min(maxLineBytes, 64 * 1024)];
        var lineLength = 0;
        var tooLong = false;
        long lineStart = layout.BomLength;
        long position = 0;
        long number = 1;
        var read = 0;
        try
        {
            while ((read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
            {
                var offset = 0;
                if (position < layout.BomLength)
                {
                    offset = (int)Math.Min(read, layout.BomLength - position);
                    position += offset;
                }

                while (offset < read)
                {
                    var newline = width == 1 ? IndexOfSeparator(offset) : IndexOfWideSeparator(offset);
                    var end = newline < 0 ? read : newline;
                    Append(buffer.AsSpan(offset, end - offset));
                    position += end - offset;
                    offset = end;
                    if (newline < 0)
                    {
                        continue;
                    }

                    yield return Line();
                    offset += width;
                    position += width;
                    number++;
                    lineStart = position;
                    lineLength = 0;
                    tooLong = false;
                }
            }

            if (position > lineStart)
            {
                yield return Line();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        int IndexOfSeparator(int from) => Array.IndexOf(buffer, separator, from, read - from);

        // A UTF-16 separator is a whole code unit: one that starts at an even offset in the file
        // (reads fill the buffer, so only the last one can end mid-unit).
        int IndexOfWideSeparator(int from)
        {
            for (var k = from + (int)(position & 1); k + 1 < read; k += 2)
            {
                var unit = bigEndian ? buffer[k] << 8 | buffer[k + 1] : buffer[k + 1] << 8 | buffer[k];
                if (unit == separator)
                {
                    return k;
                }
            }

            return -1;
        }

        ByteLine Line()
        {
            var content = lineLength;
            var strip = 0;
            if (!tooLong && separator == '\n' && lineLength >= width && IsUnit(lineLength - width, '\r'))
            {
                content -= width;
            }

            if (!tooLong && separator == '\r' && content >= width && IsUnit(0, '\n'))
            {
                strip = width;
            }

            return new ByteLine(number, lineStart + strip, lineStart + (tooLong ? position - lineStart : content), line.AsMemory(strip, tooLong ? 0 : content - strip), tooLong);
        }

        bool IsUnit(int at, char expected) =>
            width == 1 ? line[at] == expected
            : bigEndian ? line[at] == 0 && line[at + 1] == expected
            : line[at] == expected && line[at + 1] == 0;

        void Append(ReadOnlySpan<byte> bytes)
        {
            if (tooLong)
            {
                return;
            }

            if (lineLength + bytes.Length > maxLineBytes)
            {
                tooLong = true;
                lineLength = 0;
                return;
            }

            if (lineLength + bytes.Length > line.Length)
            {
                Array.Resize(ref line, Math.Min(maxLineBytes, Math.Max(line.Length * 2, lineLength + bytes.Length)));
            }

            bytes.CopyTo(line.AsSpan(lineLength));
            lineLength += bytes.Length;
        }
    }

    /// <summary>Decodes strict UTF-8, naming the byte offset of the first invalid sequence.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            error = null;
            return true;
        }
        catch (DecoderFallbackException exception)
        {
            text = string.Empty;
            error = $"invalid UTF-8 at byte {Math.Max(exception.Index, 0)} of the record";
            return false;
        }
    }
}
