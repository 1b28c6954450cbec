namespace Lantern.Tests.Support;

/// <summary>
/// Test vectors and reference data kept in the repository (tests/Lantern.Tests/Vectors and Data, each with its
/// sources and licences), copied beside the test assembly by the build.
/// </summary>
public static class TestData
{
    public static string Vectors(string name) => Path.Combine(AppContext.BaseDirectory, "Vectors", name);

    public static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "Data", relative);
}
