namespace Lantern.Extraction.Facts;

internal enum TokenKind : byte
{
    Word,
    Number,
    Symbol,

    /// <summary>A long run of letters and digits with no space or sign in it: a wallet, key, hash or session ID, never words or amounts.</summary>
    Code,
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
    /// <summary>
    /// Letters and digits glued together over at least this many characters are a code: the shortest wallets and
    /// session IDs are longer, and no listing glues a name, an amount and a unit into so long a word.
    /// </summary>
    public const int CodeLength = 16;

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

        MergeCodes(tokens);
    }

    /// <summary>
    /// Makes each long glued run of words and numbers one <see cref="TokenKind.Code"/> token, so the "98989173274396"
    /// and "cc" inside a session ID are not read as 98,989,173,274,396 cc.
    /// </summary>
    private static void MergeCodes(List<Token> tokens)
    {
        var write = 0;
        for (var read = 0; read < tokens.Count;)
        {
            var end = read + 1;
            var hasWord = tokens[read].Kind == TokenKind.Word;
            var hasNumber = tokens[read].Kind == TokenKind.Number;
            if (hasWord || hasNumber)
            {
                while (end < tokens.Count && tokens[end].Glued && tokens[end].Kind is TokenKind.Word or TokenKind.Number)
                {
                    hasWord |= tokens[end].Kind == TokenKind.Word;
                    hasNumber |= tokens[end].Kind == TokenKind.Number;
                    end++;
                }
            }

            var first = tokens[read];
            var length = tokens[end - 1].End - first.Start;
            if (hasWord && hasNumber && length >= CodeLength)
            {
                tokens[write++] = new Token(first.Start, length, TokenKind.Code, first.Glued, first.LineBreak);
                read = end;
            }
            else
            {
                tokens[write++] = first;
                read++;
            }
        }

        tokens.RemoveRange(write, tokens.Count - write);
    }

    private static bool IsWordChar(char c) =>
        c < 128 ? char.IsAsciiLetter(c) : char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
