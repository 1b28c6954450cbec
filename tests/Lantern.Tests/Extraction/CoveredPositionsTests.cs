using Lantern.Extraction;

namespace Lantern.Tests.Extraction;

public sealed class CoveredPositionsTests
{
    [Fact]
    public void AnswersAsAScanOfEveryMarkedSpanWould()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var length = random.Next(1, 400);
            var positions = new CoveredPositions(length);
            var spans = new List<(int Start, int End)>();
            for (var step = 0; step < 60; step++)
            {
                var start = random.Next(-5, length + 5);
                var end = start + random.Next(0, 90);
                if (random.Next(3) == 0)
                {
                    positions.Mark(start, end);
                    spans.Add((start, end));
                }
                else
                {
                    var expected = Enumerable.Range(Math.Max(start, 0), Math.Max(0, Math.Min(end, length) - Math.Max(start, 0)))
                        .Any(position => spans.Any(span => position >= span.Start && position < span.End));
                    Assert.Equal(expected, positions.Any(start, end));
                }
            }
        }
    }
}
