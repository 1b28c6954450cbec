using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Bench;

/// <summary>
/// Many signed-in members searching a served case at once, over HTTP on loopback: a bounded client
/// of our own (one HttpClient with its cookie jar per member). Measures the API one request at a
/// time (quiet), the same queries in-process over the same workspace, then every session searching
/// in a loop for a fixed time; an ingest run beside it is started by the caller (see BENCHMARKS.md).
/// </summary>
internal static partial class LoadBenchmark
{
    public static int Run(Uri server, string user, string password, int sessions, TimeSpan duration, string? workspaceRoot)
    {
        var queries = Queries(500);
        var clients = Enumerable.Range(0, sessions).Select(_ => SignIn(server, user, password)).ToList();
        Console.WriteLine($"signed in {clients.Count} sessions as {user} at {server}");

        var quiet = new List<double>();
        for (var index = 0; index < queries.Count; index++)
        {
            var started = Stopwatch.GetTimestamp();
            Search(clients[0], queries[index]).GetAwaiter().GetResult();
            if (index >= 50)
            {
                quiet.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"API, one request at a time: {quiet.Count} queries, p50 {Percentile(quiet, 0.50):N2} ms, p99 {Percentile(quiet, 0.99):N2} ms");
        if (workspaceRoot is not null)
        {
            var inProcess = InProcess(workspaceRoot, user, queries);
            Console.WriteLine($"in-process (shared reader, same queries): p50 {Percentile(inProcess, 0.50):N2} ms, p99 {Percentile(inProcess, 0.99):N2} ms; " +
                $"API p50 / in-process p50 = {Percentile(quiet, 0.50) / Percentile(inProcess, 0.50):N2}x");
        }

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var deadline = Stopwatch.StartNew();
        var workers = clients.Select((client, number) => Task.Run(async () =>
        {
            var next = number * 7;
            while (deadline.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var status = await Search(client, queries[next++ % queries.Count]);
                    if (status != HttpStatusCode.OK)
                    {
                        errors.Add(((int)status).ToString(CultureInfo.InvariantCulture));
                        continue;
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (HttpRequestException exception)
                {
                    errors.Add(exception.Message);
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        var elapsed = deadline.Elapsed.TotalSeconds;
        var loaded = latencies.ToList();
        Console.WriteLine($"API, {sessions} sessions searching for {elapsed:N0} s: {loaded.Count:N0} searches, {loaded.Count / elapsed:N1} searches/s, " +
            $"p50 {Percentile(loaded, 0.50):N2} ms, p99 {Percentile(loaded, 0.99):N2} ms, errors {errors.Count}" +
            (errors.IsEmpty ? string.Empty : $" (first: {errors.First()})"));
        return errors.IsEmpty ? 0 : 1;
    }

    /// <summary>The same queries through the library, over one shared reader as the server has.</summary>
    private static List<double> InProcess(string root, string user, List<string> queries)
    {
        using var workspace = Workspace.Open(root);
        using var sharedIndex = new SharedIndex(workspace, TimeSpan.FromMilliseconds(500));
        var session = CaseSession.Open(workspace, user, null, sharedIndex);
        var times = new List<double>();
        for (var index = 0; index < queries.Count; index++)
        {
            var started = Stopwatch.GetTimestamp();
            session.Search(new SearchRequest(queries[index], 20));

            if (index >= 50)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }

    private static List<string> Queries(int count)
    {
        var random = new Random(13);
        var words = Corpus.DomainWords.Where(word => word.All(char.IsAsciiLetterOrDigit)).ToArray();
        string[] templates = ["{0}", "{0} AND {1}", "{0} OR {1}", "\"{0} {1}\"~5", "{0} AND NOT {1}", "zzzznothing{2}"];
        return Enumerable.Range(0, count)
            .Select(index => string.Format(CultureInfo.InvariantCulture, templates[index % templates.Length], words[random.Next(words.Length)], words[random.Next(words.Length)], index))
            .ToList();
    }

    private static async Task<HttpStatusCode> Search(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/search?limit=20&q=" + Uri.EscapeDataString(query));
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    private static HttpClient SignIn(Uri server, string user, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server };
        var form = client.GetStringAsync("/signin").GetAwaiter().GetResult();
        var token = TokenField().Match(form).Groups[1].Value;
        using var response = client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = user,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        })).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("signin", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"sign-in as {user} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
