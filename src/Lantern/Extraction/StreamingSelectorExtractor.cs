using System.Text;

namespace Lantern.Extraction;

/// <summary>
/// Selectors of a text too large to hold whole, read from a <see cref="TextReader"/> in windows of
/// <c>chunkChars</c> new characters. Each window repeats the last <c>overlapChars</c> characters of
/// the one before as left context (cues such as "telegram" before an @name) and keeps another
/// <c>overlapChars</c> at its end unaccepted, so a selector shorter than the overlap that straddles a
/// boundary is found whole, in exactly one window. An armored PGP block, which can be far longer,
/// is never cut: while a window ends inside an unfinished block, the block is carried whole into the
/// next window (up to <see cref="MaxCarriedChars"/>). Offsets are UTF-16 indices into the whole input,
/// as <see cref="SelectorExtractor.Extract"/> gives them for a string.
/// </summary>
public static class StreamingSelectorExtractor
{
    public const int DefaultChunkChars = 4 * 1024 * 1024;
    public const int DefaultOverlapChars = 64 * 1024;
    public const int MaxCarriedChars = 16 * 1024 * 1024;

    private const string ArmorBegin = "-----BEGIN PGP";
    private const string ArmorEnd = "-----END PGP";

    public static IEnumerable<Mention> Extract(TextReader reader, ExtractionContext? context = null) =>
        Extract(reader, context, DefaultChunkChars, DefaultOverlapChars);

    public static IEnumerable<Mention> Extract(TextReader reader, ExtractionContext? context, int chunkChars, int overlapChars) =>
        ExtractWithRejected(reader, context, chunkChars, overlapChars).SelectMany(window => window.Mentions);

    /// <summary>
    /// Window by window, the mentions and the rejected candidates (a look-alike, a key ID that is not a
    /// fingerprint, broken armor…) that start in it: each found once, offsets into the whole input.
    /// </summary>
    public static IEnumerable<ExtractionResult> ExtractWithRejected(TextReader reader, ExtractionContext? context = null) =>
        ExtractWithRejected(reader, context, DefaultChunkChars, DefaultOverlapChars);

    public static IEnumerable<ExtractionResult> ExtractWithRejected(TextReader reader, ExtractionContext? context, int chunkChars, int overlapChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(overlapChars, 1);
        var window = new StringBuilder();
        var buffer = new char[chunkChars];
        long windowStart = 0;
        long acceptFrom = 0;
        var ended = false;
        while (!ended)
        {
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            window.Append(buffer, 0, read);
            ended = read < buffer.Length;
            var text = window.ToString();
            var windowEnd = windowStart + text.Length;
            var cutoff = ended ? windowEnd : CutOff(text, windowStart, windowEnd - overlapChars);
            if (!ended && cutoff <= acceptFrom && text.Length < MaxCarriedChars)
            {
                continue;
            }

            if (cutoff <= acceptFrom)
            {
                cutoff = Math.Max(windowEnd - overlapChars, acceptFrom + 1);
            }

            var result = SelectorExtractor.Extract(text, context);
            bool Accepted(int start) => windowStart + start >= acceptFrom && windowStart + start < cutoff;
            yield return new ExtractionResult(
                result.Mentions.Where(mention => Accepted(mention.Start))
                    .Select(mention => mention with { Start = checked((int)(windowStart + mention.Start)), End = checked((int)(windowStart + mention.End)) }).ToList(),
                result.Rejected.Where(rejected => Accepted(rejected.Start))
                    .Select(rejected => rejected with { Start = checked((int)(windowStart + rejected.Start)), End = checked((int)(windowStart + rejected.End)) }).ToList());

            var keepFrom = Math.Max(windowStart, cutoff - overlapChars);
            if (keepFrom < windowEnd && char.IsLowSurrogate(text[(int)(keepFrom - windowStart)]))
            {
                keepFrom--;
            }

            window.Remove(0, (int)(keepFrom - windowStart));
            windowStart = keepFrom;
            acceptFrom = cutoff;
        }
    }

    /// <summary>Where accepting stops in a window that is not the last: before an armored block still open at its end, else <paramref name="cutoff"/>.</summary>
    private static long CutOff(string text, long windowStart, long cutoff)
    {
        var begin = text.LastIndexOf(ArmorBegin, StringComparison.Ordinal);
        if (begin >= 0 && text.IndexOf(ArmorEnd, begin, StringComparison.Ordinal) < 0)
        {
            cutoff = Math.Min(cutoff, windowStart + begin);
        }

        return cutoff;
    }
}
