using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Audit;

/// <summary>
/// The audit trail for administrators: events of their practices, sign-ins of their practices' staff, and failed
/// sign-ins to addresses that have no account (they belong to no practice, so every administrator sees them).
/// Read-only: there is no way to edit or remove an event.
/// </summary>
public static class AuditTrail
{
    public const int PageSize = 50;

    public sealed class Filter
    {
        public AuditKind? Kind { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int Page { get; set; } = 1;

        /// <summary>Only failed sign-ins to an address that has no account.</summary>
        public bool UnknownAccounts { get; set; }
    }

    /// <summary>The trail of the practices the person administers.</summary>
    [Requires(StaffRole.Administrator)]
    public sealed record Query(Filter Filter) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<AuditEvent> Events, int Total, int Page, int Pages, PracticeLocale Locale, string? Problem);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = query.Filter;
            var practiceIds = user.ReadablePracticesWhere(StaffRole.Administrator);
            var locale = await PracticeLocales.ForAsync(db, null, cancellationToken);
            string? problem = null;
            if (filter.From > filter.To)
            {
                problem = "The 'to' date is before the 'from' date, so the date range is ignored.";
                filter.From = filter.To = null;
            }

            var staff = db.Memberships.Where(m => practiceIds.Contains(m.PracticeId)).Select(m => m.UserId);
            var events = db.Audit.AsNoTracking()
                .Where(e => (e.PracticeId != null && practiceIds.Contains(e.PracticeId.Value))
                    || (e.PracticeId == null && staff.Contains(e.ActorId!))
                    || (e.PracticeId == null && e.ActorId == null && e.Kind == AuditKind.SignInFailed));
            if (filter.UnknownAccounts)
            {
                events = events.Where(e => e.ActorId == null && e.Kind == AuditKind.SignInFailed);
            }

            if (filter.Kind is { } kind)
            {
                events = events.Where(e => e.Kind == kind);
            }

            if (filter.From is { } from)
            {
                var start = locale.FromLocal(from.ToDateTime(TimeOnly.MinValue));
                events = events.Where(e => e.At >= start);
            }

            if (filter.To is { } to)
            {
                var end = locale.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
                events = events.Where(e => e.At < end);
            }

            var total = await events.CountAsync(cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);
            var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            return new Result(rows, total, page, pages, locale, problem);
        }
    }
}
