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

    /// <summary>
    /// One practice's list for its own today and tomorrow: the soonest <see cref="MaxShown"/> visits and whether there
    /// are more. The same for every member of the practice, so it is kept per practice (<see cref="WelcomeBackCache"/>).
    /// </summary>
    /// <param name="HasFeed">Whether the practice has appointments at all.</param>
    public sealed record PracticeList(IReadOnlyList<Row> Rows, bool HasFeed, bool HasMore);

    public sealed class Handler(AppDbContext db, TimeProvider clock, WelcomeBackCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // The practice filter limits this to the person's practices; each one's list is the same for all its members.
            var practices = await db.Practices.AsNoTracking()
                .Select(p => new PracticeFacts(p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.WelcomeGestures))
                .ToListAsync(cancellationToken);
            var lists = new List<PracticeList>(practices.Count);
            foreach (var practice in practices)
            {
                var locale = new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
                lists.Add(await cache.GetAsync(practice.Id, locale.DateAt(now), ct => ForPracticeAsync(practice, locale, now, ct), cancellationToken));
            }

            // Each practice's list is in start order; a stable sort by start keeps that order for visits at the same time.
            var rows = lists.SelectMany(l => l.Rows).OrderBy(r => r.StartsAt).ToList();
            return new Result(
                rows.Take(MaxShown).ToList(),
                HasFeed: lists.Any(l => l.HasFeed),
                HasMore: rows.Count > MaxShown || lists.Any(l => l.HasMore));
        }

        private async Task<PracticeList> ForPracticeAsync(PracticeFacts practice, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var practiceId = practice.Id;
            var appointments = db.Appointments.AsNoTracking().Where(a => a.PracticeId == practiceId);
            if (!await appointments.AnyAsync(cancellationToken))
            {
                return new PracticeList([], HasFeed: false, HasMore: false);
            }

            var days = WelcomeBackVisits.Days(locale, now);
            // One more than is shown, to know whether there are more; a visit a patient's two cases share is read twice at most.
            var visits = (await WelcomeBackVisits.FindAsync(appointments, db.Cases.AsNoTracking().Where(c => c.PracticeId == practiceId),
                    days.Today, days.DayAfter, now, cancellationToken, limit: 2 * (MaxShown + 1)))
                .Take(MaxShown + 1)
                .ToList();
            var hasMore = visits.Count > MaxShown;
            visits = visits.Take(MaxShown).ToList();
            if (visits.Count == 0)
            {
                return new PracticeList([], HasFeed: true, HasMore: false);
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
            var welcomed = (await db.Set<WelcomeBack>().AsNoTracking()
                    .Where(w => caseIds.Contains(w.CaseId) && w.RecordedAt >= days.Today)
                    .Select(w => w.CaseId)
                    .ToListAsync(cancellationToken))
                .ToHashSet();

            return new PracticeList(visits.Select(v =>
            {
                var isToday = v.StartsAt < days.Tomorrow;
                var stage = v.StageId is { } stageId && stages.TryGetValue(stageId, out var stageName) ? stageName : ServiceDefect.StageNotSure;
                var category = v.CategoryId is { } categoryId && categories.TryGetValue(categoryId, out var categoryName) ? categoryName : null;
                return new Row(
                    v.CaseId,
                    v.Reference,
                    practiceId,
                    practice.Name,
                    isToday ? "Today" : "Tomorrow",
                    TimeOf(v.StartsAt, locale),
                    v.StartsAt,
                    isToday,
                    v.PatientId is { } patientId && patients.TryGetValue(patientId, out var name) ? name : ServiceDefect.AnonymousPatient,
                    WhatHappened(stage, category, v.DefectOccurredAt, locale, now),
                    lessons.GetValueOrDefault(v.CaseId),
                    given[v.CaseId].OrderBy(g => g.RecordedAt).Select(g => $"{g.Kind.Words()} {locale.Money(g.Amount)}").ToList(),
                    WelcomeBackVisits.SuggestedGesture(v.PlannedGesture, practice.WelcomeGestures),
                    welcomed.Contains(v.CaseId));
            }).ToList(), HasFeed: true, hasMore);
        }

        private sealed record PracticeFacts(Guid Id, string Name, string TimeZoneId, string Culture, string Currency, string WelcomeGestures);
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
