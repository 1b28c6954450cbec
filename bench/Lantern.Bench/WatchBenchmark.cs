using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Bench;

/// <summary>
/// What checking watches adds to an ingest: the ingest benchmark's generated corpus, with a vendor's
/// e-mail address in every fourth document, ingested into a new case with no watch and with 1,000
/// (850 e-mail selectors of which 100 occur, 100 handles of which 50 post, 50 queries), alternating.
/// </summary>
public static class WatchBenchmark
{
    public static int Run(int documents, int watches, int rounds)
    {
        var root = Path.Combine(Path.GetTempPath(), $"lantern-bench-watch-{documents}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        Corpus.Write(corpus, documents, seed: 7);
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var file in Directory.GetFiles(corpus, "*.jsonl"))
        {
            var lines = File.ReadAllLines(file).Select((line, index) =>
            {
                var record = JsonNode.Parse(line)!.AsObject();
                if (index % 4 == 0)
                {
                    record["text"] = $"{record["text"]} contact {record["author"]}@protonmail.com for bulk";
                }

                return record.ToJsonString(options);
            }).ToList();
            File.WriteAllLines(file, lines);
        }

        var specs = WatchSpecs(watches);
        Console.WriteLine($"{documents:N0} documents, {specs.Count:N0} watches: {specs.Count(spec => spec.StartsWith("selector:", StringComparison.Ordinal))} selectors, " +
            $"{specs.Count(spec => spec.StartsWith("handle:", StringComparison.Ordinal))} handles, {specs.Count(spec => spec.StartsWith("query:", StringComparison.Ordinal))} queries");
        var timings = new Dictionary<int, List<double>> { [0] = [], [specs.Count] = [] };
        var checks = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var count in new[] { 0, specs.Count })
            {
                var folder = Path.Combine(root, $"ws-{count}-{round}");
                var info = new CaseInfo("BENCH", "Benchmark", "benchmark on generated data", null, null, "NL", DateTimeOffset.UtcNow, "bench");
                using var workspace = CaseAdministration.CreateCase(folder, info);
                var session = CaseSession.Open(workspace, "bench");
                foreach (var spec in specs.Take(count))
                {
                    session.AddWatch(spec);
                }

                var clock = Stopwatch.StartNew();
                var report = new IngestService(session).Run(new IngestRequest([corpus]));
                clock.Stop();
                timings[count].Add(clock.Elapsed.TotalSeconds);
                var alerts = count == 0 ? 0 : session.Alerts(all: true).Alerts.Sum(alert => alert.Documents.Count);
                Console.WriteLine($"round {round + 1}, {count,5:N0} watches: {report.Added:N0} docs in {clock.Elapsed.TotalSeconds:N1} s = {report.Added / clock.Elapsed.TotalSeconds:N0} docs/s; " +
                    $"{report.Alerts:N0} alerts naming {alerts:N0} documents");
                if (count > 0)
                {
                    // The check alone, run again over every row the ingest stored (its alerts exist, so it raises none):
                    // the same reads and searches as at the end of the ingest, without the ingest's noise around it.
                    using var writeLock = workspace.LockForWriting("bench", "bench");
                    using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
                    var check = Stopwatch.StartNew();
                    var outcome = WatchCheck.Run(workspace, index, 0, workspace.Documents.MaxRowId(), "bench");
                    check.Stop();
                    checks.Add(check.Elapsed.TotalSeconds);
                    Console.WriteLine($"  the check alone: {check.Elapsed.TotalSeconds:N2} s over {report.Added:N0} new rows and {outcome.Watches:N0} watches " +
                        $"({check.Elapsed.TotalSeconds / clock.Elapsed.TotalSeconds * 100:N1} % of this ingest)");
                }
                workspace.Dispose();
                Directory.Delete(folder, recursive: true);
            }
        }

        var without = timings[0].Min();
        var with = timings[specs.Count].Min();
        Console.WriteLine($"best of {rounds}: {without:N1} s without watches, {with:N1} s with {specs.Count:N0}: {(with - without) / without * 100:+0.0;-0.0} %");
        Console.WriteLine($"the check alone, best of {rounds}: {checks.Min():N2} s = {checks.Min() / without * 100:N1} % of the best ingest without watches");
        return 0;
    }

    /// <summary>The watches: vendors' e-mail addresses (vendor400… of which vendor400–499 occur), market1's handles (vendor450… of which 450–499 post), and queries.</summary>
    private static List<string> WatchSpecs(int count)
    {
        var selectors = count * 85 / 100;
        var handles = count / 10;
        var specs = new List<string>(count);
        specs.AddRange(Enumerable.Range(400, selectors).Select(vendor => $"selector:email:vendor{vendor}@protonmail.com"));
        specs.AddRange(Enumerable.Range(450, handles).Select(vendor => $"handle:market1/vendor{vendor}"));
        var words = Corpus.DomainWords.Where(word => word.All(char.IsAsciiLetterOrDigit)).ToArray();
        for (var index = 0; specs.Count < count; index++)
        {
            var first = words[index % words.Length];
            var second = words[(index * 7 + 3) % words.Length];
            specs.Add(index % 2 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"query:\"{first} {second}\"")
                : string.Create(CultureInfo.InvariantCulture, $"query:{first} AND {second} AND vendor{index}"));
        }

        return specs;
    }
}
