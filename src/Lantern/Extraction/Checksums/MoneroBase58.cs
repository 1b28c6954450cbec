using System.Numerics;

namespace Lantern.Extraction.Checksums;

/// <summary>
/// Monero's Base58: 8-byte blocks encoded as 11 characters each (the last, shorter block to a
/// fixed shorter length), and addresses whose last 4 bytes are the first 4 of Keccak-256 of the rest.
/// </summary>
internal static class MoneroBase58
{
    private static readonly int[] EncodedBlockSizes = [0, 2, 3, 5, 6, 7, 9, 10, 11];

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var builder = new System.Text.StringBuilder();
        for (var offset = 0; offset < data.Length; offset += 8)
        {
            var block = data.Slice(offset, Math.Min(8, data.Length - offset));
            var value = new BigInteger(block, isUnsigned: true, isBigEndian: true);
            var chars = new char[EncodedBlockSizes[block.Length]];
            for (var index = chars.Length - 1; index >= 0; index--)
            {
                value = BigInteger.DivRem(value, 58, out var remainder);
                chars[index] = Base58Check.Alphabet[(int)remainder];
            }

            builder.Append(chars);
        }

        return builder.ToString();
    }

    public static byte[]? Decode(string text)
    {
        var fullBlocks = text.Length / 11;
        var lastSize = Array.IndexOf(EncodedBlockSizes, text.Length % 11);
        if (lastSize < 0)
        {
            return null;
        }

        var result = new List<byte>();
        for (var block = 0; block <= fullBlocks; block++)
        {
            var start = block * 11;
            var length = Math.Min(11, text.Length - start);
            if (length == 0)
            {
                break;
            }

            var byteCount = length == 11 ? 8 : lastSize;
            UInt128 value = 0;
            for (var index = start; index < start + length; index++)
            {
                var digit = Base58Check.DigitValue(text[index]);
                if (digit < 0)
                {
                    return null;
                }

                value = value * 58 + (uint)digit;
            }

            if (value >> (8 * byteCount) != 0)
            {
                return null;
            }

            for (var shift = 8 * (byteCount - 1); shift >= 0; shift -= 8)
            {
                result.Add((byte)(value >> shift));
            }
        }

        return result.ToArray();
    }

    public static string EncodeAddress(ReadOnlySpan<byte> payload)
    {
        var data = new byte[payload.Length + 4];
        payload.CopyTo(data);
        Keccak.Keccak256(payload)[..4].CopyTo(data, payload.Length);
        return Encode(data);
    }

    /// <summary>The payload (network byte, keys, payment id) when the Keccak checksum holds; null otherwise.</summary>
    public static byte[]? DecodeAddress(string address)
    {
        var data = Decode(address);
        if (data is null || data.Length < 5)
        {
            return null;
        }

        var payload = data.AsSpan(0, data.Length - 4);
        return Keccak.Keccak256(payload).AsSpan(0, 4).SequenceEqual(data.AsSpan(data.Length - 4)) ? payload.ToArray() : null;
    }
}
