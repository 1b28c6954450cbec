namespace Lantern.Extraction.Checksums;

/// <summary>BIP-173 bech32 and BIP-350 bech32m, with segwit address encoding and decoding.</summary>
internal static class Bech32
{
    public enum Variant
    {
        Bech32,
        Bech32m,
    }

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;

    public static string Encode(string hrp, ReadOnlySpan<byte> data5, Variant encoding)
    {
        var values = data5.ToArray();
        var checksum = CreateChecksum(hrp, values, encoding);
        var chars = new char[hrp.Length + 1 + values.Length + 6];
        hrp.CopyTo(0, chars, 0, hrp.Length);
        chars[hrp.Length] = '1';
        var position = hrp.Length + 1;
        foreach (var value in values.Concat(checksum))
        {
            chars[position++] = Charset[value];
        }

        return new string(chars);
    }

    /// <summary>Splits a bech32 string into human-readable part and 5-bit data (checksum removed), or null when invalid.</summary>
    public static (string Hrp, byte[] Data, Variant Variant)? Decode(string text)
    {
        if (text.Length > 90)
        {
            return null;
        }

        bool hasLower = false, hasUpper = false;
        foreach (var c in text)
        {
            if (c is < (char)33 or > (char)126)
            {
                return null;
            }

            hasLower |= char.IsAsciiLetterLower(c);
            hasUpper |= char.IsAsciiLetterUpper(c);
        }

        if (hasLower && hasUpper)
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            return null;
        }

        var hrp = lower[..separator];
        var data = new byte[lower.Length - separator - 1];
        for (var index = 0; index < data.Length; index++)
        {
            var value = Charset.IndexOf(lower[separator + 1 + index], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            data[index] = (byte)value;
        }

        var polymod = Polymod(hrp, data);
        Variant? encoding = polymod == Bech32Constant ? Variant.Bech32 : polymod == Bech32mConstant ? Variant.Bech32m : null;
        return encoding is { } found ? (hrp, data[..^6], found) : null;
    }

    public static string EncodeSegwit(string hrp, int version, ReadOnlySpan<byte> program)
    {
        var data = new List<byte> { (byte)version };
        data.AddRange(ConvertBits(program, 8, 5, pad: true)!);
        return Encode(hrp, data.ToArray(), version == 0 ? Variant.Bech32 : Variant.Bech32m);
    }

    /// <summary>A segwit address's version and program when valid for the given network prefix (BIP-173/BIP-350 rules).</summary>
    public static (int Version, byte[] Program)? DecodeSegwit(string expectedHrp, string address)
    {
        if (Decode(address) is not { } decoded || decoded.Hrp != expectedHrp || decoded.Data.Length < 1)
        {
            return null;
        }

        var version = decoded.Data[0];
        if (version > 16)
        {
            return null;
        }

        var program = ConvertBits(decoded.Data.AsSpan(1), 5, 8, pad: false);
        if (program is null || program.Length < 2 || program.Length > 40)
        {
            return null;
        }

        if (version == 0 && program.Length is not (20 or 32))
        {
            return null;
        }

        var expected = version == 0 ? Variant.Bech32 : Variant.Bech32m;
        return decoded.Variant == expected ? (version, program) : null;
    }

    public static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var accumulator = 0;
        var bits = 0;
        var result = new List<byte>();
        var maxValue = (1 << toBits) - 1;
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            accumulator = (accumulator << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((accumulator >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((accumulator << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((accumulator << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return result.ToArray();
    }

    private static byte[] CreateChecksum(string hrp, byte[] data, Variant encoding)
    {
        var polymod = Polymod(hrp, [.. data, 0, 0, 0, 0, 0, 0]) ^ (encoding == Variant.Bech32 ? Bech32Constant : Bech32mConstant);
        var checksum = new byte[6];
        for (var index = 0; index < 6; index++)
        {
            checksum[index] = (byte)((polymod >> (5 * (5 - index))) & 31);
        }

        return checksum;
    }

    /// <summary>The BCH checksum over the expanded human-readable part (high bits, 0, low bits) and the data.</summary>
    private static uint Polymod(string hrp, ReadOnlySpan<byte> data)
    {
        uint checksum = 1;
        foreach (var c in hrp)
        {
            checksum = Step(checksum, (byte)(c >> 5));
        }

        checksum = Step(checksum, 0);
        foreach (var c in hrp)
        {
            checksum = Step(checksum, (byte)(c & 31));
        }

        foreach (var value in data)
        {
            checksum = Step(checksum, value);
        }

        return checksum;
    }

    private static uint Step(uint checksum, byte value)
    {
        var top = checksum >> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ value;
        for (var index = 0; index < 5; index++)
        {
            if (((top >> index) & 1) != 0)
            {
                checksum ^= Generator[index];
            }
        }

        return checksum;
    }

    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
}
