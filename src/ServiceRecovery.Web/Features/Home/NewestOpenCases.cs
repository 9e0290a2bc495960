using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Home;

/// <summary>The home page: the newest open cases of the user's practices, and how many are open and overdue.</summary>
public static class NewestOpenCases
{
    public const int PageSize = 25;

    /// <summary>Every member sees the open cases of their practices: front desk may open any case of its practice (docs/security.md).</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Row> Rows, int OpenCount, int OverdueCount, DateTimeOffset Now);

    public sealed record Row(
        Guid Id,
        string Reference,
        string PatientName,
        string Stage,
        Severity Severity,
        ServiceStep? CurrentStep,
        DateTimeOffset OpenedAt,
        DateTimeOffset? NextDueAt,
        string? OwnerName,
        PracticeLocale Locale);

    /// <summary>
    /// One practice's newest open cases (at most <see cref="PageSize"/>) and counts, as read at one time: the same for
    /// every member of the practice, so kept per practice (<see cref="OpenCasesCache"/>).
    /// </summary>
    /// <param name="GoodUntil">The soonest due time not yet overdue when read: from then on the overdue count is out of date (none: it cannot go out of date).</param>
    public sealed record PracticeCases(IReadOnlyList<Row> Rows, int OpenCount, int OverdueCount, DateTimeOffset? GoodUntil);

    public sealed class Handler(AppDbContext db, IPracticeScope scope, OpenCasesCache cache, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // The person's practices are the practice filter's; each one's cases are the same for all its members.
            var lists = new List<PracticeCases>(scope.PracticeIds.Length);
            foreach (var practiceId in scope.PracticeIds)
            {
                lists.Add(await cache.GetAsync(practiceId, ct => ForPracticeAsync(practiceId, ct), cancellationToken));
            }

            // Newest first across the practices: each practice's newest page holds every case of the merged page.
            return new Result(
                lists.Count == 1 ? lists[0].Rows : [.. lists.SelectMany(l => l.Rows).OrderByDescending(r => r.OpenedAt).Take(PageSize)],
                lists.Sum(l => l.OpenCount), lists.Sum(l => l.OverdueCount), now);
        }

        private async Task<PracticeCases> ForPracticeAsync(Guid practiceId, CancellationToken cancellationToken)
        {
            // The time the counts are read at: the overdue count is right until the soonest due time from then on.
            var now = clock.GetUtcNow();
            var open = db.Cases.AsNoTracking().Where(c => c.PracticeId == practiceId && c.Status == CaseStatus.Open);
            var rows = await (
                    from c in open
                    join patient in db.Patients on c.Defect.PatientId equals (Guid?)patient.Id into patients
                    from patient in patients.DefaultIfEmpty()
                    join stage in db.Stages on c.Defect.StageId equals (Guid?)stage.Id into stages
                    from stage in stages.DefaultIfEmpty()
                    join practice in db.Practices on c.PracticeId equals practice.Id
                    orderby c.OpenedAt descending
                    select new
                    {
                        c.Id,
                        c.Reference,
                        DisplayName = patient == null ? ServiceDefect.AnonymousPatient : patient.DisplayName,
                        Stage = stage == null ? ServiceDefect.StageNotSure : stage.Name,
                        c.Severity,
                        c.CurrentStep,
                        c.OpenedAt,
                        c.NextDueAt,
                        c.OwnerName,
                        practice.TimeZoneId,
                        practice.Culture,
                        practice.Currency,
                    })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            // Both counts, and the soonest due time still ahead, in one read of the open cases.
            var counts = await open.GroupBy(_ => 1)
                .Select(g => new { Open = g.Count(), Overdue = g.Count(c => c.NextDueAt < now), Soonest = g.Where(c => c.NextDueAt >= now).Min(c => c.NextDueAt) })
                .FirstOrDefaultAsync(cancellationToken);
            var locale = rows.Count == 0 ? null : new PracticeLocale(rows[0].TimeZoneId, rows[0].Culture, rows[0].Currency);
            return new PracticeCases(
                [.. rows.Select(r => new Row(r.Id, r.Reference, r.DisplayName, r.Stage, r.Severity, r.CurrentStep, r.OpenedAt, r.NextDueAt, r.OwnerName, locale!))],
                counts?.Open ?? 0, counts?.Overdue ?? 0, counts?.Soonest);
        }
    }
}
