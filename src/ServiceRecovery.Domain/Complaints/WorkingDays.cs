using System.Globalization;

namespace ServiceRecovery.Domain;

/// <summary>
/// The rules of a practice's opening days (a set of days of the week, stored as bits) and its own closure days
/// (one date, or a range "2026-12-24 to 2027-01-02", a line).
/// </summary>
public static class WorkingDays
{
    public const string OpeningField = "OpeningDays";
    public const string ClosureField = "ClosureDays";
    public const int MaxLines = 100;
    public const int MaxRangeDays = 62;
    public const int StoredLength = MaxLines * 25;

    /// <summary>Monday to Friday.</summary>
    public const int DefaultOpeningDays = (1 << (int)DayOfWeek.Monday) | (1 << (int)DayOfWeek.Tuesday) | (1 << (int)DayOfWeek.Wednesday)
        | (1 << (int)DayOfWeek.Thursday) | (1 << (int)DayOfWeek.Friday);

    /// <summary>Monday first, as a practice's week is read.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static IReadOnlyList<DayOfWeek> Days(int bits) => [.. Week.Where(d => (bits & (1 << (int)d)) != 0)];

    public static int Bits(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (bits, d) => bits | (1 << (int)d));

    /// <summary>The closure days as stored (already checked), every day of every range.</summary>
    public static IReadOnlyList<DateOnly> ClosureDates(string? stored) => [.. Lines(stored).SelectMany(line => Expand(line.Text, line.Number))];

    /// <summary>The closure list as the practice keeps it (one normalised line each), or the refusal naming the line at fault.</summary>
    public static string CheckClosures(string? lines)
    {
        var items = Lines(lines).ToList();
        if (items.Count > MaxLines)
        {
            throw DomainRuleException.For(ClosureField, $"List at most {MaxLines} closure lines; there are {items.Count}.");
        }

        return string.Join('\n', items.Select(line => Normalised(line.Text, line.Number)));
    }

    private static IEnumerable<(string Text, int Number)> Lines(string? lines) =>
        (lines ?? "").ReplaceLineEndings("\n").Split('\n')
            .Select((text, index) => (Text: text.Trim(), Number: index + 1))
            .Where(line => line.Text.Length > 0);

    private static string Normalised(string line, int number)
    {
        var days = Expand(line, number);
        return days.Count == 1 ? Format(days[0]) : $"{Format(days[0])} to {Format(days[^1])}";
    }

    private static List<DateOnly> Expand(string line, int number)
    {
        var parts = line.Split(" to ", 2, StringSplitOptions.TrimEntries);
        var first = Parse(parts[0], line, number);
        var last = parts.Length == 2 ? Parse(parts[1], line, number) : first;
        if (last < first)
        {
            throw DomainRuleException.For(ClosureField, $"Line {number}, \"{Shown(line)}\": the range ends before it starts.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            throw DomainRuleException.For(ClosureField, $"Line {number}, \"{Shown(line)}\": a range may cover at most {MaxRangeDays} days.");
        }

        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
    }

    private static DateOnly Parse(string text, string line, int number) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw DomainRuleException.For(ClosureField,
                $"Line {number}, \"{Shown(line)}\", is not a date: write one date a line as 2026-12-24, or a range as 2026-12-24 to 2027-01-02.");

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The bad line as typed, cut short so the message stays readable.</summary>
    private static string Shown(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
