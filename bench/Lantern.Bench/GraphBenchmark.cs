using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lantern.Graph;

namespace Lantern.Bench;

/// <summary>
/// Graph algorithms at scale beside networkx and python-igraph on the same generated graphs, in
/// the same run: PageRank and connected components (the union-find at the heart of alias
/// resolution) on 1,000,000 links, alias resolution on 1,000,000 mentions, exact betweenness on
/// 10,000 nodes and 100,000 links.
/// </summary>
public static class GraphBenchmark
{
    public static int Run(string python, string? only = null)
    {
        if (only == "aliases")
        {
            AliasResolution(1_000_000);
            return 0;
        }

        var folder = Path.Combine(Path.GetTempPath(), "lantern-bench-graph");
        Directory.CreateDirectory(folder);
        var big = Generate(Path.Combine(folder, "big.edges"), nodes: 200_000, links: 1_000_000, seed: 3);
        var small = Generate(Path.Combine(folder, "small.edges"), nodes: 10_000, links: 100_000, seed: 5);
        if (only == "betweenness")
        {
            Compare("betweenness", small, python, adjacency => Centrality.ShortestPaths(adjacency), sample: 200);
            SampledBetweenness(small, big);
            return 0;
        }

        Compare("pagerank", big, python, adjacency => Centrality.PageRank(adjacency));
        Compare("components", big, python, adjacency => Centrality.Components(adjacency));
        Compare("betweenness", small, python, adjacency => Centrality.ShortestPaths(adjacency), sample: 200);
        SampledBetweenness(small, big);
        AliasResolution(1_000_000);
        return 0;
    }

    /// <summary>Sampled betweenness beside exact on the 10k-node graph (largest error over all nodes, and the stated bound), and its time on the 1M-link graph.</summary>
    private static void SampledBetweenness(string small, string big)
    {
        var adjacency = Load(small).Adjacency();
        var exact = Centrality.ShortestPaths(adjacency).Betweenness;
        foreach (var sources in new[] { 500, 2_000 })
        {
            var clock = Stopwatch.StartNew();
            var sampled = Centrality.SampledShortestPaths(adjacency, sources);
            var error = exact.Zip(sampled.Betweenness, (a, b) => Math.Abs(a - b)).Max();
            Console.WriteLine($"sampled betweenness, {sources:N0} of {adjacency.Length:N0} sources: {clock.Elapsed.TotalSeconds:N3} s, " +
                $"largest error {error:E2} (largest exact value {exact.Max():E2}), stated 95 % bound {sampled.BetweennessErrorBound:E2}");
        }

        var large = Load(big).Adjacency();
        var timer = Stopwatch.StartNew();
        var estimate = Centrality.SampledShortestPaths(large, PathOptions.MinimumSamples);
        Console.WriteLine($"sampled betweenness on {large.Length:N0} nodes / 1,000,000 links, {estimate.Sources} sources: {timer.Elapsed.TotalSeconds:N3} s, " +
            $"stated 95 % bound {estimate.BetweennessErrorBound:E2}");
    }

    private static UndirectedGraph Load(string edges)
    {
        var graph = new UndirectedGraph();
        foreach (var line in File.ReadLines(edges))
        {
            var parts = line.Split(' ');
            graph.AddEdge(parts[0], parts[1]);
        }

        return graph;
    }

    private static void Compare(string task, string edges, string python, Action<int[][]> algorithm, int sample = 0)
    {
        var graph = Load(edges);
        var adjacency = graph.Adjacency();
        var clock = Stopwatch.StartNew();
        algorithm(adjacency);
        var ours = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{task} on {graph.NodeCount:N0} nodes / {graph.EdgeCount:N0} links: lantern {ours:N3} s");
        foreach (var line in Reference(python, task, edges, sample))
        {
            using var result = JsonDocument.Parse(line);
            var seconds = result.RootElement.GetProperty("seconds").GetDouble();
            var note = result.RootElement.GetProperty("extrapolated").GetBoolean() ? $" (extrapolated from {sample} sources)" : string.Empty;
            Console.WriteLine($"  {result.RootElement.GetProperty("library").GetString(),-18} {seconds:N3} s{note} → lantern is {seconds / ours:N1}× as fast");
        }
    }

    private static void AliasResolution(int mentions)
    {
        var random = new Random(9);
        var handles = mentions / 5;
        var items = new List<HandleMention>(mentions);
        for (var index = 0; index < mentions; index++)
        {
            var handle = random.Next(handles);
            var selector = random.Next(3) == 0 ? handle / 2 : handles + random.Next(mentions);
            items.Add(new HandleMention($"site{handle % 7}/h{handle}", $"d{index}", index % 3 == 0 ? "listing" : "post", "btc", $"w{selector}", "pay to "));
        }

        // One handle in a thousand is a relay: it reposts, as if its own, the keys and wallets of three pairs of handles that share a key.
        for (var relay = 0; relay < handles; relay += 1000)
        {
            for (var carried = 1; carried <= 3; carried++)
            {
                var owner = (relay + carried * 10) / 2 * 2;
                foreach (var member in new[] { owner, owner + 1 })
                {
                    items.Add(new HandleMention($"site{member % 7}/h{member}", $"k{member}", "profile", "pgp", $"key{owner}", "PGP: "));
                }

                items.Add(new HandleMention($"site{relay % 7}/h{relay}", $"r{relay}-{carried}", "message", "pgp", $"key{owner}", "PGP: "));
                items.Add(new HandleMention($"site{relay % 7}/h{relay}", $"r{relay}-{carried}", "message", "btc", $"w{owner / 2}", "BTC: "));
            }
        }

        // Each handle writes three adverts from a shared vocabulary with a habit of its own (one in fifty
        // shares its habit and closing line with another handle, as a renamed vendor does), prices and
        // quantities changing from advert to advert.
        var texts = Enumerable.Range(0, handles).Select(handle =>
        {
            var habit = handle % 50 == 0 ? handle / 100 : handle;
            return new HandleText($"site{handle % 7}/h{handle}", Enumerable.Range(0, 3).Select(advert =>
                $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {random.Next(1, 100)}g lab tested, ships from {Words[random.Next(Words.Length)]} " +
                $"price {random.Next(20, 900)} eur. {Word(habit)} {Word(habit * 7 + 1)} {Word(habit * 13 + 2)} {Word(habit * 17 + 3)} {Words[random.Next(Words.Length)]} order now\n" +
                $"~ signed {Word(habit)} ~").ToList());
        }).ToList();
        var clock = Stopwatch.StartNew();
        var (clusters, relays) = AliasResolver.ResolveWithRelays(items, texts);
        Console.WriteLine($"alias resolution on {items.Count:N0} mentions and {texts.Count * 3:N0} texts by {handles:N0} handles: lantern {clock.Elapsed.TotalSeconds:N3} s, " +
            $"{clusters.Count(cluster => cluster.Strong):N0} clusters, {clusters.Count(cluster => !cluster.Strong):N0} suggestions, {relays.Count:N0} relays");
    }

    private static readonly string[] Words = [.. Enumerable.Range(0, 400).Select(index => Word(index * 31 + 5))];

    /// <summary>A made-up lower-case word for a number: the same number, the same word.</summary>
    private static string Word(int number)
    {
        var letters = new System.Text.StringBuilder();
        number = Math.Abs(number) + 26 * 26;
        while (number > 0)
        {
            letters.Append((char)('a' + number % 26));
            number /= 26;
        }

        return letters.ToString();
    }

    private static IEnumerable<string> Reference(string python, string task, string edges, int sample)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "graph_reference.py");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, task, edges, sample.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  reference run failed: {error.Split('\n').LastOrDefault(line => line.Length > 0)} (apt-get install python3-networkx python3-igraph)");
                return [];
            }

            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine($"  {python} not found — reference runs skipped");
            return [];
        }
    }

    /// <summary>A random graph with a heavy-tailed degree distribution (endpoints drawn with a skew toward low ids), written as an edge list.</summary>
    private static string Generate(string path, int nodes, int links, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path);
        var written = new HashSet<(int, int)>();
        while (written.Count < links)
        {
            var a = (int)(nodes * Math.Pow(random.NextDouble(), 2));
            var b = random.Next(nodes);
            if (a != b && written.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                writer.WriteLine($"n{a} n{b}");
            }
        }

        return path;
    }
}
