namespace Lantern.Storage;

/// <summary>
/// Permissions of what Lantern writes: a workspace holds seized material and password hashes, so its
/// files are the owner's alone (0600, folders 0700) unless the case was created to be shared with the
/// folder's group (<c>lantern init --share-group</c>: 0660, folders 2770 so new files keep the group).
/// </summary>
internal static class FileModes
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode Traverse = UnixFileMode.UserExecute;

    public static UnixFileMode File(bool shared) => shared ? Owner | Group : Owner;

    public static UnixFileMode Folder(bool shared) =>
        shared ? Owner | Traverse | Group | UnixFileMode.GroupExecute | UnixFileMode.SetGroup : Owner | Traverse;

    /// <summary>Whether an existing workspace file was created group-shared.</summary>
    public static bool IsShared(string path) =>
        !OperatingSystem.IsWindows() && System.IO.File.Exists(path) && (System.IO.File.GetUnixFileMode(path) & UnixFileMode.GroupWrite) != 0;

    public static void CreateFolder(string path, bool shared)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Folder(shared));
        // CreateDirectory's mode is masked by the umask; set it exactly.
        System.IO.File.SetUnixFileMode(path, Folder(shared));
    }

    /// <summary>Creates an empty file with the mode from the start, so its content is never readable by others.</summary>
    public static void CreateEmpty(string path, bool shared)
    {
        using (Open(path, FileMode.CreateNew, shared))
        {
        }
    }

    /// <summary>
    /// Writes a small file and forces it to disk before returning, so a file renamed over another
    /// afterwards (the audit head) is never, after a power cut, an empty or partly written one.
    /// </summary>
    public static void WriteAllText(string path, string text, bool shared)
    {
        using var stream = Open(path, FileMode.Create, shared);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static FileStream Open(string path, FileMode mode, bool shared)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File(shared);
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is masked by the umask too; a shared case needs the group bits whatever it is.
            System.IO.File.SetUnixFileMode(stream.SafeFileHandle, File(shared));
        }

        return stream;
    }
}
