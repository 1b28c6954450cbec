using System.Buffers;

namespace Lantern.Ingest;

/// <summary>
/// A CSV record: its fields as text, where it sits, why it cannot be used (<see cref="Error"/>),
/// and what decoding repaired in it (<see cref="Repairs"/>, null when nothing).
/// </summary>
internal sealed record CsvRecord(long Number, long Line, long ByteStart, long ByteEnd, IReadOnlyList<string> Fields, string? Error, string? Repairs = null);

/// <summary>
/// RFC 4180 reader over bytes: quoted fields may hold delimiters, quotes (doubled) and line breaks.
/// Records end at the file's separator (LF, CRLF or bare CR, see <see cref="FileLayout"/>), in
/// UTF-8, single-byte or UTF-16 files alike. Streams with exact byte offsets; a record over the
/// size limit is skipped and reported.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>The delimiter of a CSV file, judged from its first line.</summary>
    public static byte SniffDelimiter(string path, FileLayout layout) => SniffDelimiter(FileLayout.FirstLine(path, layout));

    /// <summary>Picks the delimiter that splits the header line most: comma, semicolon, tab or pipe.</summary>
    public static byte SniffDelimiter(string headerLine)
    {
        var best = (byte)',';
        var bestCount = 0;
        foreach (var candidate in ",;\t|")
        {
            var count = 0;
            var quoted = false;
            foreach (var c in headerLine)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == candidate && !quoted)
                {
                    count++;
                }
            }

            if (count > bestCount)
            {
                best = (byte)candidate;
                bestCount = count;
            }
        }

        return best;
    }

    public static IEnumerable<CsvRecord> Read(Stream stream, byte delimiter, int maxRecordBytes, FileLayout layout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var field = new List<byte>(256);
        var fields = new List<string>();
        var repairs = new TextRepairs();
        var width = layout.UnitWidth;
        var bigEndian = layout.Encoding == SourceEncoding.Utf16BigEndian;
        var carriageReturnEnds = layout.Separator == RecordSeparator.CarriageReturn;
        string? error = null;
        var recordBytes = 0L;
        var quoted = false;
        var quoteSeen = false;
        var atFieldStart = true;
        var anyContent = false;
        var afterCarriageReturn = false;
        long carriageReturnStart = 0;
        int pendingByte = -1;
        long position = 0;
        long line = 1;
        long recordStart = layout.BomLength;
        long recordLine = 1;
        long number = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++, position++)
                {
                    if (position < layout.BomLength)
                    {
                        continue;
                    }

                    int unit = buffer[i];
                    if (width == 2)
                    {
                        if (pendingByte < 0)
                        {
                            pendingByte = unit;
                            continue;
                        }

                        unit = bigEndian ? pendingByte << 8 | unit : unit << 8 | pendingByte;
                        pendingByte = -1;
                    }

                    var unitStart = position - width + 1;
                    var wasAfterCarriageReturn = afterCarriageReturn;
                    afterCarriageReturn = unit == '\r';
                    if (afterCarriageReturn)
                    {
                        carriageReturnStart = unitStart;
                    }

                    recordBytes += width;
                    if (quoted)
                    {
                        if (unit == '"')
                        {
                            quoted = false;
                            quoteSeen = true;
                        }
                        else
                        {
                            if (unit == '\n' && !(carriageReturnEnds && wasAfterCarriageReturn) || unit == '\r' && carriageReturnEnds)
                            {
                                line++;
                            }

                            Add(unit);
                        }

                        continue;
                    }

                    if (unit == '"' && (atFieldStart || quoteSeen))
                    {
                        if (quoteSeen)
                        {
                            Add('"');
                        }

                        quoted = true;
                        quoteSeen = false;
                        atFieldStart = false;
                        anyContent = true;
                        continue;
                    }

                    quoteSeen = false;
                    if (unit == delimiter)
                    {
                        EndField();
                        anyContent = true;
                    }
                    else if (unit == '\n' || unit == '\r' && carriageReturnEnds)
                    {
                        if (unit == '\n' && carriageReturnEnds && wasAfterCarriageReturn)
                        {
                            // The LF of a CRLF in a file whose records end at CR: the record already ended.
                            recordStart = position + 1;
                            continue;
                        }

                        if (anyContent || field.Count > 0)
                        {
                            EndField();
                            number++;
                            yield return Finish(unit == '\n' && wasAfterCarriageReturn ? carriageReturnStart : unitStart);
                        }

                        line++;
                        ResetRecord(position + 1);
                    }
                    else if (unit == '\r')
                    {
                        continue;
                    }
                    else
                    {
                        Add(unit);
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

        void Add(int unit)
        {
            if (recordBytes > maxRecordBytes)
            {
                error ??= $"record is over the {maxRecordBytes:N0}-byte record limit; skipped";
                field.Clear();
                return;
            }

            if (width == 1)
            {
                field.Add((byte)unit);
            }
            else if (bigEndian)
            {
                field.Add((byte)(unit >> 8));
                field.Add((byte)unit);
            }
            else
            {
                field.Add((byte)unit);
                field.Add((byte)(unit >> 8));
            }
        }

        void EndField()
        {
            var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(field);
            fields.Add(TextDecoder.Decode(bytes, layout.Encoding, repairs));
            field.Clear();
            atFieldStart = true;
            quoteSeen = false;
        }

        CsvRecord Finish(long end) => new(number, recordLine, recordStart, end, fields.ToArray(), error, repairs.Describe());

        void ResetRecord(long start)
        {
            fields.Clear();
            repairs.Clear();
            error = null;
            recordBytes = 0;
            recordStart = start;
            recordLine = line;
            atFieldStart = true;
            anyContent = false;
        }
    }
}
