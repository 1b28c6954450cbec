using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Lantern.Extraction.Validation;

/// <summary>
/// Reads ASCII-armored OpenPGP public key blocks: the armor (RFC 4880 §6) is decoded here, its
/// CRC-24 checked, and the packets are parsed by BouncyCastle. BouncyCastle's own armor reader works
/// byte by byte and took five times longer than parsing the key itself.
/// </summary>
internal static class PgpKeys
{
    /// <summary>The primary key's fingerprint (40 upper-case hex digits for a v4 key), or null with the reason.</summary>
    public static (string? Fingerprint, string? Error) PrimaryFingerprint(string armored)
    {
        var (data, armorError) = Dearmor(armored);
        if (data is null)
        {
            return (null, armorError);
        }

        try
        {
            var ring = new PgpPublicKeyRingBundle(data).GetKeyRings().FirstOrDefault();
            if (ring is null)
            {
                return (null, "the block holds no public key");
            }

            var key = ring.GetPublicKey();
            return key.Version == 4 ? (Convert.ToHexString(key.GetFingerprint()), null) : (null, $"a version {key.Version} key; only v4 fingerprints are selectors");
        }
        catch (Exception exception) when (exception is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            return (null, $"not a readable public key block ({exception.Message})");
        }
    }

    /// <summary>The first key ring of an armored public key block (its primary key and subkeys), or null.</summary>
    public static PgpPublicKeyRing? Ring(string armored)
    {
        if (Dearmor(armored).Data is not { } data)
        {
            return null;
        }

        try
        {
            return new PgpPublicKeyRingBundle(data).GetKeyRings().FirstOrDefault();
        }
        catch (Exception exception) when (exception is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The bytes of an armored block: the header lines (up to the first blank line) are skipped,
    /// the base64 body decoded (line breaks and spaces are ignored by the decoder), and the
    /// optional <c>=XXXX</c> checksum line compared with CRC-24.
    /// </summary>
    public static (byte[]? Data, string? Error) Dearmor(string armored)
    {
        var text = armored.AsSpan();
        var firstLineEnd = text.IndexOf('\n');
        if (firstLineEnd < 0)
        {
            return (null, "the block has no body");
        }

        var body = text[(firstLineEnd + 1)..];
        var end = body.IndexOf("-----", StringComparison.Ordinal);
        if (end >= 0)
        {
            body = body[..end];
        }

        var firstBodyLine = body[..Math.Max(0, body.IndexOf('\n'))];
        if (firstBodyLine.Contains(':'))
        {
            var blank = BlankLine(body);
            body = blank < 0 ? [] : body[blank..];
        }

        ReadOnlySpan<char> checksum = [];
        var lastLine = body.TrimEnd();
        var lastBreak = lastLine.LastIndexOf('\n');
        if (lastBreak >= 0 && lastLine[(lastBreak + 1)..].Trim() is { Length: 5 } candidate && candidate[0] == '=')
        {
            checksum = candidate[1..];
            body = body[..lastBreak];
        }

        var data = new byte[body.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(body, data, out var length))
        {
            return (null, "the armor's body is not base64");
        }

        if (!checksum.IsEmpty)
        {
            Span<byte> expected = stackalloc byte[3];
            var actual = Crc24(data.AsSpan(0, length));
            if (!Convert.TryFromBase64Chars(checksum, expected, out var checksumLength) || checksumLength != 3
                || expected[0] != (byte)(actual >> 16) || expected[1] != (byte)(actual >> 8) || expected[2] != (byte)actual)
            {
                return (null, "the armor's CRC-24 checksum does not hold");
            }
        }

        return length == 0 ? (null, "the block is empty") : (data[..length], null);
    }

    /// <summary>Where the line after the first empty (or blank) line starts, or -1.</summary>
    private static int BlankLine(ReadOnlySpan<char> text)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text[lineStart..].IndexOf('\n');
            var line = lineEnd < 0 ? text[lineStart..] : text.Slice(lineStart, lineEnd);
            if (line.IsWhiteSpace())
            {
                return lineEnd < 0 ? text.Length : lineStart + lineEnd + 1;
            }

            if (lineEnd < 0)
            {
                break;
            }

            lineStart += lineEnd + 1;
        }

        return -1;
    }

    /// <summary>RFC 4880 §6.1, a byte at a time through a table.</summary>
    public static int Crc24(ReadOnlySpan<byte> data)
    {
        var crc = 0xB704CE;
        foreach (var b in data)
        {
            crc = ((crc << 8) ^ Crc24Table[((crc >> 16) ^ b) & 0xFF]) & 0xFFFFFF;
        }

        return crc;
    }

    private static readonly int[] Crc24Table = BuildCrc24Table();

    private static int[] BuildCrc24Table()
    {
        var table = new int[256];
        for (var index = 0; index < 256; index++)
        {
            var crc = index << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= 0x1864CFB;
                }
            }

            table[index] = crc & 0xFFFFFF;
        }

        return table;
    }
}
