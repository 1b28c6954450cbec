namespace Lantern.Extraction;

/// <summary>
/// Which positions of a text are covered by spans found so far, one bit a position. Marking a
/// span and asking whether a candidate touches a marked one cost the span's length (64 positions
/// a step), not the number of spans found before — a scan of every earlier mention made
/// extraction quadratic on dense texts. Words are allocated on first use, so short texts stay cheap.
/// </summary>
internal sealed class CoveredPositions(int length)
{
    private ulong[]? words;

    public void Mark(int start, int end)
    {
        start = Math.Max(start, 0);
        end = Math.Min(end, length);
        if (end <= start)
        {
            return;
        }

        words ??= new ulong[(length + 63) / 64];
        var first = start >> 6;
        var last = (end - 1) >> 6;
        for (var word = first; word <= last; word++)
        {
            words[word] |= Mask(word, start, end);
        }
    }

    /// <summary>Whether any position in <c>[start, end)</c> is marked.</summary>
    public bool Any(int start, int end)
    {
        start = Math.Max(start, 0);
        end = Math.Min(end, length);
        if (words is null || end <= start)
        {
            return false;
        }

        var first = start >> 6;
        var last = (end - 1) >> 6;
        for (var word = first; word <= last; word++)
        {
            if ((words[word] & Mask(word, start, end)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bits of word <paramref name="word"/> that fall in <c>[start, end)</c>.</summary>
    private static ulong Mask(int word, int start, int end)
    {
        var low = Math.Max(start - (word << 6), 0);
        var high = Math.Min(end - (word << 6), 64);
        var upper = high == 64 ? ulong.MaxValue : (1UL << high) - 1;
        return upper & ~((1UL << low) - 1);
    }
}

/// <summary>
/// The positions covered by the mentions in a list that grows as extraction passes add to it: each
/// question first marks the mentions added since the last one (per type only for the types asked about).
/// </summary>
internal sealed class MentionCoverage(List<Mention> mentions, int length)
{
    private readonly CoveredPositions all = new(length);
    private readonly Dictionary<string, CoveredPositions> byType = new(StringComparer.Ordinal);
    private int marked;

    /// <summary>Whether <c>[start, end)</c> shares a position with a mention found so far (of <paramref name="type"/>, when given).</summary>
    public bool Overlaps(int start, int end, string? type)
    {
        for (; marked < mentions.Count; marked++)
        {
            var mention = mentions[marked];
            all.Mark(mention.Start, mention.End);
            if (byType.TryGetValue(mention.Type, out var positions))
            {
                positions.Mark(mention.Start, mention.End);
            }
        }

        if (type is null)
        {
            return all.Any(start, end);
        }

        if (!byType.TryGetValue(type, out var ofType))
        {
            byType[type] = ofType = new CoveredPositions(length);
            foreach (var mention in mentions)
            {
                if (mention.Type == type)
                {
                    ofType.Mark(mention.Start, mention.End);
                }
            }
        }

        return ofType.Any(start, end);
    }
}
