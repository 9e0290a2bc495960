namespace ServiceRecovery.Domain;

/// <summary>
/// The practice's working days: its opening days of the week, less the public holidays of its region and its own
/// closure days. Complaint clocks count on it; it is built when a clock is computed and holds no I/O.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>No clock runs further than this: a calendar with no working day in ten years is a mistake, not a clock.</summary>
    private const int MaxDaysSearched = 3660;

    private readonly HashSet<DayOfWeek> _openingDays;
    private readonly HolidayRegion? _region;
    private readonly HashSet<DateOnly> _closures;
    private readonly Dictionary<int, HashSet<DateOnly>> _holidays = [];

    public WorkingCalendar(IEnumerable<DayOfWeek> openingDays, HolidayRegion? region, IEnumerable<DateOnly>? closureDays = null)
    {
        _openingDays = [.. openingDays];
        if (_openingDays.Count == 0)
        {
            throw DomainRuleException.For(WorkingDays.OpeningField, "Choose at least one opening day.");
        }

        _region = region;
        _closures = [.. closureDays ?? []];
    }

    public bool IsPublicHoliday(DateOnly date) => _region is { } region && HolidaysOf(region, date.Year).Contains(date);

    public bool IsWorkingDay(DateOnly date) => _openingDays.Contains(date.DayOfWeek) && !_closures.Contains(date) && !IsPublicHoliday(date);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="date"/> (the day itself never counts); the date itself for 0.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = date;
        for (var counted = 0; counted < days;)
        {
            day = Step(day, date, +1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The date when it is a working day, else the working day before it.</summary>
    public DateOnly OnOrBefore(DateOnly date)
    {
        var day = date;
        while (!IsWorkingDay(day))
        {
            day = Step(day, date, -1);
        }

        return day;
    }

    /// <summary>The last working day before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date) => OnOrBefore(date.AddDays(-1));

    /// <summary>How many working days there are from <paramref name="from"/> up to, not including, <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private static DateOnly Step(DateOnly day, DateOnly start, int direction)
    {
        var next = day.AddDays(direction);
        if (Math.Abs(next.DayNumber - start.DayNumber) > MaxDaysSearched)
        {
            throw new DomainRuleException("The practice's calendar has no working day within ten years: check its opening and closure days.");
        }

        return next;
    }

    private HashSet<DateOnly> HolidaysOf(HolidayRegion region, int year)
    {
        if (!_holidays.TryGetValue(year, out var days))
        {
            days = [.. PublicHolidays.In(region, year)];
            _holidays[year] = days;
        }

        return days;
    }
}
