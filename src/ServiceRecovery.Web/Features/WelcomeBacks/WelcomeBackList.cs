namespace ServiceRecovery.Web.Features.WelcomeBacks;

/// <summary>
/// The front desk's list on the home page: patients with an open (or recently resolved) recovery booked today or
/// tomorrow at the practice, with what happened, the lesson, what was given and the gesture to welcome them back with.
/// A staff page: the patient's display name is shown here, never on the board or in email.
/// </summary>
public static class WelcomeBackList
{
    /// <summary>Every member greets patients at the desk, so every member sees who is coming back.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query : IQuery<Result>;

    /// <summary>
    /// The soonest visits the page lists: what the desk can act on over two days. A busier book says "and more", and the
    /// page's reads (and its size) stay bounded however many are booked.
    /// </summary>
    public const int MaxShown = 30;

    /// <param name="HasFeed">Whether any of the person's practices has appointments at all: without a feed there is nothing to list.</param>
    /// <param name="HasMore">More such visits are booked than <see cref="MaxShown"/>.</param>
    public sealed record Result(IReadOnlyList<Row> Rows, bool HasFeed, bool HasMore = false);

    public sealed record Row(
        Guid CaseId,
        string Reference,
        Guid PracticeId,
        string PracticeName,
        string Day,
        string Time,
        DateTimeOffset StartsAt,
        bool IsToday,
        string PatientName,
        string WhatHappened,
        string? Lesson,
        IReadOnlyList<string> Given,
        string SuggestedGesture,
        bool WelcomedBack);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The practice filter limits every set below to the person's practices.
            if (!await db.Appointments.AnyAsync(cancellationToken))
            {
                return new Result([], HasFeed: false);
            }

            var now = clock.GetUtcNow();
            var practices = (await db.Practices.AsNoTracking()
                    .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.WelcomeGestures })
                    .ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id, p =>
                {
                    var locale = new PracticeLocale(p.TimeZoneId, p.Culture, p.Currency);
                    return (p.Name, Locale: locale, p.WelcomeGestures, Days: WelcomeBackVisits.Days(locale, now));
                });
            if (practices.Count == 0)
            {
                return new Result([], HasFeed: true);
            }

            // One read over the widest window; each practice's own two days are picked out below.
            var from = practices.Values.Min(p => p.Days.Today);
            var to = practices.Values.Max(p => p.Days.DayAfter);
            // One more than is shown, to know whether there are more; a visit a patient's two cases share is read twice at most.
            var found = await WelcomeBackVisits.FindAsync(db.Appointments.AsNoTracking(), db.Cases.AsNoTracking(), from, to, now, cancellationToken,
                limit: 2 * (MaxShown + 1));
            var visits = found
                .Where(v => practices.TryGetValue(v.PracticeId, out var p) && v.StartsAt >= p.Days.Today && v.StartsAt < p.Days.DayAfter)
                .Take(MaxShown + 1)
                .ToList();
            var hasMore = visits.Count > MaxShown;
            visits = visits.Take(MaxShown).ToList();
            if (visits.Count == 0)
            {
                return new Result([], HasFeed: true);
            }

            var caseIds = visits.Select(v => v.CaseId).Distinct().ToList();
            var patientIds = visits.Where(v => v.PatientId is not null).Select(v => v.PatientId!.Value).Distinct().ToList();
            var stageIds = visits.Where(v => v.StageId is not null).Select(v => v.StageId!.Value).Distinct().ToList();
            var categoryIds = visits.Where(v => v.CategoryId is not null).Select(v => v.CategoryId!.Value).Distinct().ToList();

            var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            var stages = await db.Stages.AsNoTracking().Where(s => stageIds.Contains(s.Id))
                .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
            var lessonRecords = db.Set<Lesson>().AsNoTracking();
            // The latest wording of each case's lessons: a corrected lesson speaks through its correction.
            var lessons = (await lessonRecords
                    .Where(l => caseIds.Contains(l.CaseId) && !lessonRecords.Any(correction => correction.CorrectsId == l.Id))
                    .Select(l => new { l.CaseId, l.Text, l.RecordedAt })
                    .ToListAsync(cancellationToken))
                .GroupBy(l => l.CaseId)
                .ToDictionary(g => g.Key, g => g.MaxBy(l => l.RecordedAt)!.Text);
            var given = (await db.Set<Gesture>().AsNoTracking()
                    .Where(g => caseIds.Contains(g.CaseId) && g.State == GestureState.Given)
                    .Select(g => new { g.CaseId, g.Kind, g.Amount, g.RecordedAt })
                    .ToListAsync(cancellationToken))
                .ToLookup(g => g.CaseId);
            var welcomedSince = practices.Values.Min(p => p.Days.Today);
            var welcomed = (await db.Set<WelcomeBack>().AsNoTracking()
                    .Where(w => caseIds.Contains(w.CaseId) && w.RecordedAt >= welcomedSince)
                    .Select(w => new { w.CaseId, w.RecordedAt })
                    .ToListAsync(cancellationToken))
                .ToLookup(w => w.CaseId);

            return new Result(visits.Select(v =>
            {
                var practice = practices[v.PracticeId];
                var isToday = v.StartsAt < practice.Days.Tomorrow;
                var stage = v.StageId is { } stageId && stages.TryGetValue(stageId, out var stageName) ? stageName : ServiceDefect.StageNotSure;
                var category = v.CategoryId is { } categoryId && categories.TryGetValue(categoryId, out var categoryName) ? categoryName : null;
                return new Row(
                    v.CaseId,
                    v.Reference,
                    v.PracticeId,
                    practice.Name,
                    isToday ? "Today" : "Tomorrow",
                    TimeOf(v.StartsAt, practice.Locale),
                    v.StartsAt,
                    isToday,
                    v.PatientId is { } patientId && patients.TryGetValue(patientId, out var name) ? name : ServiceDefect.AnonymousPatient,
                    WhatHappened(stage, category, v.DefectOccurredAt, practice.Locale, now),
                    lessons.GetValueOrDefault(v.CaseId),
                    given[v.CaseId].OrderBy(g => g.RecordedAt).Select(g => $"{g.Kind.Words()} {practice.Locale.Money(g.Amount)}").ToList(),
                    WelcomeBackVisits.SuggestedGesture(v.PlannedGesture, practice.WelcomeGestures),
                    welcomed[v.CaseId].Any(w => w.RecordedAt >= practice.Days.Today));
            }).ToList(), HasFeed: true, hasMore);
        }
    }

    /// <summary>The start at the practice, as its culture writes a time ("10:30 am").</summary>
    public static string TimeOf(DateTimeOffset startsAt, PracticeLocale locale) => locale.ToLocal(startsAt).ToString("h:mm tt", locale.CultureInfo);

    /// <summary>"Waiting — March", or "Waiting (Running late) — March 2025": the stage, the category when set, the month; never the description.</summary>
    public static string WhatHappened(string stage, string? category, DateTimeOffset occurredAt, PracticeLocale locale, DateTimeOffset now)
    {
        var local = locale.ToLocal(occurredAt);
        var month = local.ToString(local.Year == locale.ToLocal(now).Year ? "MMMM" : "MMMM yyyy", locale.CultureInfo);
        return category is null ? $"{stage} — {month}" : $"{stage} ({category}) — {month}";
    }
}
