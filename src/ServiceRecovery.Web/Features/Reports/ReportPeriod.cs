using System.Globalization;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The days a report covers, both inclusive. They are calendar days at each practice: a practice's report
/// runs from its own midnight on <see cref="From"/> to its own midnight after <see cref="To"/>.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const int MaxYears = 5;
    public const string DateFormat = "yyyy-MM-dd";

    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The first day of each calendar month the period touches, in order.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var months = new List<DateOnly>();
            for (var month = FirstOfMonth(From); month <= To; month = month.AddMonths(1))
            {
                months.Add(month);
            }

            return months;
        }
    }

    /// <summary>The last twelve calendar months up to today: from the 1st of the month eleven months ago, this month so far included.</summary>
    public static ReportPeriod Default(DateOnly today) => new(FirstOfMonth(today).AddMonths(-11), today);

    /// <summary>Reads the dates of the query string (yyyy-MM-dd, as a date input sends them); a missing date takes its default.</summary>
    public static (ReportPeriod? Period, IReadOnlyList<ReportProblem> Problems) Parse(string? from, string? to, DateOnly today)
    {
        var problems = new List<ReportProblem>();
        var fromDate = Read(from, "from", "The 'from' date", problems);
        var toDate = Read(to, "to", "The 'to' date", problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var end = toDate ?? (fromDate is { } f && f > today ? f : today);
        var start = fromDate ?? FirstOfMonth(end).AddMonths(-11);
        if (end < start)
        {
            problems.Add(new ReportProblem("to", "The 'to' date is before the 'from' date. Choose a 'to' date on or after the 'from' date."));
        }
        else if (end >= start.AddYears(MaxYears))
        {
            problems.Add(new ReportProblem("from", $"Choose a period of at most {MaxYears} years."));
        }

        return problems.Count > 0 ? (null, problems) : (new ReportPeriod(start, end), problems);
    }

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? Read(string? text, string field, string label, List<ReportProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add(new ReportProblem(field, $"{label} is not a date. Use the date picker, or write it as 2026-01-31."));
            return null;
        }

        if (day < Earliest || day > Latest)
        {
            problems.Add(new ReportProblem(field, $"{label} must be between {Format(Earliest)} and {Format(Latest)}."));
            return null;
        }

        return day;
    }
}

/// <summary>Something wrong with the report's inputs, shown at the top of the page and linked to its field.</summary>
public sealed record ReportProblem(string Field, string Message);
