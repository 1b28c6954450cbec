namespace Lantern.Extraction.Types;

internal sealed class TelegramType : SelectorType
{
    public override string Name => SelectorTypes.Telegram;

    public override string Label => "Telegram username";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    public override string? Problem(string normalized) =>
        normalized.Length is >= 5 and <= 32 && char.IsAsciiLetter(normalized[0]) && normalized.All(character => char.IsAsciiLetterOrDigit(character) || character == '_')
            ? null
            : "a Telegram username is 5 to 32 letters, digits and underscores, starting with a letter";
}
