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

    /// <summary>A handle needs this many distinctive shingles for its wording to be compared.</summary>
    private const int MinDistinctiveShingles = 3;

    /// <summary>MinHash rows per LSH band: 32 bands of 2 rows make a pair with Jaccard 0.3 a candidate with probability 0.95.</summary>
    private const int BandRows = 2;

    /// <summary>The evidence features of a candidate pair, as the calibrated model reads them.</summary>
    internal sealed record SuggestionFeatures(bool SameNameKey, double NameSimilarity, string? Signature, double TextSimilarity, double Style, int Advertisers, bool KeyConflict, bool SameSite)
    {
        // Logistic weights; docs/aliases.md gives how they were fitted and the reliability they reach.
        public double Probability()
        {
            var z = -9.0
                + (SameNameKey ? 2.5 : 0)
                + 6.0 * Math.Max(0, NameSimilarity - 0.5)
                + (Signature is null ? 0 : 2.5)
                + 6.0 * TextSimilarity
                + (Style >= 0.85 ? 1.0 : 0)
                + 2.5 * Advertisers
                - (KeyConflict ? 1.0 : 0)
                - (SameSite ? 0.5 : 0);
            return 1 / (1 + Math.Exp(-z));
        }

        public bool HasNameEvidence => SameNameKey || NameSimilarity >= 0.8;

        public bool HasTextEvidence => Signature is not null || TextSimilarity >= 0.2;
    }

    private sealed record Profile(string Handle, string Name, string Loose, HashSet<string> Signatures, HashSet<ulong> Shingles, Lazy<Dictionary<string, double>> Style)
    {
        public ulong[]? MinHash { get; set; }
    }

    private static IEnumerable<AliasCluster> WeakSuggestions(IReadOnlyList<HandleText> texts, Func<string, string> cluster, Func<string, HashSet<string>> keysOf, HashSet<string> advertisers, int hubThreshold)
    {
        var profiles = texts.Where(text => text.Texts.Count > 0)
            .Select(text => new Profile(text.Handle, NameKey(text.Handle), LooseName(text.Handle), Signatures(text.Texts), TextShingles.Of(text.Texts, LooseName(text.Handle)), new Lazy<Dictionary<string, double>>(() => Trigrams(text.Texts))))
            .ToList();

        // A closing line or a wording that many handles share is a template (a market footer, a review form), not a habit.
        var signatureHandles = profiles.SelectMany(profile => profile.Signatures).GroupBy(line => line, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
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
                a.Signatures.Intersect(b.Signatures, StringComparer.Ordinal).Where(Rare).Order(StringComparer.Ordinal).FirstOrDefault(),
                a.MinHash is null || b.MinHash is null ? 0 : MinHash.Similarity(a.MinHash, b.MinHash),
                0,
                (advertisers.Contains(a.Handle) ? 1 : 0) + (advertisers.Contains(b.Handle) ? 1 : 0),
                keysA.Count > 0 && keysB.Count > 0 && !keysA.Overlaps(keysB),
                Site(a.Handle) == Site(b.Handle));
            // Writing style is the costliest feature and never suggests on its own: weighed only beside name or text evidence.
            if (features.HasNameEvidence || features.HasTextEvidence)
            {
                features = features with { Style = Cosine(a.Style.Value, b.Style.Value) };
            }

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

        foreach (var line in profile.Signatures.Where(rare))
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
        // Same name, another key and nothing of the writing: someone trading on a known vendor's name.
        if (features.KeyConflict && features.HasNameEvidence && !features.HasTextEvidence)
        {
            return new AliasCluster(ClusterId(members), 0.05, members, [new AliasEvidence("possible-impostor", "name", names, [])], "conflict", Strong: false);
        }

        if (!features.HasNameEvidence && !features.HasTextEvidence)
        {
            return null;
        }

        var probability = features.Probability();
        if (probability < SuggestionFloor)
        {
            return null;
        }

        var evidence = new List<AliasEvidence>();
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

        return new AliasCluster(ClusterId(members), Math.Round(probability, 2), members, evidence, "suggested", Strong: false);
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A handle's name in lower case with only its letters and digits: <c>Nova_Labs</c>, <c>nova.labs</c> and <c>NovaLabs</c> are all <c>novalabs</c>.</summary>
    public static string LooseName(string handle) => new(Author(handle).ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>One minus the edit distance between two handles' loose names over the longer one's length: 1 for the same loose name.</summary>
    public static double NameSimilarity(string a, string b)
    {
        var (x, y) = (LooseName(a), LooseName(b));
        var longest = Math.Max(x.Length, y.Length);
        return longest == 0 ? 0 : 1 - (double)LinkAnalysis.EditDistance(x, y) / longest;
    }

    /// <summary>The closing lines of a handle's documents: what it signs with. A one-line document (a review, a chat message) has no closing line.</summary>
    private static HashSet<string> Signatures(IReadOnlyList<string> texts)
    {
        return texts.Select(text => text.Trim().Split('\n')).Where(lines => lines.Length >= 2).Select(lines => lines[^1].Trim())
            .Where(line => line.Length is >= 8 and <= 120).ToHashSet(StringComparer.Ordinal);
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
