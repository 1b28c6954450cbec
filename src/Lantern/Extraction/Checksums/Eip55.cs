using System.Text;

namespace Lantern.Extraction.Checksums;

/// <summary>EIP-55 mixed-case checksums for Ethereum addresses.</summary>
internal static class Eip55
{
    /// <summary>The checksummed form of 40 hex digits (without 0x).</summary>
    public static string Checksum(string hex40)
    {
        var lower = hex40.ToLowerInvariant();
        var hash = Keccak.Keccak256(Encoding.ASCII.GetBytes(lower));
        var builder = new StringBuilder(40);
        for (var index = 0; index < lower.Length; index++)
        {
            var nibble = (hash[index / 2] >> (index % 2 == 0 ? 4 : 0)) & 0xF;
            builder.Append(char.IsAsciiLetter(lower[index]) && nibble >= 8 ? char.ToUpperInvariant(lower[index]) : lower[index]);
        }

        return builder.ToString();
    }

    /// <summary>All-lower and all-upper forms carry no checksum; a mixed-case form must match it exactly.</summary>
    public static bool IsValid(string hex40)
    {
        if (hex40.Length != 40 || !hex40.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var letters = hex40.Where(char.IsAsciiLetter).ToList();
        if (letters.All(char.IsLower) || letters.All(char.IsUpper))
        {
            return true;
        }

        return string.Equals(Checksum(hex40), hex40, StringComparison.Ordinal);
    }
}
