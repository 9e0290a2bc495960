using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>The manager's list: gestures above staff limits, oldest first, across the user's practices.</summary>
public static class GesturesAwaitingApproval
{
    public const int Limit = 200;

    /// <summary>Only the practices the person manages: approving is a manager's, practice by practice.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        Guid GestureId, Guid CaseId, Guid CaseVersion, string Reference, string PracticeName, GestureKind Kind, decimal Amount,
        string? Note, string GivenBy, string GivenById, DateTimeOffset RecordedAt, decimal CaseTotal, PracticeLocale Locale);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var rows = await (
                    from g in db.Set<Gesture>()
                    join c in db.Cases on g.CaseId equals c.Id
                    join p in db.Practices on c.PracticeId equals p.Id
                    where managed.Contains(c.PracticeId) && g.State == GestureState.PendingApproval && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Resolved)
                    orderby g.RecordedAt
                    select new
                    {
                        g.Id,
                        CaseId = c.Id,
                        c.Version,
                        c.Reference,
                        PracticeName = p.Name,
                        g.Kind,
                        g.Amount,
                        g.Note,
                        g.RecordedByName,
                        g.RecordedById,
                        g.RecordedAt,
                        p.TimeZoneId,
                        p.Culture,
                        p.Currency,
                    })
                .Take(Limit)
                .ToListAsync(cancellationToken);
            var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
            var totals = (await db.Set<Gesture>().Where(g => caseIds.Contains(g.CaseId) && g.State == GestureState.Given)
                    .Select(g => new { g.CaseId, g.Amount }).ToListAsync(cancellationToken))
                .GroupBy(g => g.CaseId)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
            return rows.Select(r => new Row(r.Id, r.CaseId, r.Version, r.Reference, r.PracticeName, r.Kind, r.Amount, r.Note, r.RecordedByName, r.RecordedById, r.RecordedAt,
                totals.GetValueOrDefault(r.CaseId), new PracticeLocale(r.TimeZoneId, r.Culture, r.Currency))).ToList();
        }
    }
}
