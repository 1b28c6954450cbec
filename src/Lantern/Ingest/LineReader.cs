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

    public static IEnumerable<ByteLine> ReadLines(Stream stream, int maxLineBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new byte[Math.Min(maxLineBytes, 64 * 1024)];
        var lineLength = 0;
        var tooLong = false;
        long lineStart = 0;
        long position = 0;
        long number = 1;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var offset = 0;
                while (offset < read)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', offset, read - offset);
                    var end = newline < 0 ? read : newline;
                    Append(buffer.AsSpan(offset, end - offset));
                    position += end - offset;
                    offset = end;
                    if (newline < 0)
                    {
                        continue;
                    }

                    var content = lineLength > 0 && line[lineLength - 1] == '\r' && !tooLong ? lineLength - 1 : lineLength;
                    yield return new ByteLine(number, lineStart, lineStart + (tooLong ? position - lineStart : content), line.AsMemory(0, tooLong ? 0 : content), tooLong);
                    offset++;
                    position++;
                    number++;
                    lineStart = position;
                    lineLength = 0;
                    tooLong = false;
                }
            }

            if (position > lineStart)
            {
                var content = lineLength > 0 && line[lineLength - 1] == '\r' && !tooLong ? lineLength - 1 : lineLength;
                yield return new ByteLine(number, lineStart, lineStart + (tooLong ? position - lineStart : content), line.AsMemory(0, tooLong ? 0 : content), tooLong);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

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
