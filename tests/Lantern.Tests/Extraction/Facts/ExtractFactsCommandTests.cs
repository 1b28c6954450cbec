using System.Text.Json;
using Lantern.Tests.Support;

namespace Lantern.Tests.Extraction.Facts;

/// <summary><c>lantern extract --facts</c>: listing facts without a workspace, as an analyst runs it on a list of titles.</summary>
public sealed class ExtractFactsCommandTests
{
    [Fact]
    public void EachLineIsAListingAndJsonFollowsTheFactsShape()
    {
        var result = LanternProcess.RunWithInput(Path.GetTempPath(), "10x Xanax 2mg bars (Greenstone)\n\nOxyContin 80mg x 50 USA-USA $25 each\nhello world\n", "extract", "--facts", "--lines", "--json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var xanax = lines[0];
        Assert.Equal(1, xanax.GetProperty("line").GetInt32());
        var item = xanax.GetProperty("items")[0];
        Assert.Equal("alprazolam", item.GetProperty("drug").GetString());
        Assert.Equal("benzodiazepine", item.GetProperty("class").GetString());
        Assert.Equal(2m, item.GetProperty("strength").GetProperty("value").GetDecimal());
        Assert.Equal("mg", item.GetProperty("strength").GetProperty("unit").GetString());
        Assert.Equal("tablet", item.GetProperty("form").GetString());
        Assert.Equal(10m, item.GetProperty("quantity").GetProperty("value").GetDecimal());
        Assert.Equal("unit", item.GetProperty("quantity").GetProperty("unit").GetString());
        Assert.Equal(4, item.GetProperty("start").GetInt32());
        Assert.Equal(9, item.GetProperty("end").GetInt32());
        var oxycontin = lines[1];
        Assert.Equal(3, oxycontin.GetProperty("line").GetInt32());
        Assert.Equal("US", oxycontin.GetProperty("ships_from")[0].GetString());
        Assert.Equal("US", oxycontin.GetProperty("ships_to")[0].GetString());
        Assert.Equal("USD", oxycontin.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal("unit", oxycontin.GetProperty("unit_price").GetProperty("per").GetString());
        Assert.Contains(oxycontin.GetProperty("indicators").EnumerateArray(), indicator => indicator.GetProperty("kind").GetString() == "prescription_medicine");
    }

    [Fact]
    public void LinesWithoutFactsIsABadUsage()
    {
        var result = LanternProcess.RunWithInput(Path.GetTempPath(), "x", "extract", "--lines");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--lines goes with --facts", result.Stderr, StringComparison.Ordinal);
    }
}
