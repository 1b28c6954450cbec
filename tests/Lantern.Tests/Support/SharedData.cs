namespace Lantern.Tests.Support;

/// <summary>The read-only shared folder beside the project: test vectors and reference data, read in place.</summary>
public static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string Vectors(string name) => Path.Combine(Root, "vectors", name);

    public static string Data(string relative) => Path.Combine(Root, "data", relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "vectors")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no shared/ folder with vectors above the test output folder");
    }
}
