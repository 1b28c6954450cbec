using System.Numerics;
using System.Security.Cryptography;

namespace Lantern.Extraction.Checksums;

/// <summary>Bitcoin's Base58 with a 4-byte double-SHA-256 checksum (P2PKH and P2SH addresses).</summary>
public static class Base58Check
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

    public static byte[]? DecodePlain(string text)
    {
        BigInteger value = 0;
        foreach (var character in text)
        {
            var digit = Alphabet.IndexOf(character, StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            value = value * 58 + digit;
        }

        var leadingZeros = text.TakeWhile(character => character == '1').Count();
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[leadingZeros + body.Length];
        body.CopyTo(result, leadingZeros);
        return result;
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload) => SHA256.HashData(SHA256.HashData(payload))[..4];
}
