using Lantern.Extraction.Checksums;

namespace Lantern.Extraction.Types;

internal sealed class OnionType : SelectorType
{
    public override string Name => SelectorTypes.Onion;

    public override string Label => "onion address";

    public override string Normalize(string value, string? region)
    {
        var host = value.Trim().ToLowerInvariant();
        return host.EndsWith(".onion", StringComparison.Ordinal) ? host : host + ".onion";
    }

    /// <summary>v3 (56 base32 characters whose checksum and version hold) or the retired v2 (16 base32 characters).</summary>
    public override string? Problem(string normalized)
    {
        var host = normalized[..^".onion".Length];
        var label = host[(host.LastIndexOf('.') + 1)..];
        return label.Length switch
        {
            56 => OnionV3.IsValid(label) ? null : "its v3 checksum or version byte is wrong: a character was mistyped",
            16 when label.All(character => character is >= 'a' and <= 'z' or >= '2' and <= '7') => null,
            _ => "an onion host is 56 characters (v3) or 16 (retired v2) of a–z and 2–7",
        };
    }
}
