using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Bench;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Search;
using Lantern.Storage;

// Whole-process benchmarks.
// Ingest and search on a generated corpus:  dotnet run -c Release --project bench/Lantern.Bench -- [--docs N] [--queries N] [--dir DIR]
// Selector extraction on the demo corpus:   dotnet run -c Release --project bench/Lantern.Bench -- extraction [--megabytes N]
// One selector-dense text as one document: dotnet run -c Release --project bench/Lantern.Bench -- dense [--megabytes 10,20,100]
// Saved pages of nested <div>s:             dotnet run -c Release --project bench/Lantern.Bench -- nested-html [--depths 1000,5000,20000,220000]
// Documents of many PGP signature blocks:   dotnet run -c Release --project bench/Lantern.Bench -- pgp-signatures [--blocks 1000,10000,50000]
// Graph algorithms beside networkx/igraph:  dotnet run -c Release --project bench/Lantern.Bench -- graph [--only aliases|betweenness] [--python /usr/bin/python3]
// A generated corpus only (JSON Lines):      dotnet run -c Release --project bench/Lantern.Bench -- corpus --docs N --dir DIR [--seed N]
// Many sessions searching a served case:     echo PASSWORD | dotnet run -c Release --project bench/Lantern.Bench -- load --url URL --user NAME [--sessions 50] [--seconds 30] [--workspace DIR]
// Listing facts beside selectors:           dotnet run -c Release --project bench/Lantern.Bench -- facts [--docs N] [--ingest-rate DOCS_PER_S]
// Ingest with and without 1,000 watches:   dotnet run -c Release --project bench/Lantern.Bench -- watch [--docs N] [--watches N] [--rounds N]
// CSV with ISO beside slash dates:         dotnet run -c Release --project bench/Lantern.Bench -- dates [--docs N] [--rounds N]
// Suggestion score weights fitted on demo seeds: dotnet run -c Release --project bench/Lantern.Bench -- calibrate [--train 1-12] [--test 13-16]
// Whole `lantern search` processes beside rg: dotnet run -c Release --project bench/Lantern.Bench -- startup [--lantern PATH] [--runs N] [--word WORD] [--rg PATH] [--dir DIR]
if (args.FirstOrDefault() == "corpus")
{
    var folder = args.SkipWhile(arg => arg != "--dir").Skip(1).FirstOrDefault() ?? "corpus";
    Directory.CreateDirectory(folder);
    Console.WriteLine($"{Corpus.Write(folder, Argument("--docs", 200_000), Argument("--seed", 7)) / 1048576.0:N1} MB written to {folder}");
    return 0;
}

if (args.FirstOrDefault() == "load")
{
    string Text(string name, string fallback) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault() ?? fallback;
    return LoadBenchmark.Run(new Uri(Text("--url", "http://127.0.0.1:5080")), Text("--user", "bench"), Console.In.ReadLine() ?? string.Empty,
        Argument("--sessions", 50), TimeSpan.FromSeconds(Argument("--seconds", 30)), args.Contains("--workspace") ? Text("--workspace", ".") : null);
}

if (args.FirstOrDefault() == "extraction")
{
    return ExtractionBenchmark.Run(Argument("--megabytes", 50));
}

if (args.FirstOrDefault() == "facts")
{
    return FactsBenchmark.Run(Argument("--docs", 200_000), Argument("--ingest-rate", 4_990));
}

if (args.FirstOrDefault() == "watch")
{
    return WatchBenchmark.Run(Argument("--docs", 200_000), Argument("--watches", 1_000), Argument("--rounds", 2));
}

if (args.FirstOrDefault() == "dates")
{
    return DatesBenchmark.Run(Argument("--docs", 200_000), Argument("--rounds", 3));
}

if (args.FirstOrDefault() == "startup")
{
    string Text(string name, string fallback) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault() ?? fallback;
    return StartupBenchmark.Run(Text("--lantern", "lantern"), Text("--rg", "rg"), Text("--word", "cocaine"), Argument("--runs", 21), args.Contains("--dir") ? Text("--dir", ".") : null);
}

if (args.FirstOrDefault() == "dense")
{
    return HostileInputBenchmark.Dense(Sizes("--megabytes", [10, 20, 100]));
}

if (args.FirstOrDefault() == "nested-html")
{
    return HostileInputBenchmark.NestedHtml(Sizes("--depths", [1_000, 5_000, 20_000, 220_000]));
}

if (args.FirstOrDefault() == "calibrate")
{
    IReadOnlyList<int> Seeds(string name, string fallback)
    {
        var range = (args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault() ?? fallback).Split('-');
        var first = int.Parse(range[0], CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(first, int.Parse(range[^1], CultureInfo.InvariantCulture) - first + 1)];
    }

    return CalibrationBenchmark.Run(Seeds("--train", "1-12"), Seeds("--test", "13-16"));
}

if (args.FirstOrDefault() == "pgp-signatures")
{
    return HostileInputBenchmark.Signatures(Sizes("--blocks", [1_000, 10_000, 50_000]));
}

if (args.FirstOrDefault() == "graph")
{
    return GraphBenchmark.Run(args.SkipWhile(arg => arg != "--python").Skip(1).FirstOrDefault() ?? "/usr/bin/python3", args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault());
}

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
using var workspace = CaseAdministration.CreateCase(Path.Combine(root, "ws"), info);
var clock = Stopwatch.StartNew();
var session = CaseSession.Open(workspace, "bench");
var report = new IngestService(session).Run(new IngestRequest([corpus]));
clock.Stop();
var peakAfterIngest = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine($"ingest: {report.Added:N0} docs, {bytes / 1048576.0:N1} MB in {clock.Elapsed.TotalSeconds:N1} s = " +
    $"{report.Added / clock.Elapsed.TotalSeconds:N0} docs/s, {bytes / 1048576.0 / clock.Elapsed.TotalSeconds:N1} MB/s; peak RSS {peakAfterIngest / 1048576.0:N0} MB; errors {report.Errors}");

// One reader for the whole run, as a server holds it: the figures are of searching, not of opening the index.
using var sharedIndex = new SharedIndex(workspace, TimeSpan.Zero);
var search = CaseSession.Open(workspace, session.User, null, sharedIndex);
var random = new Random(11);
var terms = Corpus.DomainWords;
string[] templates =
[
    "{0}", "{0} AND {1}", "{0} OR {1}", "\"{0} {1}\"~5", "{0}~", "{0}* AND NOT {1}", "site:market{2} AND {0}",
    "author:vendor{3}", "posted_at:[2025-0{4} TO 2025-12] AND {0}", "title:{0}", "\"ships from {5}\"",
];
string[] countries = ["netherlands", "germany", "spain", "belgium"];
var latencies = new List<double>(queryCount);
var byTemplate = templates.ToDictionary(template => template, _ => new List<double>());
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
        byTemplate[templates[index % templates.Length]].Add(latencies[^1]);
    }
}

foreach (var (template, times) in byTemplate)
{
    times.Sort();
    Console.WriteLine($"  {template,-45} p50 {times[times.Count / 2],7:N2} ms  max {times[^1],7:N2} ms");
}

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine($"search: {queryCount:N0} mixed queries (after 50 warm-up): p50 {Percentile(0.50):N2} ms, p99 {Percentile(0.99):N2} ms, max {latencies[^1]:N2} ms; " +
    $"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB");
return 0;

int[] Sizes(string name, int[] fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray() : fallback;
}

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>
/// Marketplace-like JSON Lines in files of 50,000 documents, from a fixed seed. Words follow a
/// Zipf distribution over a 20,000-word vocabulary, as natural text does: filler words are the most
/// frequent, the market and drug terms that queries use sit at ranks 60 to 600, the long tail is
/// made-up words.
/// </summary>
internal static class Corpus
{
    public static readonly string[] DomainWords =
    [
        "cocaine", "coke", "ketamine", "fentanyl", "mdma", "molly", "pills", "xanax", "bars", "oxy", "m30", "weed", "kush", "hash",
        "stealth", "vacuum", "sealed", "escrow", "refund", "reship", "pgp", "verify", "bulk", "sample", "pure", "uncut", "tested",
        "ships", "netherlands", "germany", "spain", "belgium", "eu", "uk", "worldwide", "fast", "tracked", "price",
        "gram", "ounce", "discount", "vendor", "market", "review", "legit", "scam", "order", "package", "arrived", "days", "❄️", "💊", "🍁",
    ];

    private static readonly string[] Filler =
    [
        "the", "and", "to", "of", "a", "in", "for", "is", "on", "with", "it", "this", "that", "from", "you", "we", "my", "be", "are",
        "was", "have", "at", "as", "not", "but", "all", "your", "can", "will", "just", "so", "if", "they", "one", "get", "very",
        "good", "out", "up", "no", "more", "time", "what", "now", "new", "quality", "best", "again", "like", "only", "some", "any",
        "also", "our", "here", "been", "after", "before", "when",
    ];

    public static long Write(string folder, int count, int seed)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(random);
        var cumulative = new double[vocabulary.Length];
        var sum = 0.0;
        for (var rank = 0; rank < vocabulary.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, 1.07);
            cumulative[rank] = sum;
        }

        string Word()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            return vocabulary[index < 0 ? Math.Min(~index, vocabulary.Length - 1) : index];
        }

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
            var length = random.Next(30, 120);
            for (var word = 0; word < length; word++)
            {
                text.Append(Word()).Append(word % 12 == 11 ? ". " : " ");
            }

            var line = JsonSerializer.Serialize(new
            {
                id = index.ToString(CultureInfo.InvariantCulture),
                site = $"market{index % 3 + 1}",
                author = $"vendor{random.Next(500)}",
                title = $"{DomainWords[random.Next(DomainWords.Length)]} {Word()} {random.Next(1, 100)}g",
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

    private static string[] Vocabulary(Random random)
    {
        const string consonants = "bcdfghjklmnprstvz";
        const string vowels = "aeiou";
        var words = new List<string>(Filler);
        var made = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count + made.Count < 20_000 - DomainWords.Length)
        {
            var builder = new StringBuilder();
            for (var syllable = random.Next(2, 5); syllable > 0; syllable--)
            {
                builder.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            made.Add(builder.ToString());
        }

        words.AddRange(made.Order(StringComparer.Ordinal));
        foreach (var word in DomainWords)
        {
            words.Insert(random.Next(Filler.Length, 600), word);
        }

        return [.. words];
    }
}
