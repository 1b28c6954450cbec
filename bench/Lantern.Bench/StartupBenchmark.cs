using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lantern.Bench;

/// <summary>
/// What one whole `lantern search` process costs an analyst, beside ripgrep over the same raw files:
/// the demo case is made with the lantern under test (`lantern demo`), then the same word is searched
/// in it N times by `lantern search` and N times by `rg` over the demo's collected files. Each run is a
/// new process, as at the shell: wall time from start to exit, CPU time (user + system) of the child
/// from the operating system's accounting of waited-for children.
/// </summary>
public static class StartupBenchmark
{
    public static int Run(string lantern, string ripgrep, string word, int runs, string? folder)
    {
        var root = folder ?? Path.Combine(Path.GetTempPath(), "lantern-bench-startup");
        Directory.CreateDirectory(root);
        var demo = Path.Combine(root, "lantern-demo");
        Console.WriteLine($"machine load before: {LoadAverage()}; lantern: {Resolve(lantern)}; rg: {Resolve(ripgrep)}");
        var made = Measure(lantern, ["demo", "--dir", demo], root);
        if (made.ExitCode != 0)
        {
            Console.Error.WriteLine($"'{lantern} demo --dir {demo}' failed (exit {made.ExitCode}): {made.Error}");
            return 1;
        }

        var workspace = Path.Combine(demo, "workspace");
        var collected = Path.Combine(demo, "collected");
        var search = Series(lantern, ["--workspace", workspace, "search", word], root, runs);
        var grep = Series(ripgrep, ["--ignore-case", "--count", word, collected], root, runs);
        if (search is null || grep is null)
        {
            return 1;
        }

        Console.WriteLine($"{runs} whole processes each (after 2 unmeasured), word '{word}', demo case {demo}:");
        Console.WriteLine($"  lantern search   wall median {search.Wall(0.5):N3} s  p90 {search.Wall(0.9):N3} s   CPU median {search.Cpu(0.5):N3} s  p90 {search.Cpu(0.9):N3} s");
        Console.WriteLine($"  rg (raw files)   wall median {grep.Wall(0.5):N3} s  p90 {grep.Wall(0.9):N3} s   CPU median {grep.Cpu(0.5):N3} s  p90 {grep.Cpu(0.9):N3} s");
        Console.WriteLine($"machine load after: {LoadAverage()}");
        return 0;
    }

    /// <summary>N measured runs after two unmeasured ones (which bring the files into the page cache); null, after saying why, when a run fails.</summary>
    private static Timings? Series(string program, string[] arguments, string folder, int runs)
    {
        var timings = new Timings();
        for (var index = 0; index < runs + 2; index++)
        {
            var run = Measure(program, arguments, folder);
            if (run.ExitCode != 0)
            {
                Console.Error.WriteLine($"'{program} {string.Join(' ', arguments)}' failed (exit {run.ExitCode}): {run.Error}");
                return null;
            }

            if (index >= 2)
            {
                timings.Add(run.Wall, run.Cpu);
            }
        }

        return timings;
    }

    private static (int ExitCode, double Wall, double Cpu, string Error) Measure(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        return (process.ExitCode, clock.Elapsed.TotalSeconds, ChildrenCpuSeconds() - cpuBefore, error.Result.Trim());
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The program as the shell would find it on PATH, so the report says which binary was measured.</summary>
    private static string Resolve(string program) =>
        program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetFullPath(program)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists) ?? $"{program} (not found on PATH)";

    /// <summary>User + system CPU seconds of every child process this process has waited for (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        const int children = -1;
        return GetResourceUsage(children, out var usage) == 0
            ? usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6
            : throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs this benchmark does not read (144 bytes in all).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }

    private sealed class Timings
    {
        private readonly List<double> walls = [];
        private readonly List<double> cpus = [];

        public void Add(double wall, double cpu)
        {
            walls.Add(wall);
            cpus.Add(cpu);
        }

        public double Wall(double percentile) => Percentile(walls, percentile);

        public double Cpu(double percentile) => Percentile(cpus, percentile);

        private static double Percentile(List<double> values, double percentile)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
