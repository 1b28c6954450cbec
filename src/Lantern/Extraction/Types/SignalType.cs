namespace Lantern.Extraction.Types;

internal sealed class SignalType : SelectorType
{
    public override string Name => SelectorTypes.Signal;

    public override string Label => "Signal username";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>Signal usernames carry a number after a dot (name.42).</summary>
    public override string? Problem(string normalized) =>
        normalized.LastIndexOf('.') is > 0 and var dot && dot < normalized.Length - 1 && normalized[(dot + 1)..].All(char.IsAsciiDigit)
            ? null
            : "a Signal username is a name, a dot and at least two digits (name.42)";
}
