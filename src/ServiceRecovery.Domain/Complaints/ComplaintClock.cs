namespace ServiceRecovery.Domain;

/// <summary>A stretch of "waiting for the patient": the clocks stand still from <see cref="From"/> until <see cref="ResumedOn"/>.</summary>
public sealed record ClockPause(DateOnly From, string Reason, DateOnly? ResumedOn)
{
    public const string ReasonField = "PauseReason";
    public const int ReasonLength = 500;
}

/// <summary>When a clock is due, and the warning day (the working day before); null while the clock stands paused.</summary>
public sealed record ClockDue(DateOnly Due, DateOnly Warning);

/// <summary>
/// A formal complaint's two legal clocks (acknowledge, respond), from the local date it was received at the practice.
/// Pure: it takes the practice's calendar and the rules fixed on the complaint, and says when each is due. A pause moves
/// every due date it overlaps by the working days it lasted (the day of resuming counts as running); a due date
/// before the pause began stays where it was.
/// </summary>
public sealed class ComplaintClock
{
    private readonly List<ClockPause> _pauses;

    public ComplaintClock(ComplaintRules rules, DateOnly received, IEnumerable<ClockPause>? pauses = null)
    {
        Rules = rules;
        Received = received;
        _pauses = [.. pauses ?? []];
    }

    public ComplaintRules Rules { get; }

    public DateOnly Received { get; }

    public IReadOnlyList<ClockPause> Pauses => _pauses;

    public bool IsPaused => _pauses.Any(p => p.ResumedOn is null);

    /// <summary>Stops the clocks from <paramref name="from"/> while the practice waits on the patient; the reason is required.</summary>
    public ComplaintClock PausedFrom(DateOnly from, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainRuleException.For(ClockPause.ReasonField, "Say what the practice is waiting for from the patient.");
        }

        if (reason.Trim().Length > ClockPause.ReasonLength)
        {
            throw DomainRuleException.For(ClockPause.ReasonField, $"Keep the reason to {ClockPause.ReasonLength} characters.");
        }

        if (IsPaused)
        {
            throw new DomainRuleException("The clock is already paused: resume it first.");
        }

        var earliest = _pauses.Select(p => p.ResumedOn!.Value).Append(Received).Max();
        if (from < earliest)
        {
            throw new DomainRuleException($"A pause cannot start before {earliest:yyyy-MM-dd}.");
        }

        return new ComplaintClock(Rules, Received, [.. _pauses, new ClockPause(from, reason.Trim(), null)]);
    }

    /// <summary>Starts the clocks again on <paramref name="on"/>; refused when the clock is not paused.</summary>
    public ComplaintClock ResumedOn(DateOnly on)
    {
        var open = _pauses.SingleOrDefault(p => p.ResumedOn is null) ?? throw new DomainRuleException("The clock is not paused, so it cannot be resumed.");
        if (on < open.From)
        {
            throw new DomainRuleException($"The clock cannot resume before its pause began on {open.From:yyyy-MM-dd}.");
        }

        return new ComplaintClock(Rules, Received, [.. _pauses.Select(p => p == open ? p with { ResumedOn = on } : p)]);
    }

    public ClockDue? Acknowledge(WorkingCalendar calendar) => Due(Rules.Acknowledge, calendar);

    public ClockDue? Respond(WorkingCalendar calendar) => Due(Rules.Respond, calendar);

    private ClockDue? Due(ClockRule rule, WorkingCalendar calendar)
    {
        var due = rule.DueFrom(Received, calendar);
        foreach (var pause in _pauses.OrderBy(p => p.From))
        {
            if (pause.From > due)
            {
                break;
            }

            if (pause.ResumedOn is not { } resumed)
            {
                return null;
            }

            due = calendar.AddWorkingDays(due, calendar.WorkingDaysBetween(pause.From, resumed));
        }

        var warning = calendar.PreviousWorkingDay(due);
        return new ClockDue(due, warning < Received ? Received : warning);
    }
}
