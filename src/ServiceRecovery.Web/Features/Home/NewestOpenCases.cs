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

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var open = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open);
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
            // Both counts in one read of the open cases.
            var counts = await open.GroupBy(_ => 1)
                .Select(g => new { Open = g.Count(), Overdue = g.Count(c => c.NextDueAt < now) })
                .FirstOrDefaultAsync(cancellationToken);
            var (openCount, overdueCount) = counts is null ? (0, 0) : (counts.Open, counts.Overdue);
            return new Result(
                rows.Select(r => new Row(r.Id, r.Reference, r.DisplayName, r.Stage, r.Severity, r.CurrentStep, r.OpenedAt, r.NextDueAt, r.OwnerName,
                    new PracticeLocale(r.TimeZoneId, r.Culture, r.Currency))).ToList(),
                openCount, overdueCount, now);
        }
    }
}
