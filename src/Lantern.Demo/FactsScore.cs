namespace Lantern.Demo;

/// <summary>How many of one fact's labelled documents were read exactly, with examples of the misses.</summary>
public sealed record FactAccuracy(string Fact, int Correct, int Total, IReadOnlyList<string> Misses)
{
    public double Accuracy => Total == 0 ? 1 : (double)Correct / Total;
}

/// <summary>Drug F1 of one language's listings (or of all).</summary>
public sealed record DrugScore(string Language, int Documents, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// How the stored listing facts fared against the labelled documents of a ground truth, scored as issue-style
/// measurements are: drug F1 over the set of drugs per document, the first item's strength and quantity exact
/// after unit normalization (a document labelled without one must have none), the routes as exact sets, and each
/// indicator's precision and recall (its kind as the score's type) where indicators were labelled.
/// </summary>
public sealed record FactsScore(
    int Documents,
    DrugScore Drugs,
    IReadOnlyList<DrugScore> DrugsByLanguage,
    FactAccuracy Strength,
    FactAccuracy Quantity,
    FactAccuracy ShipsFrom,
    FactAccuracy ShipsTo,
    IReadOnlyList<TypeScore> Indicators,
    IReadOnlyList<string> DrugMisses)
{
    public static FactsScore Compute(GroundTruth truth, IEnumerable<DocumentFacts> stored, int examples = 10)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var found = stored.GroupBy(facts => (facts.Site, facts.SourceId ?? string.Empty)).ToDictionary(group => group.Key, group => group.First());
        var labelled = truth.Documents.Where(document => document.Facts is not null).ToList();
        var drugCounts = new Dictionary<string, (int Documents, int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var drugMisses = new List<string>();
        var strength = new Tally("strength", examples);
        var quantity = new Tally("quantity", examples);
        var from = new Tally("ships_from", examples);
        var to = new Tally("ships_to", examples);
        var indicators = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        foreach (var document in labelled)
        {
            var expected = document.Facts!;
            var actual = found.GetValueOrDefault((document.Site, document.SourceId));
            var name = $"{document.Site}/{document.SourceId}";
            var expectedDrugs = expected.Drugs.ToHashSet(StringComparer.Ordinal);
            var actualDrugs = (actual?.Items ?? []).Select(item => item.Drug).ToHashSet(StringComparer.Ordinal);
            var tp = expectedDrugs.Count(actualDrugs.Contains);
            var fp = actualDrugs.Count - tp;
            var fn = expectedDrugs.Count - tp;
            var counts = drugCounts.GetValueOrDefault(expected.Language);
            drugCounts[expected.Language] = (counts.Documents + 1, counts.Tp + tp, counts.Fp + fp, counts.Fn + fn);
            if ((fp > 0 || fn > 0) && drugMisses.Count < examples)
            {
                drugMisses.Add($"{name}: expected [{string.Join(", ", expectedDrugs)}], read [{string.Join(", ", actualDrugs)}]");
            }

            var first = actual is { Items.Count: > 0 } ? actual.Items[0] : null;
            strength.Add(name, Amount(expected.Strength), Amount(first?.Strength));
            quantity.Add(name, Amount(expected.Quantity), Amount(first?.Quantity));
            from.Add(name, Codes(expected.ShipsFrom), Codes(actual?.ShipsFrom ?? []));
            to.Add(name, Codes(expected.ShipsTo), Codes(actual?.ShipsTo ?? []));
            if (expected.Indicators is { } labels)
            {
                var read = (actual?.Indicators ?? []).Select(indicator => indicator.Kind).ToHashSet(StringComparer.Ordinal);
                foreach (var kind in labels.Union(read))
                {
                    var current = indicators.GetValueOrDefault(kind);
                    var inLabels = labels.Contains(kind);
                    var inRead = read.Contains(kind);
                    indicators[kind] = (current.Tp + (inLabels && inRead ? 1 : 0), current.Fp + (!inLabels && inRead ? 1 : 0), current.Fn + (inLabels && !inRead ? 1 : 0));
                }
            }
        }

        var byLanguage = drugCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new DrugScore(pair.Key, pair.Value.Documents, pair.Value.Tp, pair.Value.Fp, pair.Value.Fn)).ToList();
        var all = new DrugScore("all", byLanguage.Sum(score => score.Documents), byLanguage.Sum(score => score.TruePositives),
            byLanguage.Sum(score => score.FalsePositives), byLanguage.Sum(score => score.FalseNegatives));
        return new FactsScore(labelled.Count, all, byLanguage, strength.Result(), quantity.Result(), from.Result(), to.Result(),
            indicators.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new TypeScore(pair.Key, pair.Value.Tp, pair.Value.Fp, pair.Value.Fn)).ToList(),
            drugMisses);
    }

    private static string Amount(TruthAmount? amount) => Amount(amount?.Value, amount?.Unit);

    private static string Amount(FactAmount? amount) => Amount(amount?.Value, amount?.Unit);

    private static string Amount(decimal? value, string? unit) =>
        value is { } known ? $"{known.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} {unit}" : "none";

    private static string Codes(IEnumerable<string> codes) => codes.Any() ? string.Join(",", codes.Order(StringComparer.Ordinal)) : "none";

    private sealed class Tally(string fact, int examples)
    {
        private readonly List<string> misses = [];
        private int correct;
        private int total;

        public void Add(string document, string expected, string actual)
        {
            total++;
            if (expected == actual)
            {
                correct++;
            }
            else if (misses.Count < examples)
            {
                misses.Add($"{document}: expected {expected}, read {actual}");
            }
        }

        public FactAccuracy Result() => new(fact, correct, total, misses);
    }
}
