using Lantern.Search;
using Lantern.Tests.Support;

namespace Lantern.Tests.Search;

/// <summary>Street names that are also everyday words expand only near drug context.</summary>
public sealed class SlangContextTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public SlangContextTests()
    {
        workspace.Ingest(workspace.Folder.File("mixed.jsonl", """
            {"id":"on1","site":"m","author":"a","text":"Pure crack rocks, 1g for 80 EUR, stealth shipping"}
            {"id":"on2","site":"m","author":"b","text":"Best charlie in town, 3.5g uncut, ships from NL"}
            {"id":"on3","site":"m","author":"c","text":"yellow bars 2mg x10, fast delivery"}
            {"id":"off1","site":"w","author":"d","text":"Adobe Photoshop 2021 crack with keygen, free download, works on Windows 10"}
            {"id":"off2","site":"w","author":"e","text":"Ice cold Coca-Cola in glass bottles, the real thing since 1886"}
            {"id":"off3","site":"w","author":"f","text":"Charlie and his sister went to the seaside for the weekend"}
            {"id":"off4","site":"w","author":"g","text":"The chocolate bars at the corner shop taste of childhood"}
            {"id":"off5","site":"w","author":"h","text":"Bolivian and Peruvian cuisine share potatoes and quinoa"}

            """));
    }

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("cocaine", new[] { "on1", "on2" })]
    [InlineData("alprazolam", new[] { "on3" })]
    public void AmbiguousStreetNamesMatchOnlyNearDrugContext(string query, string[] expected)
    {
        var hits = workspace.Search(query, expand: true).Hits.Select(hit => hit.SourceId).Order(StringComparer.Ordinal);

        Assert.Equal(expected, hits);
    }

    [Fact]
    public void EachHitSaysWhichExpandedTermsItMatched()
    {
        var hits = workspace.Search("cocaine", expand: true).Hits.ToDictionary(hit => hit.SourceId!);

        Assert.Equal(["crack"], hits["on1"].MatchedTerms);
        Assert.Equal(["charlie"], hits["on2"].MatchedTerms);
    }

    [Fact]
    public void ATypedAmbiguousWordMatchesAnywhere()
    {
        // Typed, "crack" matches the cracked software too; its expansion (charlie) still needs context.
        Assert.Equal(["off1", "on1", "on2"], workspace.Search("crack", expand: true).Hits.Select(hit => hit.SourceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheLexiconMarksAmbiguousTermsAndNamesItsContext()
    {
        var lexicon = SlangLexicon.Default;

        Assert.True(lexicon.NeedsContext("crack"));
        Assert.True(lexicon.NeedsContext("8 ball"));
        Assert.False(lexicon.NeedsContext("cocaine"));
        Assert.Contains("stealth", lexicon.ContextTerms);
        Assert.Contains("cocaine", lexicon.ContextTerms);
        Assert.DoesNotContain("crack", lexicon.ContextTerms);
    }
}
