using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>For the manager's page: the user's practices, and whether the chosen one has a display link and since when.</summary>
public static class DisplayLinkStatus
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record View(Guid PracticeId, string PracticeName, DateTimeOffset? IssuedAt, PracticeLocale Locale,
        IReadOnlyList<HuddleBoard.PracticeChoice> Practices);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // Only the practices this person manages: a display link is a manager's to issue.
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking()
                .Where(p => managed.Contains(p.Id))
                .OrderBy(p => p.Name)
                .Take(HuddleBoard.MaxPractices)
                .Select(p => new { p.Id, p.Name, p.DisplayTokenIssuedAt, p.TimeZoneId, p.Culture, p.Currency })
                .ToListAsync(cancellationToken);
            var chosen = query.PracticeId is { } id ? practices.SingleOrDefault(p => p.Id == id) : practices.FirstOrDefault();
            return chosen is null
                ? null
                : new View(chosen.Id, chosen.Name, chosen.DisplayTokenIssuedAt, new PracticeLocale(chosen.TimeZoneId, chosen.Culture, chosen.Currency),
                    practices.Select(p => new HuddleBoard.PracticeChoice(p.Id, p.Name)).ToList());
        }
    }
}
