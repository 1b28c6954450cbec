using System.Text;

namespace Lantern.Extraction.Checksums;

/// <summary>Tor v3 onion addresses: base32(pubkey ‖ checksum ‖ version), checksum = SHA3-256(".onion checksum" ‖ pubkey ‖ version)[:2].</summary>
internal static class OnionV3
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const byte Version = 3;

    public static string Encode(ReadOnlySpan<byte> publicKey)
    {
        var data = new byte[35];
        publicKey.CopyTo(data);
        Checksum(publicKey).CopyTo(data, 32);
        data[34] = Version;
        return Base32(data) + ".onion";
    }

    /// <summary>Whether 56 base32 characters (without ".onion") are a v3 address with a valid checksum and version.</summary>
    public static bool IsValid(string host56)
    {
        if (host56.Length != 56)
        {
            return false;
        }

        var data = FromBase32(host56.ToLowerInvariant());
        if (data is null || data[34] != Version)
        {
            return false;
        }

        return Checksum(data.AsSpan(0, 32)).AsSpan().SequenceEqual(data.AsSpan(32, 2));
    }

    private static byte[] Checksum(ReadOnlySpan<byte> publicKey)
    {
        var input = new byte[15 + 32 + 1];
        Encoding.ASCII.GetBytes(".onion checksum").CopyTo(input, 0);
        publicKey.CopyTo(input.AsSpan(15));
        input[47] = Version;
        return Keccak.Sha3_256(input)[..2];
    }

    private static string Base32(ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder();
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                builder.Append(Base32Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            builder.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return builder.ToString();
    }

    private static byte[]? FromBase32(string text)
    {
        var result = new List<byte>();
        var buffer = 0;
        var bits = 0;
        foreach (var character in text)
        {
            var value = Base32Alphabet.IndexOf(character, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result.Add((byte)((buffer >> bits) & 0xFF));
            }
        }

        return result.ToArray();
    }
}
