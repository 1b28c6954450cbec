using Lantern.Extraction.Checksums;

namespace Lantern.Extraction.Types;

internal sealed class BitcoinType : SelectorType
{
    public override string Name => SelectorTypes.Btc;

    public override string Label => "Bitcoin address";

    /// <summary>Bech32 addresses are case-insensitive and written in lower case; Base58 ones are case-sensitive and kept.</summary>
    public override string Normalize(string value, string? region)
    {
        value = value.Trim();
        return value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? value.ToLowerInvariant() : value;
    }

    public override string? Problem(string normalized)
    {
        if (normalized.StartsWith("bc1", StringComparison.Ordinal))
        {
            return Bech32.DecodeSegwit("bc", normalized) is null ? "its bech32 checksum fails: a character was mistyped or left out" : null;
        }

        return Base58Check.Decode(normalized) is { Length: 21 } payload && payload[0] is 0x00 or 0x05
            ? null
            : "its Base58Check checksum fails, or it is not a mainnet address (starting 1, 3 or bc1)";
    }
}
