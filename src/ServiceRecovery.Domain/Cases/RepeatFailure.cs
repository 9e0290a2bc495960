namespace ServiceRecovery.Domain;

/// <summary>
/// A second failure: a new defect for a patient who had another within the 12 months before it. A second failure
/// erases the effect of the first recovery (Maxham &amp; Netemeyer 2002), so the new case is raised one severity level
/// and goes to a practice manager. The rules live here once; <c>CaseOpening</c> finds the facts and
/// <see cref="RecoveryCase.FlagSecondFailure"/> records the outcome.
/// </summary>
public static class RepeatFailure
{
    /// <summary>How far back an earlier defect of the same patient makes the new one a second failure.</summary>
    public const int WindowMonths = 12;

    /// <summary>An earlier case of the same patient, as the rule needs it.</summary>
    public sealed record EarlierCase(Guid CaseId, string Reference, DateTimeOffset OccurredAt, CaseStatus Status, string? OwnerId);

    /// <summary>A member of the practice who could take the case, with the open cases they own now.</summary>
    public sealed record Manager(string UserId, string Name, StaffRole Role, int OpenCases);

    /// <summary>The earliest moment an earlier defect still counts: 12 calendar months before this one happened (inclusive).</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset occurredAt) => occurredAt.AddMonths(-WindowMonths);

    /// <summary>
    /// The most recent earlier case whose defect happened within the 12 months before this one (from exactly 12 months
    /// before up to the same moment). A withdrawn case does not count: it was logged in error.
    /// </summary>
    public static EarlierCase? EarlierWithin(IEnumerable<EarlierCase> earlier, DateTimeOffset occurredAt, Guid? exceptCaseId = null)
    {
        var from = WindowStart(occurredAt);
        return earlier
            .Where(e => e.CaseId != exceptCaseId && e.Status != CaseStatus.Withdrawn && e.OccurredAt >= from && e.OccurredAt <= occurredAt)
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Reference, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>One level up: Minor → Moderate → Major → Critical; Critical stays Critical.</summary>
    public static Severity Raised(Severity severity) => severity switch
    {
        Severity.Minor => Severity.Moderate,
        Severity.Moderate => Severity.Major,
        _ => Severity.Critical,
    };

    /// <summary>
    /// Who takes the case: the earlier case's owner when they are still a manager of the practice (they know the
    /// patient's story); otherwise the practice manager with the fewest open cases, ties by name. An administrator is
    /// chosen only when the practice has no practice manager. Null when the practice has neither.
    /// </summary>
    public static Manager? ChooseManager(string? earlierOwnerId, IEnumerable<Manager> managers)
    {
        var candidates = managers.Where(m => m.Role is StaffRole.PracticeManager or StaffRole.Administrator).ToList();
        return candidates.FirstOrDefault(m => earlierOwnerId is not null && m.UserId == earlierOwnerId)
            ?? candidates
                .OrderBy(m => m.Role == StaffRole.PracticeManager ? 0 : 1)
                .ThenBy(m => m.OpenCases)
                .ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
                .ThenBy(m => m.UserId, StringComparer.Ordinal)
                .FirstOrDefault();
    }

    /// <summary>"3 months earlier", "12 days earlier", "earlier the same day": when the earlier defect happened, from this one.</summary>
    public static string HowLongBefore(DateTimeOffset earlier, DateTimeOffset occurredAt)
    {
        var months = 0;
        while (months < WindowMonths && earlier.AddMonths(months + 1) <= occurredAt)
        {
            months++;
        }

        if (months > 0)
        {
            return months == 1 ? "1 month earlier" : $"{months} months earlier";
        }

        var days = (int)(occurredAt - earlier).TotalDays;
        return days switch
        {
            0 => "earlier the same day",
            1 => "1 day earlier",
            _ => $"{days} days earlier",
        };
    }
}
