namespace Lantern.Extraction.Types;

internal sealed class WickrType : SelectorType
{
    public override string Name => SelectorTypes.Wickr;

    public override string Label => "Wickr username";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    public override string? Problem(string normalized) =>
        normalized.Length is >= 2 and <= 32 && !normalized.Any(char.IsWhiteSpace) ? null : "a Wickr username is 2 to 32 characters without spaces";
}
