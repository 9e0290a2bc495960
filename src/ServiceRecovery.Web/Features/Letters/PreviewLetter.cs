namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// The editor's live preview: the words being typed, filled with a real case of the practice (or sample values when
/// none is picked or the practice has none), as the email's HTML and as text. A template that is not allowed gives its
/// refusal instead, so the editor can show it beside the body as one types.
/// </summary>
public static class PreviewLetter
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid PracticeId, Guid? CaseId, string? Subject, string? Body) : IQuery<Preview?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record Preview(bool IsSample, string? Subject, string? Html, string? Text, string? Field, string? Error);

    public sealed class Handler(AppDbContext db, IMediator mediator, TimeProvider clock) : IQueryHandler<Query, Preview?>
    {
        public async ValueTask<Preview?> Handle(Query query, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PracticeId, cancellationToken);
            if (practice is null)
            {
                return null;
            }

            var caseId = query.CaseId ?? await db.Cases.Where(c => c.PracticeId == practice.Id).OrderByDescending(c => c.OpenedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            var fields = caseId is { } id && await db.Cases.AnyAsync(c => c.Id == id && c.PracticeId == practice.Id, cancellationToken)
                ? await mediator.Send(new LetterFieldsOfCase.Query(id), cancellationToken)
                : null;
            var isSample = fields is null;
            fields ??= LetterFields.Sample(practice.Name, practice.Address, practice.Phone, practice.FurtherSteps, practice.Locale, clock.GetUtcNow());
            try
            {
                var subject = LetterRenderer.Render(query.Subject ?? "", fields, LetterFormat.Text, "Subject");
                return new Preview(isSample, subject, LetterRenderer.Render(query.Body ?? "", fields, LetterFormat.Html),
                    LetterRenderer.Render(query.Body ?? "", fields, LetterFormat.Text), null, null);
            }
            catch (DomainRuleException refused)
            {
                return new Preview(isSample, null, null, null, refused.Field, refused.Message);
            }
        }
    }
}
