namespace ServiceRecovery.Web.Features.ApiKeys;

/// <summary>For the API keys page: the practices this person manages, and the chosen one's keys, newest first.</summary>
public static class ApiKeyList
{
    /// <summary>Keys listed on the page; a practice has a handful (one per system it connects).</summary>
    public const int MaxKeys = 200;

    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record PracticeChoice(Guid Id, string Name);

    public sealed record Key(Guid Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, Guid Version);

    public sealed record View(Guid PracticeId, string PracticeName, PracticeLocale Locale, IReadOnlyList<PracticeChoice> Practices, IReadOnlyList<Key> Keys);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // Only the practices this person manages: a key acts for the practice, so it is a manager's to give.
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking()
                .Where(p => managed.Contains(p.Id))
                .OrderBy(p => p.Name)
                .Take(MaxKeys)
                .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency })
                .ToListAsync(cancellationToken);
            var chosen = query.PracticeId is { } id ? practices.SingleOrDefault(p => p.Id == id) : practices.FirstOrDefault();
            if (chosen is null)
            {
                return null;
            }

            var keys = await db.ApiKeys.AsNoTracking()
                .Where(k => k.PracticeId == chosen.Id)
                .OrderByDescending(k => k.CreatedAt)
                .Take(MaxKeys)
                .ToListAsync(cancellationToken);
            return new View(chosen.Id, chosen.Name, new PracticeLocale(chosen.TimeZoneId, chosen.Culture, chosen.Currency),
                practices.Select(p => new PracticeChoice(p.Id, p.Name)).ToList(),
                keys.Select(k => new Key(k.Id, k.Name, k.ScopeList, k.Prefix, k.CreatedAt, k.CreatedByName, k.LastUsedAt, k.RevokedAt, k.RevokedByName, k.Version)).ToList());
        }
    }
}
