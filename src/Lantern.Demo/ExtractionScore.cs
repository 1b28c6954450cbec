using Lantern.Extraction;

namespace Lantern.Demo;

/// <summary>Precision and recall of one selector type (or of all).</summary>
public sealed record TypeScore(string Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>How extraction fared against a ground truth, with examples of what it got wrong.</summary>
public sealed record ExtractionScore(
    IReadOnlyList<TypeScore> ByType,
    TypeScore Overall,
    int ObfuscatedFound,
    int ObfuscatedTotal,
    int LookAlikesAccepted,
    int LookAlikesTotal,
    IReadOnlyList<string> FalsePositiveExamples,
    IReadOnlyList<string> FalseNegativeExamples)
{
    public double ObfuscatedRecall => ObfuscatedTotal == 0 ? 1 : (double)ObfuscatedFound / ObfuscatedTotal;

    /// <summary>
    /// Compares, document by document, the distinct (type, value) selectors extracted with those the
    /// ground truth placed; checksum-invalid look-alikes count as accepted if any mention has their text.
    /// </summary>
    public static ExtractionScore Compute(GroundTruth truth, IEnumerable<(string Site, string? SourceId, Mention Mention)> extracted, int examples = 10)
    {
        var found = extracted
            .GroupBy(item => (item.Site, item.SourceId ?? string.Empty))
            .ToDictionary(group => group.Key, group => group.Select(item => item.Mention).ToList());
        var counts = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var falsePositives = new List<string>();
        var falseNegatives = new List<string>();
        int obfuscatedFound = 0, obfuscatedTotal = 0, lookAlikesAccepted = 0, lookAlikesTotal = 0;

        void Count(string type, int tp, int fp, int fn)
        {
            var current = counts.GetValueOrDefault(type);
            counts[type] = (current.Tp + tp, current.Fp + fp, current.Fn + fn);
        }

        foreach (var document in truth.Documents)
        {
            var mentions = found.GetValueOrDefault((document.Site, document.SourceId)) ?? [];
            var expected = document.Selectors.Select(selector => (selector.Type, selector.Value)).ToHashSet();
            var actual = mentions.Select(mention => (mention.Type, mention.Value)).ToHashSet();
            foreach (var pair in expected)
            {
                if (actual.Contains(pair))
                {
                    Count(pair.Type, 1, 0, 0);
                }
                else
                {
                    Count(pair.Type, 0, 0, 1);
                    if (falseNegatives.Count < examples)
                    {
                        falseNegatives.Add($"{document.Site}/{document.SourceId}: {pair.Type}:{pair.Value}");
                    }
                }
            }

            foreach (var pair in actual.Where(pair => !expected.Contains(pair)))
            {
                Count(pair.Type, 0, 1, 0);
                if (falsePositives.Count < examples)
                {
                    falsePositives.Add($"{document.Site}/{document.SourceId}: {pair.Type}:{pair.Value}");
                }
            }

            foreach (var selector in document.Selectors.Where(selector => selector.Obfuscated))
            {
                obfuscatedTotal++;
                if (mentions.Any(mention => mention.Type == selector.Type && mention.Value == selector.Value && mention.Obfuscated))
                {
                    obfuscatedFound++;
                }
            }

            foreach (var lookAlike in document.LookAlikes)
            {
                lookAlikesTotal++;
                if (mentions.Any(mention => mention.Raw.Contains(lookAlike.Raw, StringComparison.Ordinal)
                    || string.Equals(mention.Value, lookAlike.Raw, StringComparison.OrdinalIgnoreCase)))
                {
                    lookAlikesAccepted++;
                }
            }
        }

        var byType = counts.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new TypeScore(pair.Key, pair.Value.Tp, pair.Value.Fp, pair.Value.Fn)).ToList();
        var overall = new TypeScore("all", byType.Sum(score => score.TruePositives), byType.Sum(score => score.FalsePositives), byType.Sum(score => score.FalseNegatives));
        return new ExtractionScore(byType, overall, obfuscatedFound, obfuscatedTotal, lookAlikesAccepted, lookAlikesTotal, falsePositives, falseNegatives);
    }
}
