namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// The merge values of one case, for a letter or email to its patient: the seam the compose page and the template
/// preview stand on. The case is read through the practice filter, so another practice's case is not found (null).
/// </summary>
public static class LetterFieldsOfCase
{
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid CaseId) : IQuery<LetterFields?>, ITargetsCase
    {
        Guid ITargetsCase.TargetCaseId => CaseId;
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, LetterFields?>
    {
        public async ValueTask<LetterFields?> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await db.Cases.AsNoTracking().AsSplitQuery()
                .Include(c => c.Defect).Include(c => c.Fixes).Include(c => c.Gestures).Include(c => c.ImprovementLinks)
                .Where(c => c.Id == query.CaseId)
                .Join(db.Practices, c => c.PracticeId, p => p.Id, (c, p) => new { Case = c, Practice = p })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var (recovery, practice) = (found.Case, found.Practice);
            var patientName = recovery.Defect.PatientId is { } patientId
                ? await db.Patients.Where(p => p.Id == patientId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
                : null;
            var improvementIds = recovery.ImprovementLinks.Select(l => l.ImprovementId).ToList();
            var improvements = await db.Improvements.Where(i => improvementIds.Contains(i.Id)).OrderBy(i => i.CreatedAt).Select(i => i.Title).ToListAsync(cancellationToken);
            return Build(recovery, practice, patientName, improvements);
        }
    }

    /// <summary>The values in words; records corrected since are left out (the correction stands in for them).</summary>
    public static LetterFields Build(RecoveryCase recovery, Practice practice, string? patientName, IReadOnlyList<string> improvements)
    {
        var locale = practice.Locale;
        var complaint = recovery.Complaint;
        var escalation = complaint?.Profile?.Escalation;
        var fixes = Current(recovery.Fixes).Select(f => f.Description);
        var gestures = Current(recovery.Gestures).Where(g => g.State == GestureState.Given)
            .Select(g => g.Amount > 0 ? $"{Words(g.Kind)} of {locale.Money(g.Amount)}" : Words(g.Kind));
        return new LetterFields(
            PatientFirstName: Patient.FirstNameOf(patientName),
            PracticeName: practice.Name,
            PracticeAddress: practice.Address ?? "",
            PracticePhone: practice.Phone ?? "",
            PracticeFurtherSteps: practice.FurtherSteps,
            CaseReference: recovery.Reference,
            CaseFindings: recovery.Defect.Description,
            CaseWhatWeChanged: string.Join(" ", fixes.Concat(improvements).Select(Sentence)),
            CaseWhatWeGave: string.Join("; ", gestures),
            CaseOwnerName: recovery.OwnerName ?? practice.Name,
            VisitDate: locale.DateAt(recovery.DefectOccurredAt).ToString("d MMMM yyyy", locale.CultureInfo),
            ComplaintReceivedOn: complaint?.ReceivedOn.ToString("d MMMM yyyy", locale.CultureInfo) ?? "",
            ComplaintRespondBy: complaint is null ? "" : recovery.ComplaintRespondDue?.ToString("d MMMM yyyy", locale.CultureInfo) ?? "",
            ComplaintEscalationBody: escalation?.Name ?? "",
            ComplaintEscalationAddress: escalation is null ? "" : string.Join(", ", new[] { escalation.Address.ReplaceLineEndings(", "), escalation.Web }.Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    private static IEnumerable<T> Current<T>(IReadOnlyList<T> records) where T : CaseRecord
    {
        var corrected = records.Where(r => r.CorrectsId is not null).Select(r => r.CorrectsId!.Value).ToHashSet();
        return records.Where(r => !corrected.Contains(r.Id)).OrderBy(r => r.RecordedAt);
    }

    private static string Sentence(string text) => text.TrimEnd() is var t && (t.EndsWith('.') || t.EndsWith('!') || t.EndsWith('?')) ? t : t + ".";

    private static string Words(GestureKind kind) => kind switch
    {
        GestureKind.Refund => "A refund",
        GestureKind.Discount => "A discount",
        GestureKind.Gift => "A gift",
        GestureKind.ComplimentaryService => "A complimentary service",
        _ => "A gesture",
    };
}
