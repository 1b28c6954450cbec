using System.Globalization;
using Lantern.Cases;
using Lantern.Demo;
using Lantern.Graph;
using Lantern.Ingest;
using Lantern.Storage;
using static Lantern.Graph.AliasResolver;

namespace Lantern.Bench;

/// <summary>
/// Fits the suggestion score's logistic weights on demo corpora of many seeds and measures them on
/// seeds held out: every pair alias resolution scores for a suggestion (shown or not; possible impostors
/// are flagged, not scored) with a handle the ground truth labels is an example, right when both are one actor. The fit is a maximum a posteriori logistic
/// regression (Newton's method) with a Gaussian prior around weights set by hand from what investigators
/// know, so features the demo rarely shows keep their prior weight instead of running off to infinity.
/// The weights in use (<see cref="SuggestionFeatures.Weights"/>) are this fit on seeds 1–30, rounded.
/// </summary>
public static class CalibrationBenchmark
{
    /// <summary>The prior's standard deviation around each hand-set weight.</summary>
    private const double PriorSigma = 1.5;

    /// <summary>
    /// The weights set by hand before any fit (in the order of <see cref="SuggestionFeatures.Names"/>): a name or a closing line
    /// alone is not enough, wording and selling raise the odds, different keys and one site lower them.
    /// </summary>
    private static readonly double[] HandSet = [-9.0, 2.5, 6.0, 2.5, 6.0, 1.0, 2.5, -1.0, -0.5];

    public static int Run(IReadOnlyList<int> train, IReadOnlyList<int> test)
    {
        var root = Path.Combine(Path.GetTempPath(), "lantern-bench-calibration");
        var trainExamples = train.SelectMany(seed => Examples(root, seed)).ToList();
        var testExamples = test.SelectMany(seed => Examples(root, seed)).ToList();
        Console.WriteLine($"training seeds {string.Join(',', train)}: {trainExamples.Count} judged pairs ({trainExamples.Count(example => example.Right)} right); " +
            $"held-out seeds {string.Join(',', test)}: {testExamples.Count} ({testExamples.Count(example => example.Right)} right)");
        var fitted = Fit(trainExamples, HandSet);
        Console.WriteLine("weight                       hand-set   fitted   in use");
        for (var index = 0; index < fitted.Length; index++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{SuggestionFeatures.Names[index],-28} {HandSet[index],7:0.00} {fitted[index],8:0.00} {SuggestionFeatures.Weights[index],8:0.00}"));
        }

        foreach (var (name, weights) in new[] { ("hand-set", HandSet), ("fitted", fitted), ("in use", SuggestionFeatures.Weights) })
        {
            Console.WriteLine($"held-out seeds, weights {name}: log loss {LogLoss(testExamples, weights):0.000}, Brier {Brier(testExamples, weights):0.000}; " +
                $"shown (≥ {SuggestionFloor}): {testExamples.Count(example => Score(example, weights) >= SuggestionFloor)}, right among them " +
                $"{testExamples.Count(example => example.Right && Score(example, weights) >= SuggestionFloor)}, right pairs hidden {testExamples.Count(example => example.Right && Score(example, weights) < SuggestionFloor)}");
            foreach (var (from, to) in new[] { (0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0000001) })
            {
                var bin = testExamples.Where(example => Score(example, weights) >= from && Score(example, weights) < to).ToList();
                if (bin.Count > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {from:0.0}–{Math.Min(1, to):0.0}: {bin.Count,4} pairs, predicted {bin.Average(example => Score(example, weights)):0.00}, observed {bin.Count(example => example.Right) / (double)bin.Count:0.00}"));
                }
            }
        }

        Directory.Delete(root, recursive: true);
        return 0;
    }

    private sealed record Example(double[] Vector, bool Right);

    private static double Score(Example example, double[] weights) => SuggestionFeatures.Logistic(example.Vector, weights);

    /// <summary>The judged candidate pairs of one seed's demo, ingested as <c>lantern demo</c> ingests it.</summary>
    private static List<Example> Examples(string root, int seed)
    {
        var folder = Path.Combine(root, seed.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var manifest = DemoCorpus.Generate(Path.Combine(folder, "corpus"), seed);
        var info = new CaseInfo("CALIBRATION", "Calibration", "benchmark on synthetic data", null, null, "NL", DateTimeOffset.UtcNow, "bench");
        using var workspace = CaseAdministration.CreateCase(Path.Combine(folder, "workspace"), info);
        var ingest = new IngestService(CaseSession.Open(workspace, "bench"));
        ingest.Run(new IngestRequest(manifest.Files));
        ingest.Run(new IngestRequest([manifest.MarketDump], Site: "agora", ColumnMap: new Dictionary<string, string> { ["text"] = "Item Description" }));
        var truth = GroundTruthFile.Read(manifest.GroundTruthPath);
        var actorOf = truth.Actors.SelectMany(actor => actor.StrongHandles.Concat(actor.WeakHandles).Select(handle => (handle, actor.Id)))
            .Concat(truth.Impostors.Select(impostor => (impostor.Handle, Id: "impostor:" + impostor.Handle)))
            .Concat(truth.Relays.Select(relay => (relay.Handle, Id: "relay:" + relay.Handle)))
            .ToDictionary(item => item.Item1, item => item.Item2, StringComparer.Ordinal);
        var examples = new AliasAnalysis(workspace).SuggestionCandidates()
            .Where(candidate => candidate.Features.IsScored && (actorOf.ContainsKey(candidate.A) || actorOf.ContainsKey(candidate.B)))
            .Select(candidate => new Example(candidate.Features.Vector(),
                actorOf.TryGetValue(candidate.A, out var a) && actorOf.TryGetValue(candidate.B, out var b) && a == b && !a.StartsWith("impostor:", StringComparison.Ordinal)))
            .ToList();
        Console.WriteLine($"seed {seed}: {examples.Count} judged pairs weighed, {examples.Count(example => example.Right)} right");
        return examples;
    }

    /// <summary>Maximum a posteriori logistic weights under a Gaussian prior centred on <paramref name="prior"/>, by Newton's method.</summary>
    private static double[] Fit(List<Example> examples, double[] prior)
    {
        var weights = (double[])prior.Clone();
        var size = prior.Length;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[size];
            var hessian = new double[size, size];
            for (var index = 0; index < size; index++)
            {
                gradient[index] = (weights[index] - prior[index]) / (PriorSigma * PriorSigma);
                hessian[index, index] = 1 / (PriorSigma * PriorSigma);
            }

            foreach (var (vector, right) in examples.Select(example => (example.Vector, example.Right)))
            {
                var p = SuggestionFeatures.Logistic(vector, weights);
                for (var i = 0; i < size; i++)
                {
                    gradient[i] += (p - (right ? 1 : 0)) * vector[i];
                    for (var j = 0; j < size; j++)
                    {
                        hessian[i, j] += p * (1 - p) * vector[i] * vector[j];
                    }
                }
            }

            var step = Solve(hessian, gradient);
            for (var index = 0; index < size; index++)
            {
                weights[index] -= step[index];
            }

            if (step.Max(Math.Abs) < 1e-9)
            {
                break;
            }
        }

        return weights;
    }

    /// <summary>Gaussian elimination with partial pivoting; the prior makes the matrix positive definite.</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var size = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < size; column++)
        {
            var pivot = Enumerable.Range(column, size - column).MaxBy(row => Math.Abs(a[row, column]));
            for (var k = 0; k < size; k++)
            {
                (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
            }

            (b[column], b[pivot]) = (b[pivot], b[column]);
            for (var row = column + 1; row < size; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < size; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var x = new double[size];
        for (var row = size - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < size; k++)
            {
                sum -= a[row, k] * x[k];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }

    private static double LogLoss(List<Example> examples, double[] weights) =>
        examples.Count == 0 ? 0 : -examples.Average(example => Math.Log(Math.Clamp(example.Right ? Score(example, weights) : 1 - Score(example, weights), 1e-12, 1)));

    private static double Brier(List<Example> examples, double[] weights) =>
        examples.Count == 0 ? 0 : examples.Average(example => Math.Pow(Score(example, weights) - (example.Right ? 1 : 0), 2));
}
