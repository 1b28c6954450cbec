using System.Diagnostics;
using System.Text;
using Lantern.Demo;
using Lantern.Extraction;
using Lantern.Ingest;

namespace Lantern.Bench;

/// <summary>
/// Selector extraction throughput on one core over the demo corpus's document texts, and ripgrep
/// (when installed) scanning the same text with the extractor's candidate patterns, for reference.
/// </summary>
public static class ExtractionBenchmark
{
    // The extractor's candidate scans, in ripgrep's syntax (no look-around): what a grep-based
    // tool would have to run before validating anything.
    private static readonly string[] CandidatePatterns =
    [
        @"-----BEGIN PGP PUBLIC KEY BLOCK-----",
        @"https?://[^\s<>""'`{}|\\^\[\]]+",
        @"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+",
        @"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)[A-Za-z0-9][A-Za-z0-9-]{0,62}",
        @"[A-Za-z2-7]{56}(?:\.onion|\s*[\[(]\.[\])]\s*onion|\s+dot\s+onion)",
        @"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b",
        @"\b(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}\b",
        @"\b0x[0-9A-Fa-f]{40}\b",
        @"\b[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?\b",
        @"\b05[0-9A-Fa-f]{64}\b",
        @"\b(?:[0-9A-Fa-f]{4} {0,2}){9}[0-9A-Fa-f]{4}\b",
        @"(?:t\.me|telegram\.me|telegram\.dog)/@?[A-Za-z0-9_]{5,32}",
        @"@[A-Za-z0-9_]{5,32}",
        @"\b(?:wickr|threema|signal)(?:\s*(?:me|id|username|user))?\s*[:=\-]?\s*@?[A-Za-z0-9_.*\-]{3,40}",
        @"\b(?:\d{1,3}\.){3}\d{1,3}\b",
        @"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?",
        @"(?:\+|00)?\(?\d[\d \-().]{6,20}\d",
    ];

    public static int Run(int megabytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-bench-extraction");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var manifest = DemoCorpus.Generate(Path.Combine(folder, "corpus"));
        var texts = new List<string>();
        foreach (var file in manifest.Files)
        {
            var (reader, _) = FormatDetector.Detect(file);
            var source = new SourceFile(file, file, string.Empty, new FileInfo(file).Length);
            texts.AddRange(reader!.Read(source, new ReadOptions()).Where(item => item.Document is not null).Select(item => item.Document!.Text));
        }

        var corpusBytes = texts.Sum(text => (long)Encoding.UTF8.GetByteCount(text));
        var passes = (int)Math.Ceiling(megabytes * 1048576.0 / corpusBytes);
        var context = new ExtractionContext("NL");
        // Warm up for two seconds, so the timed passes run the optimized code a long ingest runs,
        // not the first-tier JIT code of the first calls.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            SelectorExtractor.ForgetVerdicts();
            foreach (var text in texts)
            {
                SelectorExtractor.Extract(text, context);
            }
        }

        var mentions = 0L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            // Each pass validates afresh, as a first read of the corpus would; within a pass,
            // recurring wallets and numbers are validated once, as in a real ingest.
            SelectorExtractor.ForgetVerdicts();
            foreach (var text in texts)
            {
                mentions += SelectorExtractor.Extract(text, context).Mentions.Count;
            }
        }

        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var totalMb = corpusBytes * (double)passes / 1048576;
        var lanternRate = totalMb / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"demo corpus: {texts.Count:N0} document texts, {corpusBytes / 1048576.0:N2} MB; {passes} passes = {totalMb:N1} MB");
        Console.WriteLine($"lantern extraction (1 thread, candidate scan + validation): {clock.Elapsed.TotalSeconds:N2} s = {lanternRate:N1} MB/s, {mentions:N0} mentions; CPU {cpu:N2} s = {totalMb / cpu:N1} MB per CPU-second");

        var textFile = Path.Combine(folder, "texts.txt");
        using (var writer = new StreamWriter(textFile, false, new UTF8Encoding(false)))
        {
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var text in texts)
                {
                    writer.Write(text);
                    writer.Write('\n');
                }
            }
        }

        var ripgrep = RunRipgrep(textFile);
        if (ripgrep is { } seconds)
        {
            var rate = new FileInfo(textFile).Length / 1048576.0 / seconds;
            Console.WriteLine($"ripgrep -j1 with the {CandidatePatterns.Length} candidate patterns (no validation): {seconds:N2} s = {rate:N1} MB/s");
            Console.WriteLine($"ratio lantern / ripgrep: {lanternRate / rate:N2}");
        }
        else
        {
            Console.WriteLine("ripgrep not found (apt-get install ripgrep) — reference run skipped");
        }

        return 0;
    }

    private static double? RunRipgrep(string file)
    {
        var info = new ProcessStartInfo("rg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-j1", "--count-matches", "--no-filename", "--no-mmap" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var pattern in CandidatePatterns)
        {
            // ASCII classes, as Lantern's scans use: Unicode-aware \b, \s and \d make ripgrep's automata far slower.
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add("(?-u)" + pattern);
        }

        info.ArgumentList.Add(file);
        try
        {
            var best = double.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(info)!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }

            return best;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
