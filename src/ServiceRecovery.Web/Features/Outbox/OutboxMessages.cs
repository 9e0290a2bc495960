using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Outbox;

/// <summary>The administrators' view of the outbox: what was queued, sent or failed, newest first.</summary>
public static class OutboxMessages
{
    public const int PageSize = 50;

    public sealed class Filter
    {
        public OutboxStatus? Status { get; set; }
        public int Page { get; set; } = 1;
    }

    /// <summary>The outbox of the practices the person administers.</summary>
    [Requires(StaffRole.Administrator)]
    public sealed record Query(Filter Filter) : IQuery<Result>;

    public sealed record Row(
        Guid Id, string PracticeName, EmailKind Kind, string To, string Subject, OutboxStatus Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public sealed record Result(
        IReadOnlyList<Row> Rows, int Total, int Page, int Pages, IReadOnlyDictionary<OutboxStatus, int> Counts, string Transport, PracticeLocale Locale);

    public sealed class Handler(AppDbContext db, ICurrentUser user, IEmailTransport transport) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var administered = user.PracticesWhere(StaffRole.Administrator);
            var outbox = db.Outbox.Where(m => administered.Contains(m.PracticeId));
            var counts = await outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var filtered = outbox.Where(m => query.Filter.Status == null || m.Status == query.Filter.Status);
            var total = await filtered.CountAsync(cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Filter.Page, 1, pages);
            var rows = await (
                    from m in filtered
                    join p in db.Practices on m.PracticeId equals p.Id
                    orderby m.CreatedAt descending, m.Id descending
                    select new Row(m.Id, p.Name, m.Kind, m.RecipientAddress, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            var where = transport is PickupFolderEmailTransport pickup ? $"{transport.Description}: {pickup.Folder}" : transport.Description;
            return new Result(rows, total, page, pages, counts.ToDictionary(c => c.Key, c => c.Count), where,
                await PracticeLocales.ForAsync(db, null, cancellationToken));
        }
    }
}
