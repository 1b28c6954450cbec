namespace Lantern.Extraction.Types;

internal sealed class SessionType : SelectorType
{
    public override string Name => SelectorTypes.Session;

    public override string Label => "Session ID";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    public override string? Problem(string normalized) =>
        normalized.Length == 66 && normalized.StartsWith("05", StringComparison.Ordinal) && normalized.All(char.IsAsciiHexDigit)
            ? null
            : "a Session ID is 66 hexadecimal digits starting with 05";
}
