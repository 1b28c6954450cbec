using System.Diagnostics;
using System.Text;
using Lantern.Demo;
using Lantern.Extraction;
using Lantern.Ingest;

namespace Lantern.Bench;

/// <summary>
/// Scaling on input built to be expensive: one selector-dense text of growing size extracted as a
/// single document (extraction must stay linear), saved pages of nested <c>&lt;div&gt;</c>s of growing
/// depth (page parsing must stay bounded), and documents of many PGP signature blocks. Times are wall
/// clock and the process's CPU time, which a busy machine disturbs less.
/// </summary>
public static class HostileInputBenchmark
{
    public static int Dense(IReadOnlyList<int> megabytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-bench-dense");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var manifest = DemoCorpus.Generate(Path.Combine(folder, "corpus"));
        var corpus = new StringBuilder();
        foreach (var file in manifest.Files)
        {
            var (reader, _) = FormatDetector.Detect(file);
            var source = new SourceFile(file, file, string.Empty, new FileInfo(file).Length);
            foreach (var item in reader!.Read(source, new ReadOptions()).Where(item => item.Document is not null))
            {
                corpus.Append(item.Document!.Text).Append('\n');
            }
        }

        var context = new ExtractionContext("NL");
        var unit = Dense(corpus.ToString(), context);
        SelectorExtractor.Extract(Text(unit, 1), context);
        Console.WriteLine($"one document of the demo corpus's selectors with 30 characters around each, repeated: {SelectorExtractor.Extract(unit, context).Mentions.Count:N0} mentions per {unit.Length / 1024.0:N0} K characters");
        Console.WriteLine("   MB   mentions    wall s     cpu s   MB/cpu-s   (best of 2 runs)");
        var results = new List<(int Megabytes, double Cpu)>();
        foreach (var size in megabytes)
        {
            var text = Text(unit, size);
            var (wall, cpu, found) = (double.MaxValue, double.MaxValue, 0);
            for (var run = 0; run < 2; run++)
            {
                SelectorExtractor.ForgetVerdicts();
                GC.Collect();
                var cpuBefore = ProcessCpu();
                var clock = Stopwatch.StartNew();
                found = SelectorExtractor.Extract(text, context).Mentions.Count;
                wall = Math.Min(wall, clock.Elapsed.TotalSeconds);
                cpu = Math.Min(cpu, (ProcessCpu() - cpuBefore).TotalSeconds);
            }

            results.Add((size, cpu));
            Console.WriteLine($"{size,5} {found,10:N0} {wall,9:N2} {cpu,9:N2} {size / cpu,10:N1}");
        }

        var (first, firstCpu) = results[0];
        foreach (var (size, cpu) in results.Skip(1))
        {
            Console.WriteLine($"{size} MB: {cpu / (firstCpu * size / first):N2} x of {size / (double)first:N0} times the {first} MB CPU time (linear = 1.00)");
        }

        return 0;
    }

    /// <summary>The text around each selector in <paramref name="text"/> (30 characters either side), joined: selectors in every line.</summary>
    private static string Dense(string text, ExtractionContext context)
    {
        var builder = new StringBuilder();
        var covered = 0;
        foreach (var mention in SelectorExtractor.Extract(text, context).Mentions)
        {
            var start = Math.Max(covered, mention.Start - 30);
            var end = Math.Min(text.Length, mention.End + 30);
            if (end > start)
            {
                builder.Append(text, start, end - start).Append('\n');
                covered = end;
            }
        }

        return builder.ToString();
    }

    public static int NestedHtml(IReadOnlyList<int> depths)
    {
        Console.WriteLine("  depth      bytes    wall s     cpu s  text chars  problem");
        foreach (var depth in depths)
        {
            var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";
            var cpuBefore = ProcessCpu();
            var clock = Stopwatch.StartNew();
            var page = HtmlText.Parse(html);
            clock.Stop();
            var cpu = (ProcessCpu() - cpuBefore).TotalSeconds;
            Console.WriteLine($"{depth,7} {html.Length,10:N0} {clock.Elapsed.TotalSeconds,9:N2} {cpu,9:N2} {page.Text.Length,11:N0}  {(page.Problem is null ? "parsed" : "too deep: text taken flat")}");
        }

        return 0;
    }

    /// <summary>
    /// One document of <c>count</c> PGP signature blocks, in shapes meant to cost: real clear-signed
    /// messages (verified when the key block is in the document), unterminated BEGIN lines, signed-message
    /// headers with no signature, and base64 garbage under a signature header.
    /// </summary>
    public static int Signatures(IReadOnlyList<int> counts)
    {
        var key = new SelectorForge(DemoCorpus.DefaultSeed).PgpKey("bench <bench@example.org>");
        var signed = key.ClearSign("Canary: all good.\n- nothing seized, same key.", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var random = new Random(7);
        var garbage = new byte[140_000];
        random.NextBytes(garbage);
        var cases = new (string Name, Func<int, string> Text)[]
        {
            ("clear-signed, key in the document (verified)", count => key.Armored + "\n" + Repeat(signed + "\n", count)),
            ("clear-signed, no key (parsed)", count => Repeat(signed + "\n", count)),
            ("BEGIN SIGNATURE lines, never ended", count => Repeat("-----BEGIN PGP SIGNATURE-----\nAAAA\n", count)),
            ("signed-message headers, one signature at the end", count => Repeat("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhi\n", count) + signed),
            ("190 K characters of base64 garbage a block", count => Repeat("-----BEGIN PGP SIGNATURE-----\n\n" + Convert.ToBase64String(garbage, Base64FormattingOptions.InsertLineBreaks) + "\n-----END PGP SIGNATURE-----\n", Math.Max(1, count / 1000))),
        };
        SelectorExtractor.Extract(key.Armored + "\n" + signed);
        Console.WriteLine("case                                                blocks      chars    wall s     cpu s   mentions   verified   rejected");
        foreach (var (name, build) in cases)
        {
            foreach (var count in counts)
            {
                var text = build(count);
                var blocks = name.StartsWith("190", StringComparison.Ordinal) ? Math.Max(1, count / 1000) : count;
                SelectorExtractor.ForgetVerdicts();
                GC.Collect();
                var cpuBefore = ProcessCpu();
                var clock = Stopwatch.StartNew();
                var result = SelectorExtractor.Extract(text);
                clock.Stop();
                var cpu = (ProcessCpu() - cpuBefore).TotalSeconds;
                Console.WriteLine($"{name,-50} {blocks,7:N0} {text.Length,10:N0} {clock.Elapsed.TotalSeconds,9:N2} {cpu,9:N2} {result.Mentions.Count,10:N0} {result.Mentions.Count(mention => mention.Rule == "pgp-signature-verified"),10:N0} {result.Rejected.Count,10:N0}");
            }
        }

        return 0;
    }

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    private static string Text(string unit, int megabytes)
    {
        var target = megabytes * 1048576L;
        var builder = new StringBuilder((int)Math.Min(target + unit.Length, int.MaxValue - 64));
        while (builder.Length < target)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, (int)target);
    }

    private static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
