namespace ServiceRecovery.Web.Features.Practices;

/// <summary>The practices where the person is Administrator, current ones first and archived ones apart.</summary>
public static class AdministeredPractices
{
    [Requires(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Name, string Slug, string TimeZoneId, DateTimeOffset? ArchivedAt, string? ArchivedBy);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            // Archived ones too: administrators still read them (PracticeIds keeps them for administrators only).
            var administered = user.PracticeIds.Where(id => user.RoleIn(id) == StaffRole.Administrator).ToArray();
            return await db.Practices.AsNoTracking().Where(p => administered.Contains(p.Id)).OrderBy(p => p.Name)
                .Select(p => new Row(p.Id, p.Name, p.Slug, p.TimeZoneId, p.ArchivedAt, p.ArchivedBy))
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>One practice the person administers, for its edit page (archived ones are read-only there).</summary>
    [Requires(StaffRole.Administrator)]
    public sealed record One(Guid PracticeId) : IQuery<Practice?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class OneHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<One, Practice?>
    {
        public async ValueTask<Practice?> Handle(One query, CancellationToken cancellationToken) =>
            user.RoleIn(query.PracticeId) == StaffRole.Administrator
                ? await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PracticeId, cancellationToken)
                : null;
    }
}
