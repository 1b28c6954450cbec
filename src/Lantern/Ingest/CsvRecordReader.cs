using System.Buffers;

namespace Lantern.Ingest;

/// <summary>A CSV record: its fields as strings (null where a field was not valid UTF-8), and where it sits.</summary>
public sealed record CsvRecord(long Number, long Line, long ByteStart, long ByteEnd, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// RFC 4180 reader over bytes: quoted fields may hold delimiters, quotes (doubled) and line breaks.
/// Streams with exact byte offsets; a record over the size limit is skipped and reported.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>The delimiter of a CSV file, judged from its first line.</summary>
    public static byte SniffDelimiter(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[64 * 1024];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var newline = Array.IndexOf(head, (byte)'\n', 0, length);
        return SniffDelimiter(head.AsSpan(0, newline < 0 ? length : newline));
    }

    /// <summary>Picks the delimiter that splits the header line most: comma, semicolon, tab or pipe.</summary>
    public static byte SniffDelimiter(ReadOnlySpan<byte> headerLine)
    {
        ReadOnlySpan<byte> candidates = ",;\t|"u8;
        var best = (byte)',';
        var bestCount = 0;
        foreach (var candidate in candidates)
        {
            var count = 0;
            var quoted = false;
            foreach (var b in headerLine)
            {
                if (b == '"')
                {
                    quoted = !quoted;
                }
                else if (b == candidate && !quoted)
                {
                    count++;
                }
            }

            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }

    public static IEnumerable<CsvRecord> Read(Stream stream, byte delimiter, int maxRecordBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var field = new List<byte>(256);
        var fields = new List<string>();
        string? error = null;
        var recordBytes = 0L;
        var quoted = false;
        var quoteSeen = false;
        var atFieldStart = true;
        var anyContent = false;
        long position = 0;
        long line = 1;
        long recordStart = 0;
        long recordLine = 1;
        long number = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++, position++)
                {
                    var b = buffer[i];
                    if (position == 0 && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        i += 2;
                        position += 2;
                        recordStart = 3;
                        continue;
                    }

                    recordBytes++;
                    if (quoted)
                    {
                        if (b == '"')
                        {
                            quoted = false;
                            quoteSeen = true;
                        }
                        else
                        {
                            if (b == '\n')
                            {
                                line++;
                            }

                            Add(b);
                        }

                        continue;
                    }

                    if (b == '"' && (atFieldStart || quoteSeen))
                    {
                        if (quoteSeen)
                        {
                            Add((byte)'"');
                        }

                        quoted = true;
                        quoteSeen = false;
                        atFieldStart = false;
                        anyContent = true;
                        continue;
                    }

                    quoteSeen = false;
                    if (b == delimiter)
                    {
                        EndField();
                        anyContent = true;
                    }
                    else if (b == '\n')
                    {
                        if (anyContent || field.Count > 0)
                        {
                            EndField();
                            number++;
                            yield return Finish(position);
                        }

                        line++;
                        ResetRecord(position + 1);
                    }
                    else if (b == '\r')
                    {
                        continue;
                    }
                    else
                    {
                        Add(b);
                        atFieldStart = false;
                        anyContent = true;
                    }
                }
            }

            if (anyContent || field.Count > 0)
            {
                if (quoted)
                {
                    error ??= "quoted field is not closed before the end of the file";
                }

                EndField();
                number++;
                yield return Finish(position);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        void Add(byte b)
        {
            if (recordBytes > maxRecordBytes)
            {
                error ??= $"record is over the {maxRecordBytes:N0}-byte record limit; skipped";
                field.Clear();
                return;
            }

            field.Add(b);
        }

        void EndField()
        {
            var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(field);
            if (LineReader.TryDecode(bytes, out var text, out var decodeError))
            {
                fields.Add(text);
            }
            else
            {
                error ??= $"field {fields.Count + 1}: {decodeError}";
                fields.Add(string.Empty);
            }

            field.Clear();
            atFieldStart = true;
            quoteSeen = false;
        }

        CsvRecord Finish(long end) => new(number, recordLine, recordStart, end, fields.ToArray(), error);

        void ResetRecord(long start)
        {
            fields.Clear();
            error = null;
            recordBytes = 0;
            recordStart = start;
            recordLine = line;
            atFieldStart = true;
            anyContent = false;
        }
    }
}
