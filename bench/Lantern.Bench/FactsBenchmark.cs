using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lantern.Demo;
using Lantern.Extraction;
using Lantern.Extraction.Facts;
using Lantern.Ingest;

namespace Lantern.Bench;

/// <summary>
/// Listing-facts throughput on one thread: over the ingest benchmark's generated listings (title and
/// text, as ingest would pass them) and over the demo corpus's documents, beside selector extraction
/// on the same documents; and what the facts would add to an ingest running at a given rate.
/// </summary>
public static class FactsBenchmark
{
    public static int Run(int documents, double ingestDocsPerSecond)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-bench-facts");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        Corpus.Write(folder, documents, seed: 7);
        var generated = new List<(string? Title, string Text)>(documents);
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                using var json = JsonDocument.Parse(line);
                generated.Add((json.RootElement.GetProperty("title").GetString(), json.RootElement.GetProperty("text").GetString()!));
            }
        }

        var manifest = DemoCorpus.Generate(Path.Combine(folder, "demo"));
        var demo = new List<(string? Title, string Text)>();
        foreach (var file in manifest.Files)
        {
            var (reader, _) = FormatDetector.Detect(file);
            var source = new SourceFile(file, file, string.Empty, new FileInfo(file).Length);
            demo.AddRange(reader!.Read(source, new ReadOptions()).Where(item => item.Document is not null).Select(item => (item.Document!.Title, item.Document!.Text)));
        }

        Console.WriteLine($"facts lexicon {FactsExtractor.Default.RulesVersion}");
        Measure("generated listings", generated, ingestDocsPerSecond);
        Measure("demo corpus", demo, ingestDocsPerSecond);
        return 0;
    }

    private static void Measure(string name, List<(string? Title, string Text)> documents, double ingestDocsPerSecond)
    {
        var bytes = documents.Sum(document => (long)Encoding.UTF8.GetByteCount(document.Text) + Encoding.UTF8.GetByteCount(document.Title ?? string.Empty));
        var passes = Math.Max(1, (int)Math.Ceiling(100_000.0 / documents.Count));
        var extractor = FactsExtractor.Default;
        var context = new ExtractionContext("NL");

        // Warm up, so the timed passes run the optimized code a long ingest runs.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var (title, text) in documents.Take(20_000))
            {
                extractor.Extract(title, text);
                SelectorExtractor.Extract(text, context);
            }
        }

        var items = 0L;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (title, text) in documents)
            {
                items += extractor.Extract(title, text).Items.Count;
            }
        }

        var factsSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var pass = 0; pass < passes; pass++)
        {
            SelectorExtractor.ForgetVerdicts();
            foreach (var (_, text) in documents)
            {
                SelectorExtractor.Extract(text, context);
            }
        }

        var selectorSeconds = clock.Elapsed.TotalSeconds;
        var count = (double)documents.Count * passes;
        var factsMicroseconds = factsSeconds / count * 1e6;
        var ingestMicroseconds = 1e6 / ingestDocsPerSecond;
        Console.WriteLine($"{name}: {documents.Count:N0} documents, {bytes / 1048576.0:N1} MB, {passes} passes, {items / passes:N0} items a pass");
        Console.WriteLine($"  facts     (1 thread): {count / factsSeconds,10:N0} docs/s, {bytes * passes / 1048576.0 / factsSeconds,6:N1} MB/s, {factsMicroseconds:N1} µs/doc");
        Console.WriteLine($"  selectors (1 thread): {count / selectorSeconds,10:N0} docs/s, {bytes * passes / 1048576.0 / selectorSeconds,6:N1} MB/s");
        Console.WriteLine($"  added to an ingest of {ingestDocsPerSecond:N0} docs/s ({ingestMicroseconds:N0} µs/doc), if run on its critical path: {factsMicroseconds / ingestMicroseconds * 100:N1} %");
    }
}
