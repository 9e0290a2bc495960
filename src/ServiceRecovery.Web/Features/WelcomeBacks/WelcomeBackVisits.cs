namespace ServiceRecovery.Web.Features.WelcomeBacks;

/// <summary>
/// Who is coming back: booked appointments, in a window, of patients with a recovery case that is open or was resolved
/// in the last 12 months (never a withdrawn one). One rule for the home page's list, the morning digest and the huddle
/// board, so the three never disagree on who counts. One set-based query: the (PracticeId, StartsAt) index of
/// Appointments serves the day range, and the patient's cases are found by join, not per appointment.
/// </summary>
public static class WelcomeBackVisits
{
    /// <summary>The most visits read at once: a practice's recovered patients booked over two days, with room to spare.</summary>
    public const int MaxVisits = 200;

    /// <summary>An appointment and the patient's most recent case that makes it a welcome back.</summary>
    public sealed record Visit(
        Guid AppointmentId,
        Guid PracticeId,
        DateTimeOffset StartsAt,
        Guid CaseId,
        string Reference,
        Guid? PatientId,
        Guid? StageId,
        Guid? CategoryId,
        DateTimeOffset DefectOccurredAt,
        string? PlannedGesture);

    /// <summary>Since when a resolved (or closed) case still makes a visit a welcome back.</summary>
    public static DateTimeOffset ResolvedSince(DateTimeOffset now) => now.AddYears(-1);

    /// <summary>The start of today at the practice, of tomorrow, and of the day after, in UTC.</summary>
    public static (DateTimeOffset Today, DateTimeOffset Tomorrow, DateTimeOffset DayAfter) Days(PracticeLocale locale, DateTimeOffset now)
    {
        var today = locale.DateAt(now);
        DateTimeOffset Start(DateOnly day) => locale.FromLocal(day.ToDateTime(TimeOnly.MinValue));
        return (Start(today), Start(today.AddDays(1)), Start(today.AddDays(2)));
    }

    /// <summary>
    /// The visits starting in [<paramref name="start"/>, <paramref name="end"/>), ordered by start, one per appointment.
    /// The caller passes the sets already limited to its practices (the practice filter, or a board's explicit scope).
    /// </summary>
    public static async Task<List<Visit>> FindAsync(
        IQueryable<Appointment> appointments, IQueryable<RecoveryCase> cases, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now,
        CancellationToken cancellationToken, int limit = MaxVisits)
    {
        var resolvedSince = ResolvedSince(now);
        var rows = await (
                from a in appointments
                where a.Status == AppointmentStatus.Booked && a.StartsAt >= start && a.StartsAt < end
                join c in cases on (Guid?)a.PatientId equals c.Defect.PatientId
                where c.PracticeId == a.PracticeId
                      && (c.Status == CaseStatus.Open
                          || ((c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed) && c.ResolvedAt >= resolvedSince))
                orderby a.StartsAt, a.Id, c.OpenedAt descending
                select new Visit(a.Id, a.PracticeId, a.StartsAt, c.Id, c.Reference, c.Defect.PatientId, c.StageId, c.CategoryId,
                    c.DefectOccurredAt, c.WelcomeBackGesture))
            .Take(limit)
            .ToListAsync(cancellationToken);
        // A patient with two such cases: the most recent one speaks for the visit (rows come newest case first).
        return rows.DistinctBy(r => r.AppointmentId).ToList();
    }

    /// <summary>The case's own choice, else the first of the practice's list.</summary>
    public static string SuggestedGesture(string? planned, string practiceGestures) =>
        planned ?? WelcomeGestureList.Parse(practiceGestures)[0];
}
