using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Storage;

// Whole-process benchmark of ingest and search on a generated corpus.
// Usage: dotnet run -c Release --project bench/Lantern.Bench -- [--docs N] [--queries N] [--dir DIR]
var documents = Argument("--docs", 200_000);
var queryCount = Argument("--queries", 1_000);
var root = args.SkipWhile(arg => arg != "--dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), $"lantern-bench-{documents}");
if (Directory.Exists(root))
{
    Directory.Delete(root, recursive: true);
}

Directory.CreateDirectory(root);
var corpus = Path.Combine(root, "corpus");
Directory.CreateDirectory(corpus);
Console.WriteLine($"generating {documents:N0} documents in {corpus}");
var bytes = Corpus.Write(corpus, documents, seed: 7);

var info = new CaseInfo("BENCH", "Benchmark", "benchmark on generated data", null, null, "NL", DateTimeOffset.UtcNow, "bench");
using var workspace = Workspace.Create(Path.Combine(root, "ws"), info);
var clock = Stopwatch.StartNew();
var report = new IngestService(workspace).Run(new IngestRequest([corpus], "bench"));
clock.Stop();
var peakAfterIngest = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine($"ingest: {report.Added:N0} docs, {bytes / 1048576.0:N1} MB in {clock.Elapsed.TotalSeconds:N1} s = " +
    $"{report.Added / clock.Elapsed.TotalSeconds:N0} docs/s, {bytes / 1048576.0 / clock.Elapsed.TotalSeconds:N1} MB/s; peak RSS {peakAfterIngest / 1048576.0:N0} MB; errors {report.Errors}");

using var search = new SearchService(workspace);
var random = new Random(11);
string[] terms = ["cocaine", "ketamine", "fentanyl", "netherlands", "stealth", "vacuum", "escrow", "pgp", "refund", "bulk", "pure", "pills"];
string[] templates =
[
    "{0}", "{0} AND {1}", "{0} OR {1}", "\"{0} {1}\"~5", "{0}~", "{0}* AND NOT {1}", "site:market{2} AND {0}",
    "author:vendor{3}", "posted_at:[2025-0{4} TO 2025-12] AND {0}", "title:{0}", "\"ships from {5}\"",
];
string[] countries = ["netherlands", "germany", "spain", "belgium"];
var latencies = new List<double>(queryCount);
for (var index = 0; index < queryCount + 50; index++)
{
    var query = string.Format(CultureInfo.InvariantCulture, templates[index % templates.Length], terms[random.Next(terms.Length)], terms[random.Next(terms.Length)],
        random.Next(1, 4), random.Next(500), random.Next(1, 9), countries[random.Next(countries.Length)]);
    var expand = index % 7 == 0;
    var started = Stopwatch.GetTimestamp();
    search.Search(new SearchRequest(query, 10, expand));
    if (index >= 50)
    {
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine($"search: {queryCount:N0} mixed queries (after 50 warm-up): p50 {Percentile(0.50):N2} ms, p99 {Percentile(0.99):N2} ms, max {latencies[^1]:N2} ms; " +
    $"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB");
return 0;

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Marketplace-like JSON Lines in files of 50,000 documents, from a fixed seed.</summary>
internal static class Corpus
{
    private static readonly string[] Words =
    [
        "cocaine", "coke", "ketamine", "fentanyl", "mdma", "molly", "pills", "xanax", "bars", "oxy", "m30", "weed", "kush", "hash",
        "stealth", "vacuum", "sealed", "escrow", "refund", "reship", "pgp", "verify", "bulk", "sample", "pure", "uncut", "tested",
        "ships", "from", "netherlands", "germany", "spain", "belgium", "to", "eu", "uk", "worldwide", "fast", "tracked", "price",
        "gram", "ounce", "discount", "vendor", "market", "review", "legit", "scam", "order", "package", "arrived", "days", "❄️", "💊", "🍁",
    ];

    public static long Write(string folder, int count, int seed)
    {
        var random = new Random(seed);
        long bytes = 0;
        StreamWriter? writer = null;
        var text = new StringBuilder();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var index = 0; index < count; index++)
        {
            if (index % 50_000 == 0)
            {
                writer?.Dispose();
                writer = new StreamWriter(Path.Combine(folder, $"part-{index / 50_000:D3}.jsonl"), false, new UTF8Encoding(false));
            }

            text.Clear();
            var length = random.Next(30, 90);
            for (var word = 0; word < length; word++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(word % 12 == 11 ? ". " : " ");
            }

            var line = JsonSerializer.Serialize(new
            {
                id = index.ToString(CultureInfo.InvariantCulture),
                site = $"market{index % 3 + 1}",
                author = $"vendor{random.Next(500)}",
                title = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {random.Next(1, 100)}g",
                text = text.ToString(),
                posted_at = start.AddMinutes(random.Next(525_600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                kind = index % 5 == 0 ? "post" : "listing",
            });
            writer!.WriteLine(line);
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
        }

        writer?.Dispose();
        return bytes;
    }
}
