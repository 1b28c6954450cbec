using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cli;

/// <summary>README's tour, pasted as a person would: every line runs, in order, in one shell, in an empty folder.</summary>
public sealed partial class TourTests
{
    private const string Begin = "<!-- tour:begin -->";
    private const string End = "<!-- tour:end -->";

    [Fact]
    public void EveryLineOfTheReadmeTourRunsAndShowsSomething()
    {
        var commands = TourCommands(File.ReadAllText(Readme()));
        Assert.Contains(commands, command => command.StartsWith("lantern demo", StringComparison.Ordinal));
        Assert.True(commands.Count(command => command.StartsWith("lantern ", StringComparison.Ordinal) || command.Contains("| lantern ", StringComparison.Ordinal)) >= 20);

        using var folder = new TempFolder();
        var outputs = folder.Combine("outputs");
        Directory.CreateDirectory(outputs);
        var script = new StringBuilder();
        script.AppendLine($"lantern() {{ dotnet '{LanternProcess.DllPath}' \"$@\"; }}");
        for (var index = 0; index < commands.Count; index++)
        {
            // Each line in braces of its own, so a trailing comment cannot swallow the redirection.
            script.AppendLine("{").AppendLine(commands[index]).AppendLine($"}} > '{outputs}/{index}.out' 2> '{outputs}/{index}.err'; echo $? > '{outputs}/{index}.rc'");
        }

        var shell = new ProcessStartInfo("bash") { WorkingDirectory = folder.Path, RedirectStandardInput = true, UseShellExecute = false };
        shell.Environment.Remove("LANTERN_WORKSPACE");
        shell.Environment["COLUMNS"] = "200";
        using (var process = Process.Start(shell)!)
        {
            process.StandardInput.Write(script.ToString());
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), "the tour did not finish");
        }

        for (var index = 0; index < commands.Count; index++)
        {
            var command = commands[index];
            var stdout = File.ReadAllText(Path.Combine(outputs, $"{index}.out"));
            var stderr = File.ReadAllText(Path.Combine(outputs, $"{index}.err"));
            var exit = File.ReadAllText(Path.Combine(outputs, $"{index}.rc")).Trim();
            Assert.True(exit == "0", $"`{command}` exited {exit}:\n{stdout}\n{stderr}");
            if (!command.Contains("lantern ", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(stdout.Trim().Length > 0, $"`{command}` printed nothing:\n{stderr}");
            Assert.False(NothingFound().IsMatch(stdout), $"`{command}` found nothing on the demo:\n{stdout}");
            Assert.DoesNotContain("hint:", stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>The shell lines between the tour markers: continuations joined, comments and blank lines left out.</summary>
    public static List<string> TourCommands(string readme)
    {
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no tour between the markers");
        var commands = new List<string>();
        var pending = string.Empty;
        foreach (var line in readme[(start + Begin.Length)..end].Split('\n'))
        {
            var text = line.TrimEnd();
            if (pending.Length == 0 && (text.Length == 0 || text.StartsWith('#') || text.StartsWith("```", StringComparison.Ordinal)))
            {
                continue;
            }

            if (text.EndsWith('\\'))
            {
                pending += text[..^1] + " ";
                continue;
            }

            commands.Add((pending + text).Trim());
            pending = string.Empty;
        }

        return commands;
    }

    private static string Readme()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lantern.slnx")))
            {
                return Path.Combine(folder.FullName, "README.md");
            }
        }

        throw new FileNotFoundException("no README.md beside Lantern.slnx above the test output folder");
    }

    /// <summary>Counts of zero where a tour line promises something: no documents, no handles, no clusters, no selectors.</summary>
    [GeneratedRegex(@"(^|\s)0 (documents match|handles|clusters|selectors)\b|""total"":0\b", RegexOptions.Multiline)]
    private static partial Regex NothingFound();
}
