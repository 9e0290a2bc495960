namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// The case page's reads, compiled once: the page is the most visited screen, and each read is small, so EF's work
/// of translating a query on every call cost more than the reads themselves.
/// <para>
/// They name the practice themselves instead of through the context's practice filter: with the filter, each read
/// carries the user's practice list once per table it touches (six in <see cref="ReadHead"/>), and EF rewrites such a
/// statement for its values on every call, which cost more than everything else the page does. So the caller checks
/// the case's practice against the user's once (<see cref="CaseDetails.Handler"/>), and every further read is bounded
/// by that case or that practice: the records by the case id, the patient's other cases and the improvements by the
/// practice id.
/// </para>
/// </summary>
public static class CaseDetailsQueries
{
    /// <summary>The case row with its defect, and the names around it the page shows.</summary>
    public sealed record Head(
        Guid Id,
        Guid PracticeId,
        string Reference,
        Guid Version,
        CaseStatus Status,
        ServiceStep? CurrentStep,
        string? OwnerId,
        string? OwnerName,
        DateTimeOffset OpenedAt,
        DateTimeOffset? FirstApologyAt,
        DateTimeOffset? ResolvedAt,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? WithdrawnAt,
        string? WithdrawReason,
        bool HasPendingRequest,
        Severity Severity,
        Guid? RepeatOfCaseId,
        string? RepeatOfReference,
        DateTimeOffset? RepeatOfOccurredAt,
        string? RepeatAssignedToName,
        StepTracks Steps,
        ServiceDefect Defect,
        string PracticeName,
        string TimeZoneId,
        string Culture,
        string Currency,
        GestureLimits GestureLimits,
        string? StageName,
        string? CategoryName,
        string? PatientName,
        string? PatientPhone,
        string? PatientEmail,
        string? WelcomeBackGesture,
        string WelcomeGestures,
        DateOnly? ComplaintReceivedOn,
        DateOnly? ComplaintAcknowledgeDue,
        DateOnly? ComplaintRespondDue,
        string? ComplaintProfileId,
        int OpeningDays,
        string ClosureDays,
        HolidayRegion? HolidayRegion,
        DateOnly? ComplaintRequestedOn);

    public sealed record ImprovementRow(CaseDetails.ImprovementView View, bool Linked);

    /// <summary>Not filtered by practice: the caller checks the case's <see cref="Head.PracticeId"/> before showing anything.</summary>
    public static readonly Func<AppDbContext, Guid, Task<Head?>> ReadHead = EF.CompileAsyncQuery((AppDbContext db, Guid id) =>
        (from c in db.Cases.AsNoTracking().IgnoreQueryFilters()
         join p in db.Practices on c.PracticeId equals p.Id
         join s in db.Stages on c.Defect.StageId equals s.Id into stages
         from s in stages.DefaultIfEmpty()
         join k in db.Categories on c.Defect.CategoryId equals k.Id into categories
         from k in categories.DefaultIfEmpty()
         join pa in db.Patients on c.Defect.PatientId equals pa.Id into patients
         from pa in patients.DefaultIfEmpty()
         where c.Id == id
         select new Head(
             c.Id, c.PracticeId, c.Reference, c.Version, c.Status, c.CurrentStep, c.OwnerId, c.OwnerName,
             c.OpenedAt, c.FirstApologyAt, c.ResolvedAt, c.ClosedAt, c.WithdrawnAt, c.WithdrawReason, c.HasPendingRequest,
             c.Severity, c.RepeatOfCaseId, c.RepeatOfReference, c.RepeatOfOccurredAt, c.RepeatAssignedToName,
             c.Steps,
             c.Defect,
             p.Name, p.TimeZoneId, p.Culture, p.Currency, p.GestureLimits,
             s == null ? null : s.Name,
             k == null ? null : k.Name,
             pa == null ? null : pa.DisplayName,
             pa == null ? null : pa.Phone,
             pa == null ? null : pa.Email,
             c.WelcomeBackGesture,
             p.WelcomeGestures,
             c.ComplaintReceivedOn, c.ComplaintAcknowledgeDue, c.ComplaintRespondDue,
             p.ComplaintProfileId, p.OpeningDays, p.ClosureDays, p.HolidayRegion,
             c.ComplaintRequestedOn))
        .FirstOrDefault());

    /// <summary>The formal complaint with its pauses, in one read; asked only when the case row says the case is one.</summary>
    public static readonly Func<AppDbContext, Guid, Task<FormalComplaint?>> Complaint = EF.CompileAsyncQuery((AppDbContext db, Guid id) =>
        db.Cases.AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.Complaint).FirstOrDefault());

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Apology>> Apologies =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<Apology>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Fix>> Fixes =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<Fix>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<PersonalContact>> Contacts =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<PersonalContact>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Gesture>> Gestures =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<Gesture>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Lesson>> Lessons =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<Lesson>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<FollowUp>> FollowUps =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<FollowUp>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<PatientReturn>> Returns =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<PatientReturn>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<WelcomeBack>> WelcomeBacks =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<WelcomeBack>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<CaseRequest>> Requests =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Set<CaseRequest>().AsNoTracking().Where(r => r.CaseId == id));

    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<TimelineEvent>> Timeline =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Timeline.AsNoTracking().Where(e => e.CaseId == id));

    /// <summary>The letters and emails to the patient, oldest first (200 at most), with an email's delivery status from the outbox.</summary>
    public static readonly Func<AppDbContext, Guid, IAsyncEnumerable<CaseDetails.LetterView>> Letters =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) =>
            (from l in db.Set<PatientLetter>().AsNoTracking().IgnoreQueryFilters()
             join m in db.Outbox on l.OutboxMessageId equals m.Id into messages
             from m in messages.DefaultIfEmpty()
             where l.CaseId == id
             orderby l.RecordedAt
             select new CaseDetails.LetterView(l.Id, l.Purpose, l.Channel, l.TemplateName, l.TemplateVersion, l.Subject, l.Text, l.RecordedByName, l.RecordedAt,
                 m == null ? null : m.Status))
            .Take(200));

    /// <summary>The patient's other cases in the practice, newest first (ten at most).</summary>
    public static readonly Func<AppDbContext, Guid, Guid, Guid, IAsyncEnumerable<CaseDetails.EarlierCase>> EarlierCases =
        EF.CompileAsyncQuery((AppDbContext db, Guid practiceId, Guid patientId, Guid caseId) => db.Cases.AsNoTracking().IgnoreQueryFilters()
            .Where(x => x.PracticeId == practiceId && x.Defect.PatientId == patientId && x.Id != caseId)
            .OrderByDescending(x => x.OpenedAt)
            .Take(10)
            .Select(x => new CaseDetails.EarlierCase(x.Id, x.Reference, x.Status, x.OpenedAt)));

    /// <summary>
    /// The patient's cancellations and no-shows after the defect (<see cref="Appointment.IsMissed"/>, spelt out for the
    /// database), soonest first, twenty at most: a warning sign while the case is open.
    /// </summary>
    public static readonly Func<AppDbContext, Guid, Guid, DateTimeOffset, IAsyncEnumerable<CaseDetails.MissedVisit>> MissedVisits =
        EF.CompileAsyncQuery((AppDbContext db, Guid practiceId, Guid patientId, DateTimeOffset after) => db.Appointments.AsNoTracking().IgnoreQueryFilters()
            .Where(a => a.PracticeId == practiceId && a.PatientId == patientId && a.StartsAt > after
                        && (a.Status == AppointmentStatus.Cancelled || a.Status == AppointmentStatus.NoShow))
            .OrderBy(a => a.StartsAt)
            .Take(20)
            .Select(a => new CaseDetails.MissedVisit(a.StartsAt, a.Status)));

    /// <summary>
    /// The improvements this case links, and (when <c>withUnfinished</c>, for the form of an open case) the practice's
    /// unfinished ones it could link; 200 at most, by title.
    /// </summary>
    public static readonly Func<AppDbContext, Guid, Guid, bool, IAsyncEnumerable<ImprovementRow>> Improvements =
        EF.CompileAsyncQuery((AppDbContext db, Guid practiceId, Guid caseId, bool withUnfinished) => db.Improvements.AsNoTracking().IgnoreQueryFilters()
            .Where(i => i.PracticeId == practiceId
                        && ((withUnfinished && i.Status != ImprovementStatus.Done) || db.Set<ImprovementLink>().Any(l => l.CaseId == caseId && l.ImprovementId == i.Id)))
            .OrderBy(i => i.Title)
            .Take(200)
            .Select(i => new ImprovementRow(
                new CaseDetails.ImprovementView(i.Id, i.Title, i.Status, i.OwnerName, i.DueOn),
                db.Set<ImprovementLink>().Any(l => l.CaseId == caseId && l.ImprovementId == i.Id))));
}
