using Lantern.Extraction.Checksums;

namespace Lantern.Extraction.Types;

internal sealed class EthereumType : SelectorType
{
    public override string Name => SelectorTypes.Eth;

    public override string Label => "Ethereum address";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>The canonical form is lower case, so the EIP-55 mixed-case checksum is checked where the address is found, not here.</summary>
    public override string? Problem(string normalized) =>
        normalized.Length == 42 && normalized.StartsWith("0x", StringComparison.Ordinal) && normalized[2..].All(char.IsAsciiHexDigit)
            ? null
            : "it is not 0x followed by 40 hexadecimal digits";
}
