namespace ServiceRecovery.Web.Features.Letters;

/// <summary>One template for its editor: the words as they stand, every version saved, and the practice's latest cases to preview against.</summary>
public static class LetterTemplateForEdit
{
    public const int PreviewCases = 20;

    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid TemplateId) : IQuery<View?>;

    public sealed record View(LetterTemplate Template, string PracticeName, PracticeLocale Locale, IReadOnlyList<LetterTemplateVersion> Versions, IReadOnlyList<PreviewCase> Cases);

    public sealed record PreviewCase(Guid Id, string Reference, DateTimeOffset OpenedAt);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // The practice filter hides another practice's template; a practice where the person is front desk only is hidden too.
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var template = await db.LetterTemplates.AsNoTracking().Include(t => t.Versions)
                .SingleOrDefaultAsync(t => t.Id == query.TemplateId && managed.Contains(t.PracticeId), cancellationToken);
            if (template is null)
            {
                return null;
            }

            var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == template.PracticeId, cancellationToken);
            var cases = await db.Cases.AsNoTracking().Where(c => c.PracticeId == template.PracticeId)
                .OrderByDescending(c => c.OpenedAt).Take(PreviewCases)
                .Select(c => new PreviewCase(c.Id, c.Reference, c.OpenedAt)).ToListAsync(cancellationToken);
            return new View(template, practice.Name, practice.Locale, [.. template.Versions.OrderByDescending(v => v.Number)], cases);
        }
    }
}
