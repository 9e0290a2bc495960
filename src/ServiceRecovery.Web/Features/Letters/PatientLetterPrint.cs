namespace ServiceRecovery.Web.Features.Letters;

/// <summary>One letter as it was printed, from the record, so it prints again identically: the letterhead, the date, the patient's name, the words.</summary>
public static class PatientLetterPrint
{
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid CaseId, Guid LetterId) : IQuery<View?>, ITargetsCase
    {
        Guid ITargetsCase.TargetCaseId => CaseId;
    }

    public sealed record View(
        Guid CaseId, string Reference, Guid LetterId, LetterChannel Channel, string Subject, string Text, DateOnly Date, string DateWords,
        string PracticeName, string? PracticeAddress, string? PracticePhone, string PracticeSlug, string? PatientName);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await (from c in db.Cases.AsNoTracking()
                               join l in db.Set<PatientLetter>() on c.Id equals l.CaseId
                               join p in db.Practices on c.PracticeId equals p.Id
                               where c.Id == query.CaseId && l.Id == query.LetterId
                               select new { c.Reference, c.Defect.PatientId, Letter = l, Practice = p })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var patientName = found.PatientId is { } patientId
                ? await db.Patients.Where(p => p.Id == patientId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
                : null;
            var locale = found.Practice.Locale;
            var date = locale.DateAt(found.Letter.RecordedAt);
            return new View(query.CaseId, found.Reference, found.Letter.Id, found.Letter.Channel, found.Letter.Subject, found.Letter.Text, date,
                date.ToString("d MMMM yyyy", locale.CultureInfo), found.Practice.Name, found.Practice.Address, found.Practice.Phone, found.Practice.Slug, patientName);
        }
    }
}
