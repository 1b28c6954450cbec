namespace Lantern.Extraction;

/// <summary>
/// The words that announce a messenger ID, as people type them: the name itself, its usual short
/// forms, and — for names of five letters or more — any word one edit away (a letter dropped, added,
/// changed or two swapped: <c>Wikr</c>, <c>Wicker</c>, <c>telegarm</c>, <c>Signa1</c>). Everyday words
/// that happen to be one edit away (<c>wick</c>, <c>signals</c>) are not cues. The caller still asks
/// for a separate word and a value in the messenger's syntax.
/// </summary>
internal static class CueWords
{
    private static readonly (string Name, string Type)[] Names =
    [
        ("telegram", SelectorTypes.Telegram),
        ("wickr", SelectorTypes.Wickr),
        ("threema", SelectorTypes.Threema),
        ("signal", SelectorTypes.Signal),
        ("whatsapp", "whatsapp"),
    ];

    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tg"] = SelectorTypes.Telegram,
        ["telega"] = SelectorTypes.Telegram,
        ["tlgrm"] = SelectorTypes.Telegram,
        ["телеграм"] = SelectorTypes.Telegram,
        ["телеграмм"] = SelectorTypes.Telegram,
        ["wickrme"] = SelectorTypes.Wickr,
        ["wckr"] = SelectorTypes.Wickr,
        ["wikr"] = SelectorTypes.Wickr,
        ["sgnl"] = SelectorTypes.Signal,
        ["icq"] = SelectorTypes.Icq,
        ["whatsap"] = "whatsapp",
        ["watsapp"] = "whatsapp",
        ["wa"] = "whatsapp",
    };

    private static readonly HashSet<string> EverydayWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "wick", "wicks", "wicky", "signals", "signed", "sigma", "single", "thema", "theme", "threes",
    };

    /// <summary>The messenger a word announces (<c>telegram</c>, <c>wickr</c>, <c>threema</c>, <c>signal</c>, <c>icq</c>, <c>whatsapp</c>), or null.</summary>
    public static string? Messenger(ReadOnlySpan<char> word)
    {
        if (word.Length is < 2 or > 12)
        {
            return null;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        foreach (var (name, type) in Names)
        {
            if (lower.SequenceEqual(name))
            {
                return type;
            }
        }

        var lookup = ShortForms.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(lower, out var shortForm))
        {
            return shortForm;
        }

        if (lower.Length < 4 || EverydayWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower))
        {
            return null;
        }

        foreach (var (name, type) in Names)
        {
            if (WithinOneEdit(lower, name))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>Whether any whole word in a stretch of text announces this messenger.</summary>
    public static bool AnyAnnounces(ReadOnlySpan<char> text, string type)
    {
        var index = 0;
        while (index < text.Length)
        {
            while (index < text.Length && !char.IsLetterOrDigit(text[index]))
            {
                index++;
            }

            var start = index;
            while (index < text.Length && char.IsLetterOrDigit(text[index]))
            {
                index++;
            }

            if (index > start && Messenger(text[start..index]) == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Optimal string alignment distance ≤ 1: one insertion, deletion, substitution or swap of neighbours.</summary>
    public static bool WithinOneEdit(ReadOnlySpan<char> word, ReadOnlySpan<char> name)
    {
        var difference = word.Length - name.Length;
        if (difference is < -1 or > 1)
        {
            return false;
        }

        var prefix = word.CommonPrefixLength(name);
        if (prefix == word.Length && prefix == name.Length)
        {
            return true;
        }

        if (prefix == Math.Min(word.Length, name.Length))
        {
            return true;
        }

        var restWord = word[prefix..];
        var restName = name[prefix..];
        return difference switch
        {
            0 => restWord[1..].SequenceEqual(restName[1..])
                || (restWord.Length >= 2 && restWord[0] == restName[1] && restWord[1] == restName[0] && restWord[2..].SequenceEqual(restName[2..])),
            1 => restWord[1..].SequenceEqual(restName),
            _ => restWord.SequenceEqual(restName[1..]),
        };
    }
}
