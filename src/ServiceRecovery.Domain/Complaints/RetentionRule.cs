namespace ServiceRecovery.Domain;

/// <summary>
/// When a patient's name and contact details are removed under the retention period of the practice's complaint profile
/// (<see cref="JurisdictionProfile.RetentionYears"/>). The rule, on the practice's own calendar:
/// <list type="bullet">
/// <item>only a patient with at least one case, and every one of their cases in the practice closed or withdrawn (an open
/// or resolved case keeps them);</item>
/// <item>the last day counted is the latest, in the practice's local calendar, of those cases' closed or withdrawn day, the
/// patient's last appointment and the last update of the patient's record;</item>
/// <item>the details are due on the anniversary of that day <see cref="JurisdictionProfile.RetentionYears"/> years on, never
/// a day earlier; a last day of 29 February whose anniversary year has none is due on 1 March (28 February would be a day
/// short of the full period).</item>
/// </list>
/// A practice with no complaint profile keeps its patients' details: it has no retention period.
/// </summary>
public static class RetentionRule
{
    /// <summary>The local day the details fall due, <paramref name="years"/> after <paramref name="lastDay"/>.</summary>
    public static DateOnly DueOn(DateOnly lastDay, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);
        var due = lastDay.AddYears(years);
        // DateOnly.AddYears moves 29 February to 28 February: a day short of the period, so the day after instead.
        return lastDay is { Month: 2, Day: 29 } && due.Day == 28 ? due.AddDays(1) : due;
    }

    /// <summary>Whether details whose last day is <paramref name="lastDay"/> are due for removal on the local day <paramref name="today"/>.</summary>
    public static bool IsDue(DateOnly lastDay, int years, DateOnly today) => today >= DueOn(lastDay, years);

    /// <summary>
    /// The latest last day that is due on <paramref name="today"/>: a patient whose last day is on or before it is due.
    /// The same rule as <see cref="IsDue"/>, turned round so a query can compare dates.
    /// </summary>
    public static DateOnly LatestDueLastDay(int years, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);
        return today.AddYears(-years);
    }

    /// <summary>
    /// The instant before which a patient's last activity must fall for their details to be due on the practice's local
    /// day of <paramref name="now"/>: the start of the local day after <see cref="LatestDueLastDay"/>.
    /// </summary>
    public static DateTimeOffset Cutoff(int years, PracticeLocale locale, DateTimeOffset now)
    {
        var lastDueDay = LatestDueLastDay(years, locale.DateAt(now));
        return locale.FromLocal(lastDueDay.AddDays(1).ToDateTime(TimeOnly.MinValue));
    }

    /// <summary>
    /// Whether a patient is due on the local day of <paramref name="now"/>, from the facts: each case's status and end,
    /// the last appointment and the last update of the record. The job's query asks the same with <see cref="Cutoff"/>.
    /// </summary>
    public static bool IsDue(JurisdictionProfile? profile, PracticeLocale locale, IReadOnlyCollection<(CaseStatus Status, DateTimeOffset? EndedAt)> cases,
        DateTimeOffset? lastAppointment, DateTimeOffset lastUpdate, DateTimeOffset now)
    {
        if (profile is null || cases.Count == 0 || cases.Any(c => c.Status is not (CaseStatus.Closed or CaseStatus.Withdrawn) || c.EndedAt is null))
        {
            return false;
        }

        var last = cases.Max(c => c.EndedAt!.Value);
        if (lastAppointment > last)
        {
            last = lastAppointment.Value;
        }

        if (lastUpdate > last)
        {
            last = lastUpdate;
        }

        return IsDue(locale.DateAt(last), profile.RetentionYears, locale.DateAt(now));
    }

    /// <summary>The fixed words that take the patient's name, and the timeline's words for the removal.</summary>
    public const string RemovedName = "Details removed under the retention rule";

    /// <summary>What replaces a letter's or an email's words once the patient's details are removed.</summary>
    public const string RemovedText = "Removed under the retention rule";

    public static string TimelineWords(JurisdictionProfile profile) =>
        $"Patient details removed under the retention rule ({profile.Name}, {profile.RetentionYears} years)";
}
