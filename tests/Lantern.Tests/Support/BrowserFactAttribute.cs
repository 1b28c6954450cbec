namespace Lantern.Tests.Support;

/// <summary>The browser the web tests drive: Debian's Chromium, and the emoji font the screenshots need.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string InstallHint = "apt-get install chromium fonts-noto-color-emoji";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>CI must run every browser test: there a missing browser is a failure, never a skip.</summary>
    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Missing => $"Chromium is not installed at {ExecutablePath}; install it with: {InstallHint}";
}

/// <summary>
/// A test that drives Chromium. Where the browser is missing it is skipped with the command that installs it,
/// except under CI=true, where it runs and fails saying the same.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired)
        {
            Skip = Chromium.Missing;
        }
    }
}
