using System.Numerics;
using System.Security.Cryptography;

namespace Lantern.Extraction.Checksums;

/// <summary>Bitcoin's Base58 with a 4-byte double-SHA-256 checksum (P2PKH and P2SH addresses).</summary>
internal static class Base58Check
{
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var data = new byte[payload.Length + 4];
        payload.CopyTo(data);
        Checksum(payload).CopyTo(data.AsSpan(payload.Length));
        return EncodePlain(data);
    }

    /// <summary>The payload (version byte and hash) when the checksum holds; null otherwise.</summary>
    public static byte[]? Decode(string text)
    {
        var data = DecodePlain(text);
        if (data is null || data.Length < 5)
        {
            return null;
        }

        var payload = data.AsSpan(0, data.Length - 4);
        return Checksum(payload).AsSpan().SequenceEqual(data.AsSpan(data.Length - 4)) ? payload.ToArray() : null;
    }

    public static string EncodePlain(ReadOnlySpan<byte> data)
    {
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            chars.Add(Alphabet[(int)remainder]);
        }

        foreach (var b in data)
        {
            if (b != 0)
            {
                break;
            }

            chars.Add('1');
        }

        chars.Reverse();
        return new string(chars.ToArray());
    }

    /// <summary>Decodes Base58 without big integers: the digits are multiplied into a byte array, most significant first.</summary>
    public static byte[]? DecodePlain(string text)
    {
        var leadingZeros = 0;
        while (leadingZeros < text.Length && text[leadingZeros] == '1')
        {
            leadingZeros++;
        }

        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var length = 0;
        foreach (var character in text.AsSpan(leadingZeros))
        {
            var digit = DigitValue(character);
            if (digit < 0)
            {
                return null;
            }

            var carry = digit;
            for (var index = 0; index < length; index++)
            {
                carry += buffer[index] * 58;
                buffer[index] = (byte)carry;
                carry >>= 8;
            }

            while (carry > 0)
            {
                buffer[length++] = (byte)carry;
                carry >>= 8;
            }
        }

        var result = new byte[leadingZeros + length];
        for (var index = 0; index < length; index++)
        {
            result[leadingZeros + index] = buffer[length - 1 - index];
        }

        return result;
    }

    /// <summary>The character's value in the alphabet, or -1.</summary>
    public static int DigitValue(char character) => character < 128 ? DigitValues[character] : -1;

    private static readonly sbyte[] DigitValues = BuildDigitValues();

    private static sbyte[] BuildDigitValues()
    {
        var values = Enumerable.Repeat((sbyte)-1, 128).ToArray();
        for (var index = 0; index < Alphabet.Length; index++)
        {
            values[Alphabet[index]] = (sbyte)index;
        }

        return values;
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload) => SHA256.HashData(SHA256.HashData(payload))[..4];
}
