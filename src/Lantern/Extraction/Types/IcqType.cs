namespace Lantern.Extraction.Types;

internal sealed class IcqType : SelectorType
{
    public override string Name => SelectorTypes.Icq;

    public override string Label => "ICQ number";

    public override string Normalize(string value, string? region) => string.Concat(value.Where(char.IsAsciiDigit));

    public override string? Problem(string normalized) =>
        normalized.Length is >= 5 and <= 10 ? null : "an ICQ number (UIN) is 5 to 10 digits";
}
