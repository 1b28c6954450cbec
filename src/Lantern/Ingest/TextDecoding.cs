using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Lantern.Ingest;

/// <summary>What separates records in a file. CRLF reads as <see cref="LineFeed"/>: the CR before an LF is not content.</summary>
internal enum RecordSeparator
{
    LineFeed,
    CarriageReturn,
}

/// <summary>How a file's bytes are laid out: its encoding, the length of its byte-order mark and what ends a record.</summary>
internal sealed record FileLayout(SourceEncoding Encoding, int BomLength, RecordSeparator Separator)
{
    /// <summary>Bytes per code unit: 2 for UTF-16, else 1.</summary>
    public int UnitWidth => Encoding is SourceEncoding.Utf16LittleEndian or SourceEncoding.Utf16BigEndian ? 2 : 1;

    /// <summary>How much of a file is looked at to decide its encoding and record separator.</summary>
    public const int SampleBytes = 1024 * 1024;

    /// <summary>
    /// Decides a file's layout from its first megabyte: a byte-order mark names the encoding;
    /// without one, the file is UTF-8 unless invalid UTF-8 sequences outnumber valid multi-byte
    /// ones (then it is a legacy single-byte file, read as Windows-1252). The separator is the
    /// commonest of LF, CRLF and bare CR, counted outside double-quoted fields when
    /// <paramref name="quotedFields"/> (CSV) says quotes may hold line breaks.
    /// </summary>
    public static FileLayout Detect(string path, SourceEncoding? forced, bool quotedFields)
    {
        var head = new byte[SampleBytes];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return Detect(head.AsSpan(0, length), forced, quotedFields);
    }

    public static FileLayout Detect(ReadOnlySpan<byte> head, SourceEncoding? forced, bool quotedFields)
    {
        var (bomEncoding, bomLength) = ByteOrderMark(head);
        var encoding = forced ?? bomEncoding ?? Guess(head[bomLength..]);
        if (forced is { } chosen && bomEncoding != chosen && !(chosen == SourceEncoding.Utf8 && bomEncoding is null))
        {
            bomLength = 0;
        }

        var sample = TextDecoder.DecodePlain(head[bomLength..], encoding);
        return new FileLayout(encoding, bomLength, CountSeparators(sample, quotedFields));
    }

    /// <summary>The first line of the file's sample as text (the header of a CSV file).</summary>
    public static string FirstLine(string path, FileLayout layout)
    {
        var head = new byte[64 * 1024];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var text = TextDecoder.DecodePlain(head.AsSpan(Math.Min(layout.BomLength, length), length - Math.Min(layout.BomLength, length)), layout.Encoding);
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }

    private static (SourceEncoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? (SourceEncoding.Utf8, 3)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? (SourceEncoding.Utf16LittleEndian, 2)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (SourceEncoding.Utf16BigEndian, 2)
        : (null, 0);

    private static SourceEncoding Guess(ReadOnlySpan<byte> sample)
    {
        int valid = 0, invalid = 0;
        while (!sample.IsEmpty)
        {
            var ascii = sample.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                break;
            }

            sample = sample[ascii..];
            var status = Rune.DecodeFromUtf8(sample, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                valid++;
            }
            else if (status == OperationStatus.InvalidData)
            {
                invalid++;
            }

            sample = sample[Math.Max(consumed, 1)..];
        }

        return invalid > valid ? SourceEncoding.Windows1252 : SourceEncoding.Utf8;
    }

    private static RecordSeparator CountSeparators(string sample, bool quotedFields)
    {
        int lineFeeds = 0, carriageReturns = 0, pairs = 0;
        var quoted = false;
        for (var i = 0; i < sample.Length; i++)
        {
            var c = sample[i];
            if (c == '"' && quotedFields)
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '\r')
            {
                if (i + 1 < sample.Length && sample[i + 1] == '\n')
                {
                    pairs++;
                    i++;
                }
                else
                {
                    carriageReturns++;
                }
            }
            else if (c == '\n')
            {
                lineFeeds++;
            }
        }

        return carriageReturns > lineFeeds + pairs ? RecordSeparator.CarriageReturn : RecordSeparator.LineFeed;
    }
}

/// <summary>
/// Turns a record's bytes into text without dropping any: UTF-8 with invalid sequences replaced
/// by U+FFFD (a lone invalid byte amid valid text is read as Windows-1252, as mixed files hold),
/// UTF-16, Windows-1252 or Latin-1; then repairs UTF-8 that was decoded once too often through
/// Windows-1252 ("Ã©" for "é") or the DOS code page 437 ("┬╡" for "µ", "ΓÇÖ" for "’"). A run is
/// repaired only when it re-encodes to complete, valid UTF-8, so genuine accented, Greek or
/// Cyrillic text is left alone.
/// </summary>
public static class TextDecoder
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private static readonly Encoding Dos437 = CodePagesEncodingProvider.Instance.GetEncoding(437)!;

    private static readonly Dictionary<char, byte> Windows1252Bytes = HighHalf(Windows1252, latin1Controls: true);
    private static readonly Dictionary<char, byte> Dos437Bytes = HighHalf(Dos437, latin1Controls: false);
    private static readonly SearchValues<char> Windows1252Leads = Leads(Windows1252Bytes);
    private static readonly SearchValues<char> Dos437Leads = Leads(Dos437Bytes);

    /// <summary>Names accepted by <c>--encoding</c>.</summary>
    public static readonly IReadOnlyDictionary<string, SourceEncoding> Names = new Dictionary<string, SourceEncoding>(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = SourceEncoding.Utf8,
        ["utf8"] = SourceEncoding.Utf8,
        ["windows-1252"] = SourceEncoding.Windows1252,
        ["cp1252"] = SourceEncoding.Windows1252,
        ["latin-1"] = SourceEncoding.Latin1,
        ["latin1"] = SourceEncoding.Latin1,
        ["iso-8859-1"] = SourceEncoding.Latin1,
        ["utf-16le"] = SourceEncoding.Utf16LittleEndian,
        ["utf-16be"] = SourceEncoding.Utf16BigEndian,
    };

    public static string Name(SourceEncoding encoding) => encoding switch
    {
        SourceEncoding.Utf8 => "utf-8",
        SourceEncoding.Utf16LittleEndian => "utf-16le",
        SourceEncoding.Utf16BigEndian => "utf-16be",
        SourceEncoding.Windows1252 => "windows-1252",
        _ => "latin-1",
    };

    /// <summary>Decodes and repairs, adding what was done to <paramref name="repairs"/>.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, SourceEncoding encoding, TextRepairs repairs)
    {
        if (encoding is SourceEncoding.Utf8 or SourceEncoding.Windows1252 or SourceEncoding.Latin1 && Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        var text = encoding == SourceEncoding.Utf8 && !Utf8.IsValid(bytes) ? DecodeLenientUtf8(bytes, repairs) : DecodePlain(bytes, encoding);
        return RepairDoubleEncoding(text, repairs);
    }

    /// <summary>Decodes without repairs; invalid sequences become U+FFFD.</summary>
    public static string DecodePlain(ReadOnlySpan<byte> bytes, SourceEncoding encoding) => encoding switch
    {
        SourceEncoding.Utf8 => Encoding.UTF8.GetString(bytes),
        SourceEncoding.Utf16LittleEndian => Encoding.Unicode.GetString(bytes[..(bytes.Length & ~1)]),
        SourceEncoding.Utf16BigEndian => Encoding.BigEndianUnicode.GetString(bytes[..(bytes.Length & ~1)]),
        SourceEncoding.Windows1252 => Windows1252.GetString(bytes),
        _ => Encoding.Latin1.GetString(bytes),
    };

    /// <summary>Repairs runs of double-encoded UTF-8 in text already decoded.</summary>
    internal static string RepairDoubleEncoding(string text, TextRepairs repairs)
    {
        if (text.AsSpan().IndexOfAny(Windows1252Leads) >= 0)
        {
            text = Repair(text, Windows1252Bytes, Windows1252Leads, out var count);
            repairs.DoubleEncodedWindows1252 += count;
        }

        if (text.AsSpan().IndexOfAny(Dos437Leads) >= 0)
        {
            text = Repair(text, Dos437Bytes, Dos437Leads, out var count);
            repairs.DoubleEncodedDos437 += count;
        }

        return text;
    }

    private static string DecodeLenientUtf8(ReadOnlySpan<byte> bytes, TextRepairs repairs)
    {
        var builder = new StringBuilder(bytes.Length);
        Span<char> pair = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            var ascii = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            var plain = ascii < 0 ? bytes.Length : ascii;
            foreach (var b in bytes[..plain])
            {
                builder.Append((char)b);
            }

            bytes = bytes[plain..];
            if (bytes.IsEmpty)
            {
                break;
            }

            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                builder.Append(pair[..rune.EncodeToUtf16(pair)]);
            }
            else if (consumed == 1 && Windows1252.GetString(bytes[..1]) is [var single] && single != '\uFFFD' && !char.IsControl(single))
            {
                builder.Append(single);
                repairs.ReadAsWindows1252++;
            }
            else
            {
                builder.Append('\uFFFD');
                repairs.Replaced++;
            }

            bytes = bytes[consumed..];
        }

        return builder.ToString();
    }

    private static string Repair(string text, Dictionary<char, byte> codePage, SearchValues<char> leads, out int count)
    {
        count = 0;
        StringBuilder? builder = null;
        var copied = 0;
        Span<byte> sequence = stackalloc byte[4];
        Span<char> pair = stackalloc char[2];
        var start = 0;
        while (start < text.Length)
        {
            var found = text.AsSpan(start).IndexOfAny(leads);
            if (found < 0)
            {
                break;
            }

            var at = start + found;
            var lead = codePage[text[at]];
            var length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            var complete = at + length <= text.Length;
            sequence[0] = lead;
            for (var k = 1; complete && k < length; k++)
            {
                complete = codePage.TryGetValue(text[at + k], out var next) && next is >= 0x80 and <= 0xBF;
                sequence[k] = next;
            }

            if (complete && Rune.DecodeFromUtf8(sequence[..length], out var rune, out var consumed) == OperationStatus.Done && consumed == length)
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, at - copied).Append(pair[..rune.EncodeToUtf16(pair)]);
                copied = at + length;
                start = copied;
                count++;
            }
            else
            {
                start = at + 1;
            }
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The characters a code page puts at bytes 0x80–0xFF, each with its byte.</summary>
    private static Dictionary<char, byte> HighHalf(Encoding codePage, bool latin1Controls)
    {
        var map = new Dictionary<char, byte>();
        for (var b = 0x80; b <= 0xFF; b++)
        {
            var decoded = codePage.GetString([(byte)b]);
            if (decoded is [var c] && c != '\uFFFD' && c != '?')
            {
                map[c] = (byte)b;
            }

            if (latin1Controls && b < 0xA0)
            {
                // UTF-8 read as Latin-1 rather than Windows-1252 leaves C1 control characters for these bytes.
                map.TryAdd((char)b, (byte)b);
            }
        }

        return map;
    }

    private static SearchValues<char> Leads(Dictionary<char, byte> codePage) =>
        SearchValues.Create(codePage.Where(pair => pair.Value is >= 0xC2 and <= 0xF4).Select(pair => pair.Key).ToArray());
}

/// <summary>What decoding a record changed, counted; <see cref="Describe"/> words it for <c>show</c>.</summary>
internal sealed class TextRepairs
{
    public int Replaced { get; set; }

    public int ReadAsWindows1252 { get; set; }

    public int DoubleEncodedWindows1252 { get; set; }

    public int DoubleEncodedDos437 { get; set; }

    public int LoneSurrogates { get; set; }

    public bool Any => Replaced + ReadAsWindows1252 + DoubleEncodedWindows1252 + DoubleEncodedDos437 + LoneSurrogates > 0;

    public void Clear() => Replaced = ReadAsWindows1252 = DoubleEncodedWindows1252 = DoubleEncodedDos437 = LoneSurrogates = 0;

    /// <summary>One line naming each repair, or null when there was none.</summary>
    public string? Describe()
    {
        if (!Any)
        {
            return null;
        }

        var parts = new List<string>();
        Add(Replaced, "invalid UTF-8 sequence", "replaced by U+FFFD");
        Add(ReadAsWindows1252, "stray byte", "read as Windows-1252");
        Add(DoubleEncodedWindows1252, "double-encoded UTF-8 character", "repaired (Windows-1252)");
        Add(DoubleEncodedDos437, "double-encoded UTF-8 character", "repaired (code page 437)");
        Add(LoneSurrogates, "lone surrogate escape", "replaced by U+FFFD");
        return string.Join("; ", parts);

        void Add(int count, string what, string done)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? string.Empty : "s")} {done}"));
            }
        }
    }
}
