using Lantern.Demo;
using Lantern.Extraction;
using Lantern.Extraction.Types;

namespace Lantern.Tests.Extraction;

/// <summary>The selector-type registry agrees with the extractor: every value the extractor accepts is one its type accepts, written the same way.</summary>
public sealed class SelectorTypeTests
{
    [Fact]
    public void EverySelectorTypeHasItsOneDefinition()
    {
        Assert.Equal(SelectorTypes.All.Order(StringComparer.Ordinal), SelectorTypeRegistry.All.Select(type => type.Name).Order(StringComparer.Ordinal));
        Assert.All(SelectorTypeRegistry.All, type => Assert.False(string.IsNullOrWhiteSpace(type.Label)));
    }

    [Fact]
    public void EveryValueTheExtractorFindsInTheDemoCaseIsValidAndAlreadyCanonical()
    {
        using var folder = new Support.TempFolder();
        var manifest = DemoCorpus.Generate(folder.Path);
        var texts = manifest.Files.SelectMany(File.ReadLines).Take(5_000).ToList();
        var mentions = texts.SelectMany(text => SelectorExtractor.Extract(text, new ExtractionContext("NL")).Mentions).Where(mention => mention.Confidence >= MentionConfidence.Linkable).ToList();

        Assert.NotEmpty(mentions);
        Assert.All(mentions, mention =>
        {
            var type = SelectorTypeRegistry.Get(mention.Type);
            Assert.True(type.Problem(mention.Value) is null, $"{mention.Type}:{mention.Value} found by the extractor ({mention.Rule}) but refused: {type.Problem(mention.Value)}");
            Assert.Equal(mention.Value, type.Normalize(mention.Value, "NL"));
        });
    }

    [Theory]
    [InlineData("btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", null)]
    [InlineData("btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx", "checksum")]
    [InlineData("btc", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", null)]
    [InlineData("btc", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "checksum")]
    [InlineData("onion", "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion", null)]
    [InlineData("onion", "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion", "checksum")]
    [InlineData("email", "vendor@protonmail.com", null)]
    [InlineData("email", "vendor.protonmail.com", "well-formed")]
    [InlineData("pgp", "0123456789ABCDEF0123456789ABCDEF01234567", null)]
    [InlineData("telegram", "ab", "5 to 32")]
    public void ATypedValueIsCheckedAsItsTypeSays(string typeName, string value, string? problemMentions)
    {
        var type = SelectorTypeRegistry.Get(typeName);

        var problem = type.Problem(type.Normalize(value, null));

        if (problemMentions is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(problemMentions, problem, StringComparison.Ordinal);
        }
    }
}
