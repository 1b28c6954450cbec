using System.Globalization;

namespace Lantern.Graph;

/// <summary>
/// Suggestions: pairs of handles that evidence short of a shared own selector points at — a vendor
/// renamed on another market with fresh contacts, a second account on the same market. Each piece of
/// evidence is weighed by how rare it is across the case's handles (a closing line or a wording that
/// many handles share is a template, not a habit), combined into a probability by a logistic model over
/// the evidence features (docs/aliases.md says how it was fitted), and shown; nothing is merged without a
/// supervisor. Pairs below <see cref="SuggestionFloor"/> are not shown, so common names, buyers and
/// quoting reviewers do not bury the few suggestions worth a review.
/// </summary>
public static partial class AliasResolver
{
    /// <summary>Suggestions less likely than this to be right are not shown.</summary>
    public const double SuggestionFloor = 0.2;

    /// <summary>Weak evidence never makes a link certain: a suggestion reads at most this, below a shared key's 0.98.</summary>
    public const double SuggestionCeiling = 0.97;

    /// <summary>A handle needs this many distinctive shingles for its wording to be compared.</summary>
    private const int MinDistinctiveShingles = 3;

    /// <summary>MinHash rows per LSH band: 32 bands of 2 rows make a pair with Jaccard 0.3 a candidate with probability 0.95.</summary>
    private const int BandRows = 2;

    /// <summary>The evidence features of a candidate pair, as the calibrated model reads them.</summary>
    internal sealed record SuggestionFeatures(bool SameNameKey, double NameSimilarity, string? Signature, double TextSimilarity, double Style, int Sellers, bool KeyConflict, bool SameSite)
    {
        /// <summary>What each weight of <see cref="Weights"/> multiplies, in order.</summary>
        public static readonly string[] Names = ["intercept", "same name key", "name similarity above 0.5", "shared rare closing line", "wording similarity", "similar style", "sellers among the two", "different PGP keys", "same site"];

        /// <summary>Logistic weights; docs/aliases.md gives how they were fitted and the reliability they reach.</summary>
        public static readonly double[] Weights = [-8.60, 3.09, 6.00, 6.17, 5.30, 0.99, 2.74, -1.16, -3.53];

        public double[] Vector() =>
            [1, SameNameKey ? 1 : 0, Math.Max(0, NameSimilarity - 0.5), Signature is null ? 0 : 1, TextSimilarity, Style >= 0.85 ? 1 : 0, Sellers, KeyConflict ? 1 : 0, SameSite ? 1 : 0];

        public double Probability() => Logistic(Vector(), Weights);

        public static double Logistic(double[] vector, double[] weights) => 1 / (1 + Math.Exp(-vector.Zip(weights, (x, w) => x * w).Sum()));

        public bool HasNameEvidence => SameNameKey || NameSimilarity >= 0.8;

        public bool HasTextEvidence => Signature is not null || TextSimilarity >= 0.2;

        /// <summary>
        /// Same name, another key: someone trading on a known vendor's name, whether or not it copies the advert (a copy is
        /// the easiest thing to fake). A vendor who changed keys looks the same; a supervisor tells them apart.
        /// </summary>
        public bool IsPossibleImpostor => KeyConflict && HasNameEvidence;

        /// <summary>Whether the pair gets a score at all: it has name or text evidence and is no possible impostor.</summary>
        public bool IsScored => (HasNameEvidence || HasTextEvidence) && !IsPossibleImpostor;
    }

    /// <summary>A pair of handles compared for a suggestion, with its evidence features (whether shown or not).</summary>
    internal sealed record SuggestionCandidate(string A, string B, SuggestionFeatures Features);

    private sealed record Profile(string Handle, string Name, string Loose, Dictionary<string, string> Signatures, HashSet<ulong> Shingles, Lazy<Dictionary<string, double>> Style)
    {
        public ulong[]? MinHash { get; set; }
    }

    private static IEnumerable<AliasCluster> WeakSuggestions(IReadOnlyList<HandleText> texts, Func<string, string> cluster, Func<string, HashSet<string>> keysOf,
        HashSet<string> sellers, KnownNames names, int hubThreshold, List<SuggestionCandidate>? compared)
    {
        var profiles = texts.Where(text => text.Texts.Count > 0)
            .Select(text =>
            {
                var own = LooseName(text.Handle);
                bool IsName(ReadOnlySpan<char> word) => word.SequenceEqual(own) || names.Contains(word);
                return new Profile(text.Handle, NameKey(text.Handle), own, Signatures(text.Texts, IsName), TextShingles.Of(text.Texts, IsName), new Lazy<Dictionary<string, double>>(() => Trigrams(text.Texts)));
            })
            .ToList();

        // A closing line or a wording that many handles share is a template (a market footer, a review form), not a habit.
        var signatureHandles = profiles.SelectMany(profile => profile.Signatures.Keys).GroupBy(line => line, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var shingleHandles = new Dictionary<ulong, int>();
        foreach (var shingle in profiles.SelectMany(profile => profile.Shingles))
        {
            shingleHandles[shingle] = shingleHandles.GetValueOrDefault(shingle) + 1;
        }

        foreach (var profile in profiles)
        {
            var distinctive = profile.Shingles.Where(shingle => shingleHandles[shingle] is var count && count >= 2 && count < hubThreshold).ToList();
            profile.MinHash = distinctive.Count >= MinDistinctiveShingles ? MinHash.Signature(distinctive) : null;
            profile.Shingles.Clear();
        }

        bool Rare(string line) => signatureHandles[line] < hubThreshold;

        // Only handles that share a name key, a rare closing line or an LSH band of their wording are
        // compared: linear in the number of handles rather than quadratic.
        var candidates = new HashSet<(int, int)>();
        var blocks = profiles.Select((profile, index) => (Profile: profile, Index: index))
            .SelectMany(item => Blocks(item.Profile, Rare).Select(key => (Key: key, item.Index)))
            .GroupBy(item => item.Key, item => item.Index, StringComparer.Ordinal)
            .Where(group => group.Count() is >= 2 and <= MaxBlock);
        foreach (var block in blocks)
        {
            var members = block.ToList();
            for (var x = 0; x < members.Count; x++)
            {
                for (var y = x + 1; y < members.Count; y++)
                {
                    candidates.Add((members[x], members[y]));
                }
            }
        }

        foreach (var (i, j) in candidates.Order())
        {
            var (a, b) = (profiles[i], profiles[j]);
            if (cluster(a.Handle) == cluster(b.Handle))
            {
                continue;
            }

            var (keysA, keysB) = (keysOf(a.Handle), keysOf(b.Handle));
            var features = new SuggestionFeatures(
                a.Name.Length >= 4 && a.Name == b.Name,
                NameSimilarity(a.Handle, b.Handle),
                SharedSignature(a, b, Rare),
                a.MinHash is null || b.MinHash is null ? 0 : MinHash.Similarity(a.MinHash, b.MinHash),
                0,
                (sellers.Contains(a.Handle) ? 1 : 0) + (sellers.Contains(b.Handle) ? 1 : 0),
                keysA.Count > 0 && keysB.Count > 0 && !keysA.Overlaps(keysB),
                Site(a.Handle) == Site(b.Handle));
            // Writing style is the costliest feature and never suggests on its own: weighed only beside name or text evidence.
            if (features.HasNameEvidence || features.HasTextEvidence)
            {
                features = features with { Style = Cosine(a.Style.Value, b.Style.Value) };
            }

            compared?.Add(new SuggestionCandidate(a.Handle, b.Handle, features));
            if (Suggestion(a.Handle, b.Handle, features, keysA, keysB) is { } suggestion)
            {
                yield return suggestion;
            }
        }
    }

    private static IEnumerable<string> Blocks(Profile profile, Func<string, bool> rare)
    {
        if (profile.Name.Length > 3)
        {
            yield return "name:" + profile.Name;
        }

        if (profile.Loose.Length > 3)
        {
            yield return "loose:" + profile.Loose;
        }

        foreach (var line in profile.Signatures.Keys.Where(rare))
        {
            yield return "line:" + line;
        }

        if (profile.MinHash is { } signature)
        {
            for (var band = 0; band * BandRows < signature.Length; band++)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"band:{band}:{signature[band * BandRows]:x}:{signature[band * BandRows + 1]:x}");
            }
        }
    }

    private static AliasCluster? Suggestion(string a, string b, SuggestionFeatures features, HashSet<string> keysA, HashSet<string> keysB)
    {
        var members = new[] { a, b }.Order(StringComparer.Ordinal).ToList();
        var names = $"{Author(members[0])} ~ {Author(members[1])}";
        var probability = features.Probability();
        if (!features.IsPossibleImpostor && (!features.IsScored || probability < SuggestionFloor))
        {
            return null;
        }

        // A possible impostor shows what it shares beside the key it does not.
        var evidence = features.IsPossibleImpostor ? [new AliasEvidence("possible-impostor", "name", names, [])] : new List<AliasEvidence>();
        if (features.HasNameEvidence)
        {
            evidence.Add(new AliasEvidence("similar-name", "name", $"{names} ({Format(features.NameSimilarity)})", []));
        }

        if (features.Signature is { } line)
        {
            evidence.Add(new AliasEvidence("same-signature", "signature", line, []));
        }

        if (features.TextSimilarity >= 0.2)
        {
            evidence.Add(new AliasEvidence("near-duplicate-text", "shingles", Format(features.TextSimilarity), []));
        }

        if (features.Style >= 0.85)
        {
            evidence.Add(new AliasEvidence("similar-writing", "stylometry", Format(features.Style), []));
        }

        if (features.KeyConflict)
        {
            evidence.Add(new AliasEvidence("different-pgp-keys", "pgp", $"{string.Join(", ", keysA.Order(StringComparer.Ordinal))} ≠ {string.Join(", ", keysB.Order(StringComparer.Ordinal))}", []));
        }

        return features.IsPossibleImpostor
            ? new AliasCluster(ClusterId(members), 0.05, members, evidence, "conflict", Strong: false)
            : new AliasCluster(ClusterId(members), Math.Min(SuggestionCeiling, Math.Round(probability, 2)), members, evidence, "suggested", Strong: false);
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A handle's name in lower case with only its letters and digits: <c>Nova_Labs</c>, <c>nova.labs</c> and <c>NovaLabs</c> are all <c>novalabs</c>.</summary>
    public static string LooseName(string handle) => new(Name(handle).ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>One minus the edit distance between two handles' loose names over the longer one's length: 1 for the same loose name.</summary>
    public static double NameSimilarity(string a, string b)
    {
        var (x, y) = (LooseName(a), LooseName(b));
        var longest = Math.Max(x.Length, y.Length);
        return longest == 0 ? 0 : 1 - (double)LinkAnalysis.EditDistance(x, y) / longest;
    }

    /// <summary>
    /// The closing lines of a handle's documents: what it signs with, keyed by the line with handles' names, numbers and
    /// contacts masked (a renamed vendor keeps "— OldName, est. 2019" as "— NewName, est. 2019"), each with one line as written.
    /// A one-line document (a review, a chat message) has no closing line, and a line of fewer than two plain words signs nothing.
    /// </summary>
    private static Dictionary<string, string> Signatures(IReadOnlyList<string> texts, TextShingles.NameTest isName)
    {
        var signatures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in texts.Select(text => text.Trim().Split('\n')).Where(lines => lines.Length >= 2).Select(lines => lines[^1].Trim()).Where(line => line.Length is >= 8 and <= 120))
        {
            var words = TextShingles.MaskedWords(line, isName);
            if (words.Count(word => word is not ("#" or "§" or "@")) >= 2)
            {
                signatures.TryAdd(string.Join(' ', words), line);
            }
        }

        return signatures;
    }

    /// <summary>The first rare closing line two handles share, as the first of them writes it (and the second, where it differs).</summary>
    private static string? SharedSignature(Profile a, Profile b, Func<string, bool> rare)
    {
        var shared = a.Signatures.Keys.Where(b.Signatures.ContainsKey).Where(rare).Order(StringComparer.Ordinal).FirstOrDefault();
        return shared is null ? null
            : a.Signatures[shared] == b.Signatures[shared] ? a.Signatures[shared]
            : $"{a.Signatures[shared]} | {b.Signatures[shared]}";
    }

    private static Dictionary<string, double> Trigrams(IReadOnlyList<string> texts)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var lower = text.ToLowerInvariant();
            for (var index = 0; index + 3 <= lower.Length; index++)
            {
                var gram = lower.Substring(index, 3);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
        }

        return counts;
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var dot = a.Where(pair => b.ContainsKey(pair.Key)).Sum(pair => pair.Value * b[pair.Key]);
        return dot / (Math.Sqrt(a.Values.Sum(value => value * value)) * Math.Sqrt(b.Values.Sum(value => value * value)));
    }
}
