namespace Lantern.Extraction.Types;

internal sealed class PgpType : SelectorType
{
    public override string Name => SelectorTypes.Pgp;

    public override string Label => "PGP key fingerprint";

    /// <summary>Upper-case hexadecimal without spaces, however the fingerprint was grouped.</summary>
    public override string Normalize(string value, string? region) => string.Concat(value.Where(char.IsAsciiHexDigit)).ToUpperInvariant();

    public override string? Problem(string normalized) =>
        normalized.Length is 40 or 64 ? null : "a fingerprint is 40 hexadecimal digits (v4 keys) or 64 (v5/v6)";
}
