using Lantern.Cli.Commands;

namespace Lantern.Tests.Cli;

public sealed class HumanOutputTests
{
    [Fact]
    public void ALongSiteOrAuthorIsShortenedWithAnEllipsisAndAShortOneKeptWhole()
    {
        var shortened = SearchCommand.Shorten(new string('a', 40_000));

        Assert.Equal(120, shortened.Length);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.Equal("darkshop.onion", SearchCommand.Shorten("darkshop.onion"));
        Assert.False(char.IsHighSurrogate(SearchCommand.Shorten(new string('a', 118) + "😀😀")[^2]));
    }
}
