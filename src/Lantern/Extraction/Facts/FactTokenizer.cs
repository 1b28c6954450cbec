namespace Lantern.Extraction.Facts;

internal enum TokenKind : byte
{
    Word,
    Number,
    Symbol,
}

/// <summary>A run of letters, a number (digits with inner <c>.</c>, <c>,</c> or <c>/</c>), or one other character.</summary>
/// <param name="Glued">No white space between this token and the one before it ("2mg", "x100", "130εg").</param>
/// <param name="LineBreak">A line break comes before this token.</param>
internal readonly record struct Token(int Start, int Length, TokenKind Kind, bool Glued, bool LineBreak)
{
    public int End => Start + Length;
}

/// <summary>One pass over the text: letters, numbers and symbols, with whether each touches the previous one.</summary>
internal static class FactTokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, List<Token> tokens)
    {
        tokens.Clear();
        var gap = true;
        var lineBreak = false;
        var index = 0;
        while (index < text.Length)
        {
            var c = text[index];
            if (c <= ' ' || (c > '~' && (char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                gap = true;
                lineBreak |= c is '\n' or '\r';
                index++;
                continue;
            }

            var start = index;
            TokenKind kind;
            if (char.IsAsciiDigit(c))
            {
                kind = TokenKind.Number;
                index++;
                while (index < text.Length)
                {
                    if (char.IsAsciiDigit(text[index]))
                    {
                        index++;
                    }
                    else if (text[index] is '.' or ',' or '/' && index + 1 < text.Length && char.IsAsciiDigit(text[index + 1]))
                    {
                        index += 2;
                    }
                    else
                    {
                        break;
                    }
                }
            }
            else if (IsWordChar(c))
            {
                kind = TokenKind.Word;
                index++;
                while (index < text.Length && IsWordChar(text[index]))
                {
                    index++;
                }
            }
            else
            {
                kind = TokenKind.Symbol;
                index++;
            }

            tokens.Add(new Token(start, index - start, kind, !gap && tokens.Count > 0, lineBreak));
            gap = false;
            lineBreak = false;
        }
    }

    private static bool IsWordChar(char c) =>
        c < 128 ? char.IsAsciiLetter(c) : char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
