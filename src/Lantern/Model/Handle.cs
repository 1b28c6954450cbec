using System.Diagnostics.CodeAnalysis;

namespace Lantern.Model;

/// <summary>
/// An account on a site, written <c>site/author</c> as in DESIGN §7. The site never contains a
/// slash; the author may (a Telegram channel title, a path-like forum name), so the first slash splits.
/// </summary>
public readonly record struct Handle(string Site, string Author)
{
    public override string ToString() => $"{Site}/{Author}";

    /// <summary>Reads <c>site/author</c>; a value without a slash, or with either side empty, is bad input.</summary>
    public static Handle Parse(string text) =>
        TryParse(text, out var handle)
            ? handle
            : throw new BadInputException($"'{text}' is not a handle: write it as site/author, e.g. dreadforum/ghostrider");

    public static bool TryParse([NotNullWhen(true)] string? text, out Handle handle)
    {
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || slash == text.Length - 1)
        {
            handle = default;
            return false;
        }

        handle = new Handle(text[..slash], text[(slash + 1)..]);
        return true;
    }
}
