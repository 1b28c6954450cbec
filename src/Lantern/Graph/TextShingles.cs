using System.Text;

namespace Lantern.Graph;

/// <summary>
/// Word shingles of a text for near-duplicate detection, robust to what changes between copies of
/// one advert: every word holding a digit (prices, quantities, dates, order numbers) becomes <c>#</c>,
/// every selector-like word (an address with @ or ://, a long key, wallet or session ID) becomes <c>§</c>,
/// a handle's name — its own or another's ("KetoKing ~ now also SnowLeopardNL") — becomes <c>@</c> (a name is name evidence, not wording), case and surrounding punctuation go. Shingles are 64-bit FNV-1a hashes of three masked words.
/// </summary>
internal static class TextShingles
{
    /// <summary>Whether letters and digits in lower case are a handle's name.</summary>
    public delegate bool NameTest(ReadOnlySpan<char> looseName);

    public const int Size = 3;

    /// <summary>A word at least this long without spaces is a key, wallet or ID, not wording.</summary>
    private const int SelectorLength = 25;

    public static List<string> MaskedWords(string text, NameTest? isName = null)
    {
        var words = new List<string>();
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim().Trim('.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\'', '*', '-', '–', '|', '/', '~', '<', '>', '=', '#').ToLowerInvariant();
            if (word.Length == 0)
            {
                continue;
            }

            words.Add(word.Any(char.IsDigit) ? "#"
                : word.Contains('@', StringComparison.Ordinal) || word.Contains("://", StringComparison.Ordinal) || word.Length >= SelectorLength ? "§"
                : isName is not null && IsName(word, isName) ? "@"
                : word);
        }

        return words;
    }

    /// <summary>The hashed shingles of all of a handle's texts; <paramref name="isName"/> tells a handle's name (lower-case letters and digits).</summary>
    public static HashSet<ulong> Of(IEnumerable<string> texts, NameTest? isName = null)
    {
        var shingles = new HashSet<ulong>();
        foreach (var text in texts)
        {
            var words = MaskedWords(text, isName);
            for (var index = 0; index + Size <= words.Count; index++)
            {
                var hash = OffsetBasis;
                for (var word = index; word < index + Size; word++)
                {
                    hash = word > index ? Fnv1a(hash, " ") : hash;
                    hash = Fnv1a(hash, words[word]);
                }

                shingles.Add(hash);
            }
        }

        return shingles;
    }

    /// <summary>Whether a word, without its punctuation, is a handle's name; read without allocating, as every word of every text is.</summary>
    private static bool IsName(string word, NameTest isName)
    {
        if (word.Length < 3)
        {
            return false;
        }

        Span<char> loose = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        var length = 0;
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                loose[length++] = c;
            }
        }

        return isName(loose[..length]);
    }

    public static ulong Fnv1a(string text) => Fnv1a(OffsetBasis, text);

    private const ulong OffsetBasis = 14695981039346656037UL;

    /// <summary>FNV-1a over a text's UTF-8 bytes, continuing from <paramref name="hash"/>: shingles are hashed word by word without joining them.</summary>
    private static ulong Fnv1a(ulong hash, string text)
    {
        if (!Ascii.IsValid(text))
        {
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            return hash;
        }

        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

/// <summary>
/// MinHash signatures: for each of <see cref="Size"/> seeded mixes of the shingle hashes, the least
/// value over a set. Two sets agree at a position with probability equal to their Jaccard similarity,
/// so a signature of fixed size stands for a set of any size: the distinctive shingles of every
/// handle are reduced to 64 numbers, and the sets themselves are not kept.
/// </summary>
internal static class MinHash
{
    public const int Size = 64;

    public static ulong[] Signature(IEnumerable<ulong> shingles)
    {
        var signature = Enumerable.Repeat(ulong.MaxValue, Size).ToArray();
        foreach (var shingle in shingles)
        {
            for (var index = 0; index < Size; index++)
            {
                var mixed = Mix(shingle ^ Seed(index));
                if (mixed < signature[index])
                {
                    signature[index] = mixed;
                }
            }
        }

        return signature;
    }

    /// <summary>The share of positions where two signatures agree: an estimate of the sets' Jaccard similarity.</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        var same = 0;
        for (var index = 0; index < Size; index++)
        {
            same += a[index] == b[index] && a[index] != ulong.MaxValue ? 1 : 0;
        }

        return (double)same / Size;
    }

    private static ulong Seed(int index) => Mix((ulong)(index + 1) * 0x9E3779B97F4A7C15UL);

    /// <summary>SplitMix64's finalizer: a bijection that spreads every input bit over the output.</summary>
    internal static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
