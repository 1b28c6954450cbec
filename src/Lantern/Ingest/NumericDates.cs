using System.Globalization;
using System.Text.RegularExpressions;

namespace Lantern.Ingest;

/// <summary>How a file writes its slash dates: 04/11/2026 is 4 November day-first, 11 April month-first.</summary>
internal enum SlashDateOrder
{
    MonthFirst,
    DayFirst,
}

/// <summary>What <see cref="NumericDates.TryParse"/> made of a value.</summary>
internal enum NumericDateOutcome
{
    /// <summary>Not a numeric date it reads (ISO, RFC 1123, a month-first slash date with another time…): the general parse decides.</summary>
    OtherForm,

    Parsed,

    /// <summary>Written as a dotted (or day-first slash) date, but not a valid one: no date at all, never another reading.</summary>
    Invalid,
}

/// <summary>
/// Numeric dates the invariant culture reads wrongly. A dotted date (11.04.2026) is day-first wherever it
/// is written (German, Dutch, Russian, Polish, Czech… forums), so it is read day-first or not at all.
/// A slash date (04/11/2026) is day-first in Europe and month-first in the US: its file decides
/// (<see cref="SlashDateSurvey"/>).
/// </summary>
internal static partial class NumericDates
{
    /// <summary>Two one- or two-digit numbers and a year, split by the same '.' or '/', then whatever follows.</summary>
    [GeneratedRegex(@"^(?<first>[0-9]{1,2})(?<separator>[./])(?<second>[0-9]{1,2})\k<separator>(?<year>[0-9]+)(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DatePrefix();

    /// <summary>
    /// The time after a date: a comma or spaces, then H:mm or H:mm:ss (with a fraction), an optional
    /// am/pm and an optional zone (Z, UTC, GMT, ±hh, ±hhmm, ±hh:mm; none is UTC).
    /// </summary>
    [GeneratedRegex(@"^(?:\s*,\s*|\s+)(?<hour>[0-9]{1,2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]{1,7}))?)?(?:\s*(?<half>[AaPp])\.?[Mm]\.?)?(?:\s*(?<zone>Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeAfterDate();

    /// <summary>The two numbers before the year of a slash date (04/11/2026 → 4, 11), if <paramref name="raw"/> is one: a two- or four-digit year.</summary>
    public static bool TrySlashNumbers(string? raw, out int first, out int second)
    {
        first = second = 0;
        var trimmed = raw?.Trim();
        if (trimmed is null || trimmed.Length < 5 || !char.IsAsciiDigit(trimmed[0]))
        {
            return false;
        }

        var match = DatePrefix().Match(trimmed);
        if (!match.Success || match.Groups["separator"].Value != "/" || match.Groups["year"].Length is not (2 or 4))
        {
            return false;
        }

        first = int.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture);
        second = int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// Reads a dotted date day-first, and a slash date in <paramref name="slashes"/> order; a month-first
    /// slash date it cannot read is left to the general parse, which has always read them month-first.
    /// </summary>
    public static NumericDateOutcome TryParse(string raw, SlashDateOrder slashes, out DateTimeOffset value)
    {
        value = default;
        if (raw.Length < 5 || !char.IsAsciiDigit(raw[0]))
        {
            return NumericDateOutcome.OtherForm;
        }

        var match = DatePrefix().Match(raw);
        if (!match.Success)
        {
            return NumericDateOutcome.OtherForm;
        }

        if (match.Groups["separator"].Value == "/" && slashes == SlashDateOrder.MonthFirst)
        {
            return Read(match, dayFirst: false, out value) == NumericDateOutcome.Parsed ? NumericDateOutcome.Parsed : NumericDateOutcome.OtherForm;
        }

        return Read(match, dayFirst: true, out value);
    }

    private static NumericDateOutcome Read(Match match, bool dayFirst, out DateTimeOffset value)
    {
        value = default;
        var first = int.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture);
        var (day, month) = dayFirst ? (first, second) : (second, first);
        var yearText = match.Groups["year"].Value;
        if (yearText.Length is not (2 or 4) || month is < 1 or > 12 || day < 1)
        {
            return NumericDateOutcome.Invalid;
        }

        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (yearText.Length == 2)
        {
            year = CultureInfo.InvariantCulture.Calendar.ToFourDigitYear(year);
        }

        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return NumericDateOutcome.Invalid;
        }

        var rest = match.Groups["rest"].Value;
        if (rest.Trim().Length == 0)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return NumericDateOutcome.Parsed;
        }

        var time = TimeAfterDate().Match(rest);
        if (!time.Success || !TryTime(time, out var timeOfDay) || !TryZone(time.Groups["zone"].Value, out var offset))
        {
            return NumericDateOutcome.Invalid;
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified) + timeOfDay;
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            // 01.01.0001 00:00 +02:00 falls before the first instant a date can hold.
            return NumericDateOutcome.Invalid;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return NumericDateOutcome.Parsed;
    }

    private static bool TryTime(Match time, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        var hour = int.Parse(time.Groups["hour"].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(time.Groups["minute"].ValueSpan, CultureInfo.InvariantCulture);
        var second = time.Groups["second"].Success ? int.Parse(time.Groups["second"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var ticks = time.Groups["fraction"].Success ? long.Parse(time.Groups["fraction"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        if (time.Groups["half"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = hour % 12 + (char.ToLowerInvariant(time.Groups["half"].Value[0]) == 'p' ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        timeOfDay = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone.Length == 0 || zone is "Z" or "UTC" or "GMT")
        {
            return true;
        }

        var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        var hours = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minutes = digits.Length == 4 ? int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        return true;
    }
}

/// <summary>
/// The slash dates of one file, counted to decide how all of them are read: a first number above 12
/// (20/04/2026) can only be day-first, a second one above 12 (04/20/2026) only month-first. One order
/// seen alone decides; with both or neither the invariant reading (month-first) is kept and said once.
/// </summary>
internal sealed class SlashDateSurvey
{
    private string? dayFirstExample;
    private string? monthFirstExample;
    private string? ambiguousExample;

    public int DayFirst { get; private set; }

    /// <summary>The survey of a file's date values, each with where it is.</summary>
    public static SlashDateSurvey Of(IEnumerable<(string? Date, RecordLocation Location)> dates)
    {
        var survey = new SlashDateSurvey();
        foreach (var (date, location) in dates)
        {
            survey.Add(date, location);
        }

        return survey;
    }

    public int MonthFirst { get; private set; }

    /// <summary>Slash dates that read as two different days (04/11/2026, not 05/05/2026).</summary>
    public int Ambiguous { get; private set; }

    public void Add(string? raw, RecordLocation location)
    {
        if (!NumericDates.TrySlashNumbers(raw, out var first, out var second))
        {
            return;
        }

        static bool IsMonth(int number) => number is >= 1 and <= 12;
        static bool IsDayOnly(int number) => number is >= 13 and <= 31;
        var example = $"'{raw!.Trim()}' at {location}";
        if (IsDayOnly(first) && IsMonth(second))
        {
            DayFirst++;
            dayFirstExample ??= example;
        }
        else if (IsMonth(first) && IsDayOnly(second))
        {
            MonthFirst++;
            monthFirstExample ??= example;
        }
        else if (IsMonth(first) && IsMonth(second) && first != second)
        {
            Ambiguous++;
            ambiguousExample ??= example;
        }
    }

    public SlashDateOrder Order => DayFirst > 0 && MonthFirst == 0 ? SlashDateOrder.DayFirst : SlashDateOrder.MonthFirst;

    /// <summary>What the report says when the file could not decide, else null.</summary>
    public string? Warning =>
        DayFirst > 0 && MonthFirst > 0
            ? $"slash dates disagree: {Count(DayFirst)} can only be day-first, as {dayFirstExample}, and {Count(MonthFirst)} only month-first, as {monthFirstExample}; " +
              "all were read month-first (MM/DD/YYYY), so the day-first ones have no date (kept as posted_at_unparsed)"
            : DayFirst == 0 && MonthFirst == 0 && Ambiguous > 0
                ? $"slash dates are ambiguous: {Count(Ambiguous)} read as other days day-first than month-first, as {ambiguousExample}, and none has a first or second number above 12 to tell the order; " +
                  "they were read month-first (MM/DD/YYYY), so 04/11/2026 is 11 April 2026"
                : null;

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
