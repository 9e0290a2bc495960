using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>
/// The manager's other list: front desk's requests to withdraw a case or skip Say sorry, oldest first, across the
/// user's practices (the practice filter on cases), so none is missed. A manager decides each on its case page.
/// </summary>
public static class RequestsAwaitingDecision
{
    public const int Limit = 200;

    /// <summary>Only the practices the person manages: deciding is a manager's, practice by practice.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        Guid RequestId, Guid CaseId, string Reference, string PracticeName, CaseRequestKind Kind, ServiceStep? Step, string Reason,
        string RequestedBy, string RequestedById, DateTimeOffset RequestedAt, PracticeLocale Locale)
    {
        public string What => CaseRequest.Describe(Kind, Step);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            return await (
                    from r in db.Set<CaseRequest>()
                    join c in db.Cases on r.CaseId equals c.Id
                    join p in db.Practices on c.PracticeId equals p.Id
                    where managed.Contains(c.PracticeId) && r.State == CaseRequestState.Pending && c.Status == CaseStatus.Open
                    orderby r.RecordedAt
                    select new Row(r.Id, c.Id, c.Reference, p.Name, r.Kind, r.Step, r.Reason, r.RecordedByName, r.RecordedById, r.RecordedAt,
                        new PracticeLocale(p.TimeZoneId, p.Culture, p.Currency)))
                .Take(Limit)
                .ToListAsync(cancellationToken);
        }
    }
}
