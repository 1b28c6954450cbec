using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Tests.Support;

namespace Lantern.Tests.Ingest;

/// <summary>Numeric dates as forums write them (tests/Lantern.Tests/Fixtures/Dates): dotted day-first, slash dates as their file decides.</summary>
public sealed class DateTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dates", name);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static Dictionary<string, Document> BySourceId(TestWorkspace workspace) =>
        workspace.Store.After(0).ToDictionary(document => document.SourceId!);

    [Fact]
    public void GermanForumCsvReadsDottedDatesDayFirstAndIsoAsBefore()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("german-forum.csv"));

        Assert.Equal(7, report.Added);
        Assert.Empty(report.Problems);
        var posts = BySourceId(workspace);
        Assert.Equal(Utc(2026, 4, 11, 14, 5), posts["1001"].PostedAt);
        Assert.Equal(Utc(2026, 4, 20, 9, 30), posts["1002"].PostedAt);
        Assert.Equal(Utc(2026, 5, 3, 7, 15, 42), posts["1003"].PostedAt);
        Assert.Equal(Utc(2026, 5, 6, 21, 0), posts["1004"].PostedAt);
        Assert.Equal(Utc(2026, 4, 1), posts["1005"].PostedAt);
        Assert.Null(posts["1006"].PostedAt);
        Assert.Equal("32.13.2026 10:00", posts["1006"].Metadata!["posted_at_unparsed"]);
        Assert.Equal(Utc(2026, 4, 22, 8, 0), posts["1007"].PostedAt);
    }

    [Fact]
    public void DottedDatesInJsonLinesAreDayFirstWithTheirZoneAndAnImpossibleDayIsNoDate()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("dotted.jsonl"));

        Assert.Equal(3, report.Added);
        Assert.Empty(report.Problems);
        var posts = BySourceId(workspace);
        Assert.Equal(Utc(2026, 4, 11, 14, 5), posts["d1"].PostedAt);
        Assert.Equal(Utc(2026, 4, 20, 20, 59, 59), posts["d2"].PostedAt);
        Assert.Null(posts["d3"].PostedAt);
        Assert.Equal("31.04.2026", posts["d3"].Metadata!["posted_at_unparsed"]);
    }

    [Fact]
    public void CsvWithOneSlashDateAbove12FirstReadsEverySlashDateDayFirst()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("slash-day-first.csv"));

        Assert.Equal(4, report.Added);
        Assert.Empty(report.Problems);
        var listings = BySourceId(workspace);
        Assert.Equal(Utc(2026, 11, 4, 10, 0), listings["a1"].PostedAt);
        Assert.Equal(Utc(2026, 4, 20, 14, 5), listings["a2"].PostedAt);
        Assert.Equal(Utc(2026, 5, 5), listings["a3"].PostedAt);
        Assert.Equal(Utc(2026, 3, 1), listings["a4"].PostedAt);
    }

    [Fact]
    public void JsonLinesWithASlashDateAbove12SecondReadsEverySlashDateMonthFirst()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("slash-month-first.jsonl"));

        Assert.Equal(3, report.Added);
        Assert.Empty(report.Problems);
        var listings = BySourceId(workspace);
        Assert.Equal(Utc(2026, 4, 11, 10, 0), listings["m1"].PostedAt);
        Assert.Equal(Utc(2026, 4, 20, 14, 5), listings["m2"].PostedAt);
        Assert.Equal(Utc(2026, 3, 1, 12, 0), listings["m3"].PostedAt);
    }

    [Fact]
    public void AmbiguousSlashDatesAreReadMonthFirstAndSaidOnceNamingTheFile()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("slash-ambiguous.csv"));

        Assert.Equal(3, report.Added);
        var warning = Assert.Single(report.Problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.EndsWith("slash-ambiguous.csv", warning.File, StringComparison.Ordinal);
        Assert.Contains("ambiguous", warning.Message, StringComparison.Ordinal);
        Assert.Contains("month-first", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'04/11/2026' at record 1 (line 2)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Errors);
        var listings = BySourceId(workspace);
        Assert.Equal(Utc(2026, 4, 11), listings["b1"].PostedAt);
        Assert.Equal(Utc(2026, 3, 2), listings["b2"].PostedAt);
        Assert.Equal(Utc(2026, 1, 15), listings["b3"].PostedAt);
    }

    [Fact]
    public void SlashDatesThatDisagreeKeepTheMonthFirstReadingAndSaySo()
    {
        using var workspace = new TestWorkspace();

        var report = workspace.Ingest(Fixture("slash-conflicting.jsonl"));

        Assert.Equal(3, report.Added);
        var warning = Assert.Single(report.Problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("disagree", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'20/04/2026' at line 1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'04/20/2026' at line 2", warning.Message, StringComparison.Ordinal);
        var posts = BySourceId(workspace);
        Assert.Null(posts["c1"].PostedAt);
        Assert.Equal("20/04/2026", posts["c1"].Metadata!["posted_at_unparsed"]);
        Assert.Equal(Utc(2026, 4, 20), posts["c2"].PostedAt);
        Assert.Equal(Utc(2026, 4, 21, 8, 0), posts["c3"].PostedAt);
    }

    [Fact]
    public void TheFileDecidesNotTheRecord()
    {
        using var workspace = new TestWorkspace();
        var european = workspace.Folder.File("eu.csv", "id,author,text,date\n1,a,first post,04/11/2026\n2,a,second post,25/12/2026\n");
        var american = workspace.Folder.File("us.csv", "id,author,text,date\n1,b,first post,04/11/2026\n2,b,second post,12/25/2026\n");

        var report = workspace.Ingest(new IngestRequest([european, american]));

        Assert.Empty(report.Problems);
        var posts = workspace.Store.After(0).ToDictionary(document => (document.Author!, document.SourceId!));
        Assert.Equal(Utc(2026, 11, 4), posts[("a", "1")].PostedAt);
        Assert.Equal(Utc(2026, 12, 25), posts[("a", "2")].PostedAt);
        Assert.Equal(Utc(2026, 4, 11), posts[("b", "1")].PostedAt);
        Assert.Equal(Utc(2026, 12, 25), posts[("b", "2")].PostedAt);
    }

    [Fact]
    public void SlashedNumbersWithoutATwoOrFourDigitYearAreNoSlashDatesToDecideFrom()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("sizes.csv", "id,author,text,date\n1,a,first post,1/2/3\n2,a,second post,3/4/2026 10:00\n3,a,third post,12/1/26\n");

        var report = workspace.Ingest(path);

        Assert.Equal(3, report.Added);
        var warning = Assert.Single(report.Problems);
        Assert.Contains("ambiguous", warning.Message, StringComparison.Ordinal);
        Assert.Contains("2 read as other days", warning.Message, StringComparison.Ordinal);
        var posts = BySourceId(workspace);
        Assert.Equal(Utc(2026, 3, 4, 10, 0), posts["2"].PostedAt);
        Assert.Equal(Utc(2026, 12, 1), posts["3"].PostedAt);
    }

    [Fact]
    public void DatesDecideSinceAndUntilSearches()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(Fixture("german-forum.csv"));

        var april = workspace.Search("posted_at:[2026-04-10 TO 2026-04-30]").Hits.Select(hit => hit.Title).ToList();

        Assert.Equal(3, april.Count);
        Assert.DoesNotContain(workspace.Search("posted_at:[2026-11-01 TO 2026-11-30]").Hits, hit => true);
    }

    [Theory]
    [InlineData("11.04.2026", "2026-04-11T00:00:00Z")]
    [InlineData("20.04.2026 14:05", "2026-04-20T14:05:00Z")]
    [InlineData("1.4.2026, 9:05", "2026-04-01T09:05:00Z")]
    [InlineData("01.04.26 09:05:07", "2026-04-01T09:05:07Z")]
    [InlineData("29.02.2024", "2024-02-29T00:00:00Z")]
    [InlineData("11.04.2026 14:05 +02:00", "2026-04-11T12:05:00Z")]
    [InlineData("11.04.2026 14:05 UTC", "2026-04-11T14:05:00Z")]
    [InlineData(" 11.04.2026 ", "2026-04-11T00:00:00Z")]
    [InlineData("2026-04-11T14:05:00Z", "2026-04-11T14:05:00Z")]
    [InlineData("2026-04-11 14:05", "2026-04-11T14:05:00Z")]
    [InlineData("Sat, 11 Apr 2026 14:05:00 GMT", "2026-04-11T14:05:00Z")]
    [InlineData("1775916300", "2026-04-11T14:05:00Z")]
    [InlineData("04/11/2026", "2026-04-11T00:00:00Z")]
    [InlineData("04/11/2026 14:05 UTC", "2026-04-11T14:05:00Z")]
    [InlineData("4/11/26 2:05 PM", "2026-04-11T14:05:00Z")]
    public void DatesAreReadAsWritten(string raw, string expected)
    {
        Assert.True(RecordFields.TryParseDate(raw, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("32.13.2026")]
    [InlineData("20.13.2026")]
    [InlineData("29.02.2025")]
    [InlineData("00.04.2026")]
    [InlineData("11.04.202")]
    [InlineData("11.04.2026 24:00")]
    [InlineData("11.04.2026 14:05 Uhr")]
    [InlineData("11.04.2026abc")]
    [InlineData("01.01.0001 00:00 +02:00")]
    [InlineData("31.12.9999 23:00 -02:00")]
    public void DottedValuesThatAreNoDayFirstDateAreNoDate(string raw) =>
        Assert.False(RecordFields.TryParseDate(raw, out _));

    [Theory]
    [InlineData("04/11/2026 2:05 pm", "2026-11-04T14:05:00Z")]
    [InlineData("20/04/26", "2026-04-20T00:00:00Z")]
    [InlineData("20/04/2026, 14:05:30", "2026-04-20T14:05:30Z")]
    public void DayFirstFilesReadSlashDatesDayFirst(string raw, string expected)
    {
        Assert.True(RecordFields.TryParseDate(raw, SlashDateOrder.DayFirst, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.False(RecordFields.TryParseDate("04/20/2026", SlashDateOrder.DayFirst, out _));
    }
}
