namespace ServiceRecovery.Web.CaseOpening;

/// <summary>
/// The one way a case is opened: by the log form, by the comment card, and by the API to come. It honours the
/// idempotency key (a double submit, a retry or a replay opens one case), finds the stage and category among the
/// practice's current ones, lets the domain check the defect and the patient's contact, allocates the next reference
/// and adds the defect, the patient and the case with its first timeline event. A refusal is a
/// <see cref="DomainRuleException"/> that names its field, so the form shows it beside that field.
/// </summary>
/// <remarks>
/// Call it from a command's handler: the transaction behaviour saves what it adds, and retries the whole command when
/// two requests took the same new reference (the unique index refuses the second), so the next attempt reads afresh.
/// </remarks>
public static class CaseOpener
{
    /// <param name="practice">The practice, with its stages (and categories, when the opener may choose one), found however the caller may find it.</param>
    public static async Task<OpenedCase> OpenAsync(AppDbContext db, Practice practice, DefectDetails details, CasePatient patient, Opener opener,
        Guid idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        practice.EnsureTakesNewDefects();

        // The practice is named explicitly, so the public card reads through the lifted practice filter safely.
        var repeat = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.PracticeId == practice.Id && c.IdempotencyKey == idempotencyKey)
            .Select(c => new OpenedCase(c.Id, c.Reference, c.Steps.SaySorry.DueAt, c.ComplaintReceivedOn != null))
            .SingleOrDefaultAsync(cancellationToken);
        if (repeat is not null)
        {
            return repeat;
        }

        var stage = details.StageId is { } stageId
            ? practice.Stages.SingleOrDefault(s => s.Id == stageId && !s.IsRetired) ?? throw DomainRuleException.For(nameof(DefectDetails.StageId), opener.UnknownStage)
            : null;
        var category = details.CategoryId is { } categoryId
            ? practice.Categories.SingleOrDefault(c => c.Id == categoryId && !c.IsRetired)
                ?? throw DomainRuleException.For(nameof(DefectDetails.CategoryId), "Choose a category of this practice from the list.")
            : null;

        // When it happened is checked before the patient, so a wrong date is the message whatever else is wrong.
        var locale = practice.Locale;
        var occurredAt = opener is Opener.CommentCard visit
            ? ServiceDefect.CommentCardVisitAt(visit.VisitDate, locale, now)
            : ServiceDefect.OccurredWithinReach(details.OccurredAt ?? throw DomainRuleException.For(nameof(DefectDetails.OccurredAt), "Enter when it happened."), now);
        var patientId = await PatientOfAsync(db, practice, patient, opener, now, cancellationToken);
        var reference = await CaseNumbers.NextAsync(db, practice.Id, locale.ToLocal(now).Year, cancellationToken);
        ServiceDefect defect;
        RecoveryCase recoveryCase;
        switch (opener)
        {
            case Opener.Staff staff:
                defect = ServiceDefect.Log(practice.Id, patientId ?? throw new InvalidOperationException("Staff always log a defect for a patient."),
                    stage ?? throw DomainRuleException.For(nameof(DefectDetails.StageId), opener.UnknownStage),
                    category, details.Severity, details.Channel, occurredAt, details.Description, staff.Actor, now);
                recoveryCase = RecoveryCase.Open(practice, reference, defect, staff.Actor, now, idempotencyKey);
                break;
            case Opener.CommentCard card:
                defect = ServiceDefect.FromCommentCard(practice.Id, patientId, stage, card.Rating, occurredAt, details.Description, now);
                recoveryCase = RecoveryCase.OpenFromCommentCard(practice, reference, defect, card.Rating, now, idempotencyKey);
                if (card.FormalComplaint)
                {
                    // In the same save as the case: marked by the domain's rule, or the request recorded when the practice cannot mark it yet.
                    recoveryCase.AskForFormalComplaintOnCard(practice, now);
                }

                break;
            case Opener.Api api:
                defect = ServiceDefect.Log(practice.Id, patientId ?? throw new InvalidOperationException("The API always names the patient."),
                    stage ?? throw DomainRuleException.For(nameof(DefectDetails.StageId), opener.UnknownStage),
                    category, details.Severity, details.Channel, occurredAt, details.Description, api.ApiKey, now);
                recoveryCase = RecoveryCase.OpenFromApi(practice, reference, defect, api.ApiKey, now, idempotencyKey);
                break;
            default:
                throw new InvalidOperationException($"No way to open a case for {opener.GetType().Name}.");
        }

        // A second defect for the same patient within 12 months is raised a level and goes to a manager.
        await RepeatFailures.FlagIfSecondFailureAsync(db, practice.Id, recoveryCase, patientId, cancellationToken);

        db.Defects.Add(defect);
        db.Cases.Add(recoveryCase);
        return new OpenedCase(recoveryCase.Id, recoveryCase.Reference, recoveryCase.Steps.SaySorry.DueAt, recoveryCase.Complaint is not null);
    }

    private static async Task<Guid?> PatientOfAsync(AppDbContext db, Practice practice, CasePatient patient, Opener opener, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        switch (patient)
        {
            case CasePatient.Existing existing:
                var found = await db.Patients.AnyAsync(p => p.Id == existing.PatientId && p.PracticeId == practice.Id, cancellationToken);
                return found ? existing.PatientId : throw DomainRuleException.For("PatientId", "Choose a patient of this practice, or a new patient.");
            case CasePatient.New created:
                // Always a new patient record: whoever opens the case typed these details, and nothing here finds or shows another patient.
                var record = created.Contact.ToPatient(practice.Id, PatientPhone.RegionOf(practice.Culture), now, opener.Contact);
                db.Patients.Add(record);
                return record.Id;
            default:
                return null;
        }
    }
}

/// <summary>Who or what opens the case: it sets the author of the first timeline event, the owner, and the words of a refusal.</summary>
public abstract record Opener(ContactWording Contact, string UnknownStage)
{
    /// <summary>A member of staff, who owns the case they log.</summary>
    public sealed record Staff(Actor Actor) : Opener(ContactWording.Staff, "Choose a stage of this practice from the list.");

    /// <summary>A practice's own system (a phone system, a kiosk) with its API key: the key is the author, and nobody owns the case until staff triage it.</summary>
    public sealed record Api(Actor ApiKey) : Opener(ContactWording.Staff, "Name a current stage of this practice, by its id or its exact name (GET /api/v1/stages lists them).");

    /// <summary>
    /// The public comment card: nobody owns the case until staff triage it; the rating sets the severity, and the day of
    /// the visit (today when none) when it happened. <paramref name="FormalComplaint"/>: the patient ticked "I want to make
    /// a formal complaint", so the case is marked as one at once (<see cref="RecoveryCase.AskForFormalComplaintOnCard"/>).
    /// </summary>
    public sealed record CommentCard(CommentCardRating Rating, DateOnly? VisitDate, bool FormalComplaint = false) : Opener(ContactWording.Patient, "Choose a part of your visit from the list, or “Not sure”.");
}

/// <summary>The patient of the new case.</summary>
public abstract record CasePatient
{
    /// <summary>A patient of the practice already, chosen by staff.</summary>
    public sealed record Existing(Guid PatientId) : CasePatient;

    /// <summary>A new patient with the contact given.</summary>
    public sealed record New(PatientContact Contact) : CasePatient;

    /// <summary>Nobody to contact: a comment card whose writer chose not to be contacted.</summary>
    public sealed record Anonymous : CasePatient;
}

/// <summary>
/// The defect as it was reported. The field names are those of the forms (stage, category, when it happened), so a
/// refusal shows beside its field. The comment card's rating and day of visit set severity, channel and when it happened instead.
/// </summary>
public sealed record DefectDetails(Guid? StageId, Guid? CategoryId, Severity Severity, DefectChannel Channel, DateTimeOffset? OccurredAt, string Description);

/// <summary>The case that was opened, or the one an earlier submit with the same idempotency key opened; whether it is a formal complaint.</summary>
public sealed record OpenedCase(Guid CaseId, string Reference, DateTimeOffset SaySorryDueAt, bool FormalComplaint = false);
