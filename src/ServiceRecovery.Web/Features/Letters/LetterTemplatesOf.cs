namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// A practice's letter templates as they stand: the ones it has saved, and the shipped words for each kind it has not
/// (those rows have no id yet). The compose page picks from these; the editor lists them.
/// </summary>
public static class LetterTemplatesOf
{
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid PracticeId) : IQuery<IReadOnlyList<Row>>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record Row(Guid? Id, LetterKind Kind, string Name, string Subject, string Body, int Version, Guid? VersionId, string? LastSavedByName, DateTimeOffset? LastSavedAt);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var stored = await db.LetterTemplates.AsNoTracking()
                .Where(t => t.PracticeId == query.PracticeId && t.ArchivedAt == null)
                .Select(t => new Row(t.Id, t.Kind, t.Name, t.Subject, t.Body, t.CurrentVersion, t.CurrentVersionId, t.LastSavedByName, t.LastSavedAt))
                .ToListAsync(cancellationToken);
            var shipped = ShippedLetters.All.Where(s => stored.All(t => t.Kind != s.Kind))
                .Select(s => new Row(null, s.Kind, s.Name, s.Subject, s.Body, 0, null, null, null));
            return [.. stored.Concat(shipped).OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
        }
    }
}
