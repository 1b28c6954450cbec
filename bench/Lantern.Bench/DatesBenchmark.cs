using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Storage;

namespace Lantern.Bench;

/// <summary>
/// What deciding a file's slash-date order costs: the ingest benchmark's generated corpus written as
/// CSV twice, once with ISO dates and once with day-first slash dates (20/04/2025 14:05), which makes
/// the CSV reader pass over every row's date before reading the file. Times the reader alone and the
/// whole ingest (extract, store, index) of each, alternating.
/// </summary>
public static class DatesBenchmark
{
    public static int Run(int documents, int rounds)
    {
        var root = Path.Combine(Path.GetTempPath(), $"lantern-bench-dates-{documents}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var generated = Path.Combine(root, "jsonl");
        Directory.CreateDirectory(generated);
        Corpus.Write(generated, documents, seed: 7);
        var corpora = new Dictionary<string, string>
        {
            ["iso"] = WriteCsv(generated, Path.Combine(root, "iso"), date => date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ["slash"] = WriteCsv(generated, Path.Combine(root, "slash"), date => date.ToString("dd'/'MM'/'yyyy HH:mm", CultureInfo.InvariantCulture)),
        };
        var bytes = Directory.GetFiles(corpora["iso"]).Sum(file => new FileInfo(file).Length);
        Console.WriteLine($"{documents:N0} documents as CSV, {bytes / 1048576.0:N1} MB with ISO dates");

        var reads = corpora.Keys.ToDictionary(name => name, _ => new List<double>());
        var ingests = corpora.Keys.ToDictionary(name => name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, folder) in corpora)
            {
                var clock = Stopwatch.StartNew();
                var (read, dated) = ReadOnly(folder);
                clock.Stop();
                reads[name].Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"round {round + 1}, {name,-5} dates: read {read:N0} rows ({dated:N0} dated) in {clock.Elapsed.TotalSeconds:N2} s = {read / clock.Elapsed.TotalSeconds:N0} rows/s");

                var info = new CaseInfo("BENCH", "Benchmark", "benchmark on generated data", null, null, "NL", DateTimeOffset.UtcNow, "bench");
                using var workspace = CaseAdministration.CreateCase(Path.Combine(root, $"ws-{name}-{round}"), info);
                clock.Restart();
                var report = new IngestService(CaseSession.Open(workspace, "bench")).Run(new IngestRequest([folder]));
                clock.Stop();
                ingests[name].Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"round {round + 1}, {name,-5} dates: ingest {report.Added:N0} docs in {clock.Elapsed.TotalSeconds:N1} s = {report.Added / clock.Elapsed.TotalSeconds:N0} docs/s; " +
                    $"errors {report.Errors}, warnings {report.Problems.Count - report.Errors}");
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"median read: ISO {Median(reads["iso"]):N2} s, slash {Median(reads["slash"]):N2} s ({(Median(reads["slash"]) / Median(reads["iso"]) - 1) * 100:+0;-0} %)");
        Console.WriteLine($"median ingest: ISO {Median(ingests["iso"]):N1} s, slash {Median(ingests["slash"]):N1} s ({(Median(ingests["slash"]) / Median(ingests["iso"]) - 1) * 100:+0;-0} %)");
        return 0;
    }

    private static string WriteCsv(string jsonFolder, string csvFolder, Func<DateTimeOffset, string> date)
    {
        Directory.CreateDirectory(csvFolder);
        foreach (var file in Directory.GetFiles(jsonFolder, "*.jsonl"))
        {
            using var writer = new StreamWriter(Path.Combine(csvFolder, Path.ChangeExtension(Path.GetFileName(file), ".csv")), false, new UTF8Encoding(false));
            writer.WriteLine("id,site,author,title,text,posted_at,kind");
            foreach (var line in File.ReadLines(file))
            {
                using var record = JsonDocument.Parse(line);
                string Field(string name) => record.RootElement.GetProperty(name).GetString()!;
                var posted = DateTimeOffset.Parse(Field("posted_at"), CultureInfo.InvariantCulture);
                writer.WriteLine(string.Join(',', Field("id"), Field("site"), Field("author"), Quote(Field("title")), Quote(Field("text")), date(posted), Field("kind")));
            }
        }

        return csvFolder;
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static (long Rows, long Dated) ReadOnly(string folder)
    {
        long rows = 0, dated = 0;
        var reader = new CsvReader();
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var source = new SourceFile(path, path, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), new FileInfo(path).Length);
            foreach (var item in reader.Read(source, new ReadOptions()))
            {
                rows += item.Document is null ? 0 : 1;
                dated += item.Document?.PostedAt is null ? 0 : 1;
            }
        }

        return (rows, dated);
    }
}
