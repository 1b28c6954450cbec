using System.Globalization;

namespace Lantern.Ingest;

/// <summary>
/// Repairs JSON text whose <c>\u</c> escapes name half of a UTF-16 surrogate pair (<c>"\ud800"</c>):
/// scrapers cut strings between the two halves, and .NET refuses such a string outright. Each lone
/// half becomes <c>\uFFFD</c> (the replacement character), which has the same length, so byte
/// offsets into the record stay exact.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The bytes with every lone surrogate escape replaced, and how many were replaced (the input itself when none).</summary>
    public static (ReadOnlyMemory<byte> Json, int Repaired) RepairLoneSurrogates(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        if (span.IndexOf("\\u"u8) < 0)
        {
            return (json, 0);
        }

        byte[]? repaired = null;
        var count = 0;
        var index = 0;
        while (index < span.Length - 1)
        {
            if (span[index] != '\\')
            {
                index++;
                continue;
            }

            if (span[index + 1] != 'u' || !TryReadEscape(span, index, out var unit))
            {
                // Any other escape (\\, \", \n…) is two bytes; skipping both keeps "\\ud800" (a backslash, then text) intact.
                index += 2;
                continue;
            }

            if (char.IsHighSurrogate(unit) && TryReadEscape(span, index + 6, out var next) && char.IsLowSurrogate(next))
            {
                index += 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                repaired ??= span.ToArray();
                "\\uFFFD"u8.CopyTo(repaired.AsSpan(index));
                count++;
            }

            index += 6;
        }

        return repaired is null ? (json, 0) : (repaired, count);
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> span, int index, out char unit)
    {
        unit = default;
        if (index + 6 > span.Length || span[index] != '\\' || span[index + 1] != 'u')
        {
            return false;
        }

        Span<char> hex = stackalloc char[4];
        for (var digit = 0; digit < 4; digit++)
        {
            hex[digit] = (char)span[index + 2 + digit];
        }

        if (!ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
