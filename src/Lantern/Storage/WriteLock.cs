using System.Diagnostics;
using System.Globalization;

namespace Lantern.Storage;

/// <summary>
/// The workspace's one-writer lock, held by a process for the whole of an operation that writes the
/// index (ingest, re-extraction, retention, index catch-up or rebuild), so two processes never write
/// at once. It is <c>write.lock</c> in the workspace opened with <see cref="FileShare.None"/>: on
/// Linux and macOS .NET takes an exclusive <c>flock</c> on it, on Windows a share lock; either way
/// a second open fails in another process and in this one alike, and the kernel releases it when the
/// holder exits, however it exits. Who holds it is written beside it, in <c>write.lock.holder</c>, so
/// the one waiting can say whom it waits for.
/// </summary>
internal sealed class WriteLock : IDisposable
{
    public const string FileName = "write.lock";
    public const string HolderFileName = "write.lock.holder";

    /// <summary>The errno .NET reports when the file is locked (EWOULDBLOCK) and Windows' sharing violation.</summary>
    private static readonly int[] HeldResults = [11, 35, unchecked((int)0x80070020)];

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly FileStream stream;
    private readonly string holderPath;

    private WriteLock(FileStream stream, string holderPath)
    {
        this.stream = stream;
        this.holderPath = holderPath;
    }

    /// <summary>Takes the lock if no other writer holds it; null when one does.</summary>
    public static WriteLock? TryAcquire(string root, string operation, string user)
    {
        RefuseWithoutFileLocking();
        if (TryAcquireQuietly(root) is not { } stream)
        {
            return null;
        }

        var holderPath = Path.Combine(root, HolderFileName);
        var temporary = holderPath + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        FileModes.WriteAllText(temporary, string.Join('\t',
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), operation, user, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), IsShared(root));
        File.Move(temporary, holderPath, overwrite: true);
        return new WriteLock(stream, holderPath);
    }

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> for another writer to finish (telling
    /// <paramref name="onWaiting"/> whom it waits for); throws <see cref="WorkspaceBusyException"/>
    /// when the writer is still at work after that.
    /// </summary>
    public static WriteLock Acquire(string root, string operation, string user, TimeSpan wait, Action<string>? onWaiting = null)
    {
        if (TryAcquire(root, operation, user) is { } taken)
        {
            return taken;
        }

        if (wait > TimeSpan.Zero)
        {
            onWaiting?.Invoke($"waiting for {Holder(root)} to finish (up to {wait.TotalSeconds:0} s)…");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < wait)
            {
                Thread.Sleep(Poll);
                if (TryAcquire(root, operation, user) is { } later)
                {
                    return later;
                }
            }

            throw new WorkspaceBusyException($"cannot {operation}: {Holder(root)} is still writing this workspace after {wait.TotalSeconds:0} s; " +
                "Lantern lets one process write at a time. Run again when it has finished, or wait longer with --wait SECONDS");
        }

        throw new WorkspaceBusyException($"cannot {operation}: {Holder(root)} is writing this workspace, and Lantern lets one process write at a time. " +
            "Run again when it has finished, or pass --wait SECONDS to wait for it");
    }

    /// <summary>Whether some process holds the lock now.</summary>
    public static bool IsHeld(string root)
    {
        using var probe = TryAcquireQuietly(root);
        return probe is null;
    }

    /// <summary>Who holds the lock, as the holder recorded it: "the ingest by ana (PID 4242, since 15:31:02 UTC)".</summary>
    public static string Holder(string root)
    {
        try
        {
            var parts = File.ReadAllText(Path.Combine(root, HolderFileName)).Split('\t');
            if (parts.Length == 4 && DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                return $"the {parts[1]} by {parts[2]} (PID {parts[0]}, since {since.UtcDateTime:HH:mm:ss} UTC)";
            }
        }
        catch (IOException)
        {
            // The holder has not written its name yet, or has just finished.
        }

        return "another Lantern process";
    }

    private static FileStream? TryAcquireQuietly(string root)
    {
        RefuseWithoutFileLocking();
        var shared = IsShared(root);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileModes.File(shared);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(root, FileName), options);
        }
        catch (IOException exception) when (HeldResults.Contains(exception.HResult))
        {
            return null;
        }

        if (shared && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(stream.SafeFileHandle) & UnixFileMode.GroupWrite) == 0)
        {
            // The umask took the group's write bit; the group's other members need it to take the lock.
            File.SetUnixFileMode(stream.SafeFileHandle, FileModes.File(shared));
        }

        return stream;
    }

    private static bool IsShared(string root) => FileModes.IsShared(Path.Combine(root, Workspace.DatabaseFileName));

    /// <summary>.NET can be told to skip file locks (DOTNET_SYSTEM_IO_DISABLEFILELOCKING); then the lock would guard nothing.</summary>
    private static void RefuseWithoutFileLocking()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        if ((AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
            || string.Equals(variable, "1", StringComparison.Ordinal) || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException("file locking is turned off for .NET (DOTNET_SYSTEM_IO_DISABLEFILELOCKING); Lantern needs it to keep two writers apart — unset it");
        }
    }

    public void Dispose()
    {
        File.Delete(holderPath);
        stream.Dispose();
    }
}
