using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Lantern.Search;

/// <summary>
/// Splits text into words (letters, digits and combining marks, joined by <c>_</c>) and emoji.
/// Each emoji is a token of its own, without variation selectors or skin tones, so ❄️ and ❄
/// match and "❄️❄️💊" yields three searchable codes; flag pairs (🇳🇱) and ZWJ sequences stay whole.
/// Lucene 4.8's StandardTokenizer drops emoji, which dealers use as drug codes.
/// </summary>
internal sealed class LanternTokenizer : Tokenizer
{
    public const int MaxTokenLength = 255;

    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly ITypeAttribute type;
    private string text = string.Empty;
    private int position;
    private bool loaded;

    public LanternTokenizer(TextReader input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        type = AddAttribute<ITypeAttribute>();
    }

    public const string WordType = "<WORD>";
    public const string EmojiType = "<EMOJI>";

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (!loaded)
        {
            // Lucene's placeholder reader (a stream used without Reset) yields nothing rather than text.
            text = m_input.ReadToEnd() ?? string.Empty;
            loaded = true;
        }

        while (position < text.Length)
        {
            var character = text[position];
            if (character < 0x80)
            {
                if (!char.IsAsciiLetterOrDigit(character))
                {
                    position++;
                    continue;
                }

                if (ReadWord())
                {
                    return true;
                }

                continue;
            }

            var rune = RuneAt(position);
            if (IsWordRune(rune))
            {
                if (ReadWord())
                {
                    return true;
                }

                continue;
            }

            if (IsEmoji(rune))
            {
                ReadEmoji(rune);
                return true;
            }

            position += rune.Utf16SequenceLength;
        }

        return false;
    }

    /// <summary>Reads the word at the current position; false when it was too long to index (it is skipped).</summary>
    private bool ReadWord()
    {
        var start = position;
        var end = position;
        while (end < text.Length)
        {
            var character = text[end];
            if (character < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(character)
                    || (character == '_' && end + 1 < text.Length && IsWordAt(end + 1)))
                {
                    end++;
                    continue;
                }

                break;
            }

            var next = RuneAt(end);
            if (!IsWordRune(next))
            {
                break;
            }

            end += next.Utf16SequenceLength;
        }

        position = end;
        if (end - start > MaxTokenLength)
        {
            return false;
        }

        Emit(start, end, WordType);
        return true;
    }

    /// <summary>The character at an index; a lone surrogate reads as U+FFFD of length 1 rather than throwing.</summary>
    private Rune RuneAt(int index)
    {
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _);
        return rune;
    }

    private bool IsWordAt(int index) =>
        text[index] < 0x80 ? char.IsAsciiLetterOrDigit(text[index]) : IsWordRune(RuneAt(index));

    private void ReadEmoji(Rune rune)
    {
        var start = position;
        var builder = new StringBuilder();
        builder.Append(rune.ToString());
        position += rune.Utf16SequenceLength;
        if (IsRegionalIndicator(rune) && position < text.Length && IsRegionalIndicator(RuneAt(position)))
        {
            var second = RuneAt(position);
            builder.Append(second.ToString());
            position += second.Utf16SequenceLength;
        }

        while (position < text.Length)
        {
            var next = RuneAt(position);
            if (IsEmojiModifier(next))
            {
                position += next.Utf16SequenceLength;
            }
            else if (next.Value == 0x200D && position + 1 < text.Length && IsEmoji(RuneAt(position + 1)))
            {
                var joined = RuneAt(position + 1);
                builder.Append('\u200D').Append(joined.ToString());
                position += 1 + joined.Utf16SequenceLength;
            }
            else
            {
                break;
            }
        }

        term.SetEmpty().Append(builder.ToString());
        offset.SetOffset(CorrectOffset(start), CorrectOffset(position));
        type.Type = EmojiType;
    }

    private void Emit(int start, int end, string tokenType)
    {
        term.SetEmpty().Append(text, start, end - start);
        offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        type.Type = tokenType;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(text.Length);
        offset.SetOffset(final, final);
    }

    public override void Reset()
    {
        base.Reset();
        text = string.Empty;
        position = 0;
        loaded = false;
    }

    public static bool IsWordRune(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Pictographic symbols: the emoji blocks and the older dingbat and symbol blocks that emoji reuse (❄ ⚡ ☘).</summary>
    public static bool IsEmoji(Rune rune)
    {
        var value = rune.Value;
        if (IsRegionalIndicator(rune))
        {
            return true;
        }

        if (value is >= 0x1F000 and <= 0x1FAFF)
        {
            return !IsEmojiModifier(rune);
        }

        return value is >= 0x2190 and <= 0x2BFF or 0x3030 or 0x303D or 0x3297 or 0x3299 or 0x00A9 or 0x00AE
            && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;
    }

    private static bool IsRegionalIndicator(Rune rune) => rune.Value is >= 0x1F1E6 and <= 0x1F1FF;

    private static bool IsEmojiModifier(Rune rune) => rune.Value is (>= 0x1F3FB and <= 0x1F3FF) or 0xFE0F or 0xFE0E or 0x20E3;
}
