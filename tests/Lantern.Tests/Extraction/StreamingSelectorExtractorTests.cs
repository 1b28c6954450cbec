using System.Text;
using Lantern.Extraction;

namespace Lantern.Tests.Extraction;

public sealed class StreamingSelectorExtractorTests
{
    [Fact]
    public void ASelectorAcrossAChunkBoundaryIsFoundOnceWithOffsetsIntoTheWholeInput()
    {
        var prefix = string.Concat(Enumerable.Repeat("word ", 11));
        var text = prefix + "dealer@example.com is the contact " + string.Concat(Enumerable.Repeat("filler ", 40));

        var mentions = StreamingSelectorExtractor.Extract(new StringReader(text), null, chunkChars: 64, overlapChars: 32).ToList();

        var email = Assert.Single(mentions, mention => mention.Type == "email");
        Assert.Equal(prefix.Length, email.Start);
        Assert.True(email.Start < 64 && email.End > 64);
        Assert.Equal("dealer@example.com", text[email.Start..email.End]);
    }

    [Fact]
    public void AMultiChunkInputGivesTheSameMentionsAsTheWholeText()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            text.Append(new string(' ', i % 7)).Append($"mail vendor{i}@example.org or see https://shop{i}.example.com/item/{i} ");
            text.Append(i % 3 == 0 ? "telegram @dealer_" + i + "\n" : "call +31 20 123 4567 🙂 ");
        }

        var whole = SelectorExtractor.Extract(text.ToString(), new ExtractionContext("NL", false)).Mentions;
        var streamed = StreamingSelectorExtractor.Extract(new StringReader(text.ToString()), new ExtractionContext("NL", false), chunkChars: 997, overlapChars: 200).ToList();

        Assert.True(text.Length > 20 * 997);
        Assert.Equal(whole.Select(Describe), streamed.Select(Describe));
    }

    private static string Describe(Mention mention) => $"{mention.Type}:{mention.Value}@{mention.Start}-{mention.End}";
}
