namespace Lantern.Extraction.Types;

internal sealed class ThreemaType : SelectorType
{
    public override string Name => SelectorTypes.Threema;

    public override string Label => "Threema ID";

    public override string Normalize(string value, string? region) => value.Trim().ToUpperInvariant();

    public override string? Problem(string normalized) =>
        normalized.Length == 8 && normalized.All(character => char.IsAsciiLetterUpper(character) || char.IsAsciiDigit(character) || character == '*')
            ? null
            : "a Threema ID is 8 letters, digits or *";
}
