using System.Diagnostics;

namespace Lantern.Tests.Support;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real <c>lantern</c> command as a child process, as an analyst would.</summary>
public static class LanternProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "lantern.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LANTERN_WORKSPACE"] = string.Empty;
        info.Environment["COLUMNS"] = "200";
        return info;
    }

    public static CliResult Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    /// <summary>Runs the command with <paramref name="input"/> on its standard input (closed afterwards).</summary>
    public static CliResult RunWithInput(string workingDirectory, string? input, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        info.RedirectStandardInput = input is not null;
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lantern {string.Join(' ', args)} did not finish");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
