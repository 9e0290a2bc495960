namespace ServiceRecovery.Domain;

/// <summary>How a complaint clock counts: the practice's working days, calendar days or calendar months.</summary>
public enum ClockUnit
{
    WorkingDays = 1,
    CalendarDays,
    CalendarMonths,
}

/// <summary>One complaint clock ("acknowledge within 3 working days"): an amount of a unit, counted from the day after receipt.</summary>
public sealed record ClockRule(int Amount, ClockUnit Unit)
{
    public string Words() => Unit switch
    {
        ClockUnit.WorkingDays => Amount == 1 ? "1 working day" : $"{Amount} working days",
        ClockUnit.CalendarDays => Amount == 1 ? "1 day" : $"{Amount} days",
        _ => Amount == 1 ? "1 month" : $"{Amount} months",
    };

    /// <summary>The due date for something received on <paramref name="received"/>, on the practice's calendar.</summary>
    /// <remarks>
    /// Working days: the n-th working day after the day of receipt (the England regulations' "not later than 3 working
    /// days after the day on which it receives the complaint"). Calendar days and months: the day that far after
    /// receipt, brought back to the working day before when the practice is closed then, so the due date is never
    /// later than the period allows.
    /// </remarks>
    public DateOnly DueFrom(DateOnly received, WorkingCalendar calendar) => Unit switch
    {
        ClockUnit.WorkingDays => calendar.AddWorkingDays(received, Amount),
        ClockUnit.CalendarDays => calendar.OnOrBefore(received.AddDays(Amount)),
        _ => calendar.OnOrBefore(received.AddMonths(Amount)),
    };
}
