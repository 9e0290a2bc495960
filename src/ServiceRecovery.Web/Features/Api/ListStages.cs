namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// GET /api/v1/stages: the practice's current stages and categories, in the practice's order, so a bridge can choose
/// what to send with a defect. Read afresh on every call: a renamed or retired stage shows at once.
/// </summary>
public static class ListStages
{
    public sealed record Option(Guid Id, string Name);

    public sealed record Result(IReadOnlyList<Option> Stages, IReadOnlyList<Option> Categories);

    /// <summary>Any API key of the practice (a front-desk membership of that practice alone); no scope is needed to read the practice's lists.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid PracticeId) : IQuery<Result>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var stages = await db.Stages.AsNoTracking().Where(s => s.PracticeId == query.PracticeId && s.RetiredAt == null).OrderBy(s => s.Position)
                .Select(s => new Option(s.Id, s.Name)).ToListAsync(cancellationToken);
            var categories = await db.Categories.AsNoTracking().Where(c => c.PracticeId == query.PracticeId && c.RetiredAt == null).OrderBy(c => c.Position)
                .Select(c => new Option(c.Id, c.Name)).ToListAsync(cancellationToken);
            return new Result(stages, categories);
        }
    }
}
