using System.Globalization;

namespace ServiceRecovery.Domain;

/// <summary>
/// One service defect and everything done about it, walked through the seven SERVICE steps.
/// Every method here enforces a rule of the product brief and appends a timeline event.
/// </summary>
public sealed partial class RecoveryCase
{
    /// <summary>A step due within this window shows as "due soon".</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(4);

    private readonly List<Apology> _apologies = [];
    private readonly List<Fix> _fixes = [];
    private readonly List<PersonalContact> _contacts = [];
    private readonly List<Gesture> _gestures = [];
    private readonly List<ImprovementLink> _improvementLinks = [];
    private readonly List<Lesson> _lessons = [];
    private readonly List<FollowUp> _followUps = [];
    private readonly List<PatientReturn> _returns = [];
    private readonly List<WelcomeBack> _welcomeBacks = [];
    private readonly List<PatientLetter> _letters = [];
    private readonly List<StepSkip> _skips = [];
    private readonly List<CaseRequest> _requests = [];
    private readonly List<TimelineEvent> _timeline = [];

    private RecoveryCase() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public int Year { get; private set; }
    public int Number { get; private set; }
    public string Reference { get; private set; } = "";

    public Guid DefectId { get; private set; }
    public ServiceDefect Defect { get; private set; } = null!;

    /// <summary>
    /// The defect's severity, stage and category, kept on the case row too (a defect never changes once logged), so
    /// that the queue's filters and counts read the case rows alone rather than looking up each case's defect.
    /// </summary>
    public Severity Severity { get; private set; }

    public Guid? StageId { get; private set; }
    public Guid? CategoryId { get; private set; }

    /// <summary>
    /// When the defect happened, also kept on the case row for the same reason: the reports choose a period's cases
    /// by it, and read them from the case rows alone.
    /// </summary>
    public DateTimeOffset DefectOccurredAt { get; private set; }

    /// <summary>True once a gesture has been given, at once or on approval. A given gesture is never taken back.</summary>
    public bool HasGivenGesture { get; private set; }

    /// <summary>True once the patient has had a given gesture or a planned follow-up: a "recovered" case in the reports.</summary>
    public bool Recovered { get; private set; }

    /// <summary>The earliest day the patient came back, if they have: the reports' return rate reads it.</summary>
    public DateOnly? FirstReturnOn { get; private set; }

    /// <summary>The welcome-back gesture a manager chose for this patient in advance; null when none was chosen.</summary>
    public string? WelcomeBackGesture { get; private set; }

    /// <summary>The earlier case of the same patient that makes this one a second failure, set at opening; null otherwise.</summary>
    public Guid? RepeatOfCaseId { get; private set; }

    /// <summary>The earlier case's reference, kept so the case page and the queue name it without reading that case.</summary>
    public string? RepeatOfReference { get; private set; }

    /// <summary>When the earlier case's defect happened.</summary>
    public DateTimeOffset? RepeatOfOccurredAt { get; private set; }

    /// <summary>The practice manager a second failure was given to at opening; null when the practice had none.</summary>
    public string? RepeatAssignedToName { get; private set; }

    public bool IsSecondFailure => RepeatOfCaseId is not null;

    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public CaseStatus Status { get; private set; }

    /// <summary>The first step in SERVICE order that is neither done nor skipped; null when all are settled.</summary>
    public ServiceStep? CurrentStep { get; private set; }

    /// <summary>The earliest due time among unsettled steps: what the queue sorts by.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? FirstApologyAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }

    /// <summary>
    /// True while a request waits for a practice manager, kept on the case row so the case page and the queue read the
    /// requests only of the cases that have one.
    /// </summary>
    public bool HasPendingRequest { get; private set; }

    /// <summary>Who changed the case last, for the "changed by NAME at TIME" message on a conflict.</summary>
    public string LastChangedByName { get; private set; } = "";

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Concurrency token, renewed on every save of the case.</summary>
    public Guid Version { get; private set; }

    /// <summary>Set when a form submitted with this key opened the case, so a double submit opens one case.</summary>
    public Guid? IdempotencyKey { get; private set; }

    /// <summary>Where each SERVICE step stands: due when, settled when.</summary>
    public StepTracks Steps { get; private set; } = null!;

    public IReadOnlyList<Apology> Apologies => _apologies;
    public IReadOnlyList<Fix> Fixes => _fixes;
    public IReadOnlyList<PersonalContact> Contacts => _contacts;
    public IReadOnlyList<Gesture> Gestures => _gestures;
    public IReadOnlyList<ImprovementLink> ImprovementLinks => _improvementLinks;
    public IReadOnlyList<Lesson> Lessons => _lessons;
    public IReadOnlyList<FollowUp> FollowUps => _followUps;
    public IReadOnlyList<PatientReturn> Returns => _returns;
    public IReadOnlyList<WelcomeBack> WelcomeBacks => _welcomeBacks;
    public IReadOnlyList<StepSkip> Skips => _skips;

    /// <summary>The letters printed and emails sent to the patient, as they went.</summary>
    public IReadOnlyList<PatientLetter> Letters => _letters;

    /// <summary>Front desk's requests for a manager to withdraw the case or skip Say sorry, pending and decided.</summary>
    public IReadOnlyList<CaseRequest> Requests => _requests;
    public IReadOnlyList<TimelineEvent> Timeline => _timeline.AsReadOnly();

    /// <summary>How long the patient waited for an apology, from when the defect happened.</summary>
    public TimeSpan? TimeToApology => new ApologyTiming(Defect.OccurredAt, FirstApologyAt).TimeToApology;

    /// <inheritdoc cref="GestureTally.GivenTotal"/>
    public decimal GivenGestureTotal => new GestureTally(_gestures).GivenTotal;

    public static RecoveryCase Open(
        Practice practice,
        CaseReference reference,
        ServiceDefect defect,
        Actor loggedBy,
        DateTimeOffset now,
        Guid? idempotencyKey = null)
    {
        var recoveryCase = Create(practice, reference, defect, loggedBy, now, idempotencyKey);
        recoveryCase.Append(loggedBy, TimelineEventKind.CaseOpened, null,
            $"Case opened: {defect.Severity.Words()} defect reported by {defect.Channel.Words()}", now);
        recoveryCase.RefreshProgress();
        return recoveryCase;
    }

    /// <summary>
    /// A case a patient opened with the public comment card: nobody owns it until staff triage it from the queue,
    /// and the card itself is the author of its first timeline event.
    /// </summary>
    public static RecoveryCase OpenFromCommentCard(
        Practice practice,
        CaseReference reference,
        ServiceDefect defect,
        CommentCardRating rating,
        DateTimeOffset now,
        Guid? idempotencyKey = null)
    {
        if (defect.Channel != DefectChannel.CommentCard)
        {
            throw new DomainRuleException("Only a comment-card defect opens a case from the comment card.");
        }

        var recoveryCase = Create(practice, reference, defect, null, now, idempotencyKey);
        var contact = defect.IsAnonymous ? "did not ask to be contacted" : "asked to be contacted";
        recoveryCase.Append(Actor.CommentCard, TimelineEventKind.CaseOpened, null,
            $"Case opened from the comment card: {defect.Severity.Words()} defect, visit rated {rating.Words().ToLowerInvariant()}; the patient {contact}; no owner yet",
            now);
        recoveryCase.RefreshProgress();
        return recoveryCase;
    }

    /// <summary>
    /// A case a practice's own system (a phone system, a kiosk) opened through the API with its key: nobody owns it until
    /// staff triage it from the queue, and the key is the author of its first timeline event.
    /// </summary>
    public static RecoveryCase OpenFromApi(
        Practice practice,
        CaseReference reference,
        ServiceDefect defect,
        Actor apiKey,
        DateTimeOffset now,
        Guid? idempotencyKey = null)
    {
        var recoveryCase = Create(practice, reference, defect, null, now, idempotencyKey);
        recoveryCase.Append(apiKey, TimelineEventKind.CaseOpened, null,
            $"Case opened through the API: {defect.Severity.Words()} defect reported by {defect.Channel.Words()}; no owner yet", now);
        recoveryCase.RefreshProgress();
        return recoveryCase;
    }

    /// <summary>
    /// At opening, a second failure for the patient (<see cref="RepeatFailure"/>): the case records the earlier one,
    /// is raised one severity level and goes to the manager chosen, or stays with its opener when the practice has
    /// none. The timeline says why, naming the earlier case's reference and never the patient.
    /// </summary>
    public void FlagSecondFailure(RepeatFailure.EarlierCase earlier, RepeatFailure.Manager? manager, DateTimeOffset now)
    {
        var opening = _timeline.SingleOrDefault(e => e.Kind == TimelineEventKind.CaseOpened);
        if (opening is null || _timeline.Count != 1 || IsSecondFailure)
        {
            throw new InvalidOperationException("A second failure is flagged once, as the case is opened.");
        }

        if (earlier.CaseId == Id)
        {
            throw new InvalidOperationException("A case cannot be a second failure of itself.");
        }

        var logged = Severity;
        Severity = RepeatFailure.Raised(logged);
        RepeatOfCaseId = earlier.CaseId;
        RepeatOfReference = earlier.Reference;
        RepeatOfOccurredAt = earlier.OccurredAt;
        var raise = Severity == logged ? $"Severity stays {logged.Words()}" : $"Severity raised from {logged.Words()} to {Severity.Words()}";
        string who;
        if (manager is not null)
        {
            OwnerId = manager.UserId;
            OwnerName = manager.Name;
            RepeatAssignedToName = manager.Name;
            who = $"assigned to {manager.Name}";
        }
        else
        {
            who = OwnerName is null
                ? "the practice has no practice manager to assign it to, so it has no owner yet"
                : $"the practice has no practice manager to assign it to, so it stays with {OwnerName}";
        }

        // Written by whoever opened the case: the flag is part of opening it.
        var by = new Actor(opening.ActorId, opening.ActorName, StaffRole.FrontDesk);
        Append(by, TimelineEventKind.SecondFailure, null,
            $"Second failure: this patient's {earlier.Reference} was {RepeatFailure.HowLongBefore(earlier.OccurredAt, Defect.OccurredAt)}. {raise}; {who}.", now);
    }

    private static RecoveryCase Create(
        Practice practice,
        CaseReference reference,
        ServiceDefect defect,
        Actor? owner,
        DateTimeOffset now,
        Guid? idempotencyKey)
    {
        if (defect.PracticeId != practice.Id)
        {
            throw new DomainRuleException("The defect belongs to another practice.");
        }

        return new RecoveryCase
        {
            Id = Ids.New(),
            PracticeId = practice.Id,
            Year = reference.Year,
            Number = reference.Number,
            Reference = reference.ToString(),
            DefectId = defect.Id,
            Defect = defect,
            Severity = defect.Severity,
            StageId = defect.StageId,
            CategoryId = defect.CategoryId,
            DefectOccurredAt = defect.OccurredAt,
            OwnerId = owner?.UserId,
            OwnerName = owner?.Name,
            Status = CaseStatus.Open,
            OpenedAt = now,
            IdempotencyKey = idempotencyKey,
            Version = Guid.NewGuid(),
            Steps = StepTracks.DueFrom(now, practice.DueTimes),
        };
    }

    public StepState StateOf(ServiceStep step, DateTimeOffset now) => Steps.StateOf(step, now);

    public bool IsOverdue(DateTimeOffset now) => Status == CaseStatus.Open && NextDueAt < now;

    // ---- S: Say sorry -------------------------------------------------------------------------

    public Apology RecordApology(Actor by, string apologisedBy, ApologyMethod method, DateTimeOffset apologisedAt, DateTimeOffset now)
    {
        EnsureOpen("record an apology");
        if (!Enum.IsDefined(method))
        {
            throw new DomainRuleException("Choose how the apology was made.");
        }

        apologisedAt = Guard.NotInFuture(apologisedAt, now, "The apology", nameof(Apology.ApologisedAt));
        // The form speaks in whole minutes: an apology in the minute the defect happened is not "before" it, and counts
        // from the moment of the defect, so the time to apology is never negative.
        var occurredAt = Defect.OccurredAt;
        if (apologisedAt < occurredAt.AddTicks(-(occurredAt.UtcTicks % TimeSpan.TicksPerMinute)))
        {
            throw DomainRuleException.For(nameof(Apology.ApologisedAt), "The apology cannot be before the defect happened.");
        }

        apologisedAt = apologisedAt < occurredAt ? occurredAt : apologisedAt;

        var apology = new Apology(Id, by, Guard.Text(apologisedBy, "Who apologised", Limits.Name), method, apologisedAt, now);
        _apologies.Add(apology);
        Steps.SaySorry.MarkDone(now);
        if (FirstApologyAt is null || apologisedAt < FirstApologyAt)
        {
            FirstApologyAt = apologisedAt;
        }

        Append(by, TimelineEventKind.ApologyRecorded, ServiceStep.SaySorry,
            $"Apology recorded: {apology.ApologisedBy}, {method.Words()}, {Durations.Describe(TimeToApology!.Value)} after the defect", now);
        LapsePending(r => r.Kind == CaseRequestKind.SkipStep && r.Step == ServiceStep.SaySorry, "the apology was recorded", by, now);
        return apology;
    }

    // ---- E: Expedite solutions ----------------------------------------------------------------

    public Fix RecordFix(Actor by, string description, DateTimeOffset now)
    {
        EnsureOpen("record a fix");
        var fix = new Fix(Id, by, Guard.Text(description, "What was done", Limits.Description), now);
        _fixes.Add(fix);
        Steps.Expedite.MarkDone(now);
        Append(by, TimelineEventKind.FixRecorded, ServiceStep.ExpediteSolutions, "Fix recorded", now);
        return fix;
    }

    // ---- R: Respond ---------------------------------------------------------------------------

    public PersonalContact RecordContact(Actor by, ContactMethod method, DateTimeOffset contactedAt, string summary, DateTimeOffset now)
    {
        EnsureOpen("record a contact");
        if (!Enum.IsDefined(method))
        {
            throw new DomainRuleException("Choose how the patient was contacted.");
        }

        contactedAt = Guard.NotInFuture(contactedAt, now, "The contact", nameof(PersonalContact.ContactedAt));
        // A day's grace: the patient may have been called before anyone logged the defect.
        if (contactedAt < OpenedAt.AddDays(-1))
        {
            throw DomainRuleException.For(nameof(PersonalContact.ContactedAt), "The contact cannot be before the case was opened.");
        }

        return AddContact(by, new PersonalContact(Id, by, method, contactedAt, Guard.Text(summary, "Summary", Limits.Description), now), now);
    }

    /// <summary>The one way a contact settles Respond, whether recorded by hand or made by a letter or email from the case.</summary>
    private PersonalContact AddContact(Actor by, PersonalContact contact, DateTimeOffset now)
    {
        _contacts.Add(contact);
        Steps.Respond.MarkDone(now);
        Append(by, TimelineEventKind.ContactRecorded, ServiceStep.Respond, $"Personal contact recorded: {contact.Method.Words()}", now);
        return contact;
    }

    /// <summary>
    /// A letter printed or an email sent to the patient, with the words as they went. A personal-contact letter is a
    /// contact by letter or email (it settles Respond as <see cref="RecordContact"/> does, and the reports count it);
    /// an outcome letter is kept under Communicate results and leaves that step's done rule alone. For an email,
    /// <paramref name="email"/> makes the outbox message from the letter's id, in the same save as the letter.
    /// </summary>
    public (PatientLetter Letter, OutboxMessage? Email) RecordLetter(
        Actor by, LetterPurpose purpose, LetterChannel channel, LetterTemplateVersion template, string subject, string text,
        Func<PatientLetter, OutboxMessage>? email, DateTimeOffset now, Practice? practice = null)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw DomainRuleException.For(nameof(PatientLetter.Purpose), "Choose what the letter is for.");
        }

        if (purpose == LetterPurpose.PersonalContact)
        {
            EnsureOpen("record a contact");
        }
        else if (purpose is LetterPurpose.ComplaintAcknowledgement or LetterPurpose.ComplaintResponse && Complaint is null)
        {
            throw DomainRuleException.For(nameof(PatientLetter.Purpose), "This case is not a formal complaint: choose a personal contact or the outcome.");
        }
        else
        {
            EnsureOpenOrResolved("record the outcome letter");
        }

        if (!Enum.IsDefined(channel) || (channel == LetterChannel.Email) != (email is not null))
        {
            throw new DomainRuleException("Send the email or print the letter.");
        }

        var letter = new PatientLetter(Id, by, purpose, channel, template,
            LetterText(nameof(PatientLetter.Subject), "subject", subject, PatientLetter.SubjectLength, multiline: false),
            LetterText(nameof(PatientLetter.Text), "text", text, PatientLetter.TextLength, multiline: true), now);
        var message = email?.Invoke(letter);
        if (message is not null)
        {
            letter.CarriedBy(message.Id);
        }

        _letters.Add(letter);
        if (purpose == LetterPurpose.PersonalContact)
        {
            var method = channel == LetterChannel.Email ? ContactMethod.Email : ContactMethod.Letter;
            AddContact(by, new PersonalContact(Id, by, method, now, BoundedText.Fit(letter.Headline, Limits.Description), now), now);
        }

        var complaintLetter = purpose is LetterPurpose.ComplaintAcknowledgement or LetterPurpose.ComplaintResponse;
        Append(by, TimelineEventKind.LetterRecorded, purpose == LetterPurpose.PersonalContact ? ServiceStep.Respond : complaintLetter ? null : ServiceStep.CommunicateResults,
            letter.Headline, now);
        if (complaintLetter)
        {
            ComplaintLetter(by, letter, practice, now);
        }

        return (letter, message);
    }

    private static string LetterText(string field, string what, string? value, int maxLength, bool multiline)
    {
        var text = (multiline ? (value ?? "").ReplaceLineEndings("\n") : value ?? "").Trim();
        if (text.Length == 0)
        {
            throw DomainRuleException.For(field, $"Write the {what}.");
        }

        if (text.Length > maxLength)
        {
            throw DomainRuleException.For(field, $"The {what} is {text.Length:N0} characters; keep it to {maxLength:N0}.");
        }

        if (!multiline && text.Contains('\n'))
        {
            throw DomainRuleException.For(field, $"Keep the {what} on one line.");
        }

        return text;
    }

    // ---- V: Victory ---------------------------------------------------------------------------

    /// <summary>
    /// Empowerment: a gesture that keeps the case's total (given and waiting) within the giver's role limit is given
    /// at once; above it, it waits for a manager's approval.
    /// </summary>
    public Gesture GiveGesture(Actor by, GestureKind kind, decimal amount, string? note, GestureLimits limits, DateTimeOffset now)
    {
        EnsureOpen("give a gesture");
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose the kind of gesture.");
        }

        GestureAmount(amount);

        var limit = limits.For(by.Role);
        // Gestures still waiting count too: staff cannot pass their limit while the manager is yet to decide.
        var committed = _gestures.Where(g => g.State is GestureState.Given or GestureState.PendingApproval).Sum(g => g.Amount);
        var withinLimit = limit is null || committed + amount <= limit;
        var gesture = new Gesture(Id, by, kind, amount,
            Guard.OptionalText(note, "Note", Limits.Reason),
            withinLimit ? GestureState.Given : GestureState.PendingApproval, now);
        _gestures.Add(gesture);
        var money = amount.ToString("0.00", CultureInfo.InvariantCulture);
        if (withinLimit)
        {
            MarkGestureGiven();
            Steps.Victory.MarkDone(now);
            Append(by, TimelineEventKind.GestureGiven, ServiceStep.Victory, $"Gesture given: {kind.Words()}, {money}", now);
        }
        else
        {
            Append(by, TimelineEventKind.GestureAwaitingApproval, ServiceStep.Victory,
                $"Gesture awaiting {(by.IsManager ? "another" : "a")} manager's approval: {kind.Words()}, {money} (above the {by.Role.Words().ToLowerInvariant()} limit)", now);
        }

        return gesture;
    }

    /// <summary>A gesture's cost: from nothing to the most any gesture may cost, in whole cents.</summary>
    private static void GestureAmount(decimal amount)
    {
        var message = amount switch
        {
            < 0 => "The cost cannot be negative.",
            > Limits.MaxGestureAmount => $"The cost must be at most {Limits.MaxGestureAmount.ToString("N0", CultureInfo.InvariantCulture)}.",
            _ when decimal.Round(amount, 2) != amount => "Enter the cost in dollars and cents, e.g. 45.50.",
            _ => null,
        };
        if (message is not null)
        {
            throw DomainRuleException.For(nameof(Gesture.Amount), message);
        }
    }

    public void ApproveGesture(Guid gestureId, Actor manager, DateTimeOffset now)
    {
        EnsureOpenOrResolved("approve a gesture");
        var gesture = FindGesture(gestureId);
        gesture.Approve(manager, now);
        MarkGestureGiven();
        Steps.Victory.MarkDone(now);
        Append(manager, TimelineEventKind.GestureApproved, ServiceStep.Victory,
            $"Gesture approved: {gesture.Kind.Words()}, {gesture.Amount.ToString("0.00", CultureInfo.InvariantCulture)}", now);
    }

    public void DeclineGesture(Guid gestureId, Actor manager, string reason, DateTimeOffset now)
    {
        EnsureOpenOrResolved("decline a gesture");
        var gesture = FindGesture(gestureId);
        gesture.Decline(manager, Guard.Text(reason, "Reason", Limits.Reason), now);
        Append(manager, TimelineEventKind.GestureDeclined, ServiceStep.Victory,
            $"Gesture declined: {gesture.Kind.Words()}, {gesture.Amount.ToString("0.00", CultureInfo.InvariantCulture)}", now);
    }

    public bool HasGestureAwaitingApproval => new GestureTally(_gestures).AnyAwaitingApproval;

    private void MarkGestureGiven()
    {
        HasGivenGesture = true;
        Recovered = true;
    }

    // ---- I: Implement improvements ------------------------------------------------------------

    public ImprovementLink LinkImprovement(Improvement improvement, Actor by, DateTimeOffset now)
    {
        EnsureOpen("link an improvement");
        if (improvement.PracticeId != PracticeId)
        {
            throw new DomainRuleException("That improvement belongs to another practice.");
        }

        if (_improvementLinks.Any(l => l.ImprovementId == improvement.Id))
        {
            throw new DomainRuleException("That improvement is already linked to this case.");
        }

        var link = new ImprovementLink(Id, by, improvement.Id, now);
        _improvementLinks.Add(link);
        Steps.Improve.MarkDone(now);
        Append(by, TimelineEventKind.ImprovementLinked, ServiceStep.ImplementImprovements, $"Improvement linked: {improvement.Title}", now);
        return link;
    }

    // ---- C: Communicate results ---------------------------------------------------------------

    public Lesson RecordLesson(Actor by, string text, DateTimeOffset now)
    {
        EnsureOpen("record a lesson");
        var lesson = new Lesson(Id, by, Guard.Text(text, "Lesson", Limits.Reason), now);
        _lessons.Add(lesson);
        Append(by, TimelineEventKind.LessonRecorded, ServiceStep.CommunicateResults, "Lesson recorded", now);
        return lesson;
    }

    /// <summary>The case page's field for the huddle's date.</summary>
    public const string HuddleDateField = "HuddleDate";

    /// <summary>
    /// The step is done when the case's lessons have been shared at a huddle: one held at the practice between the day
    /// the case was opened and today.
    /// </summary>
    public void MarkLessonsShared(Actor by, DateOnly huddleDate, PracticeLocale locale, DateTimeOffset now)
    {
        EnsureOpen("mark lessons shared");
        var unshared = _lessons.Where(l => l.SharedOn is null).ToList();
        if (unshared.Count == 0)
        {
            throw new DomainRuleException("Record the lesson before marking it shared.");
        }

        if (huddleDate > locale.DateAt(now))
        {
            throw DomainRuleException.For(HuddleDateField, "The huddle date cannot be in the future.");
        }

        if (huddleDate < locale.DateAt(OpenedAt))
        {
            throw DomainRuleException.For(HuddleDateField, "The huddle cannot be before the case was opened.");
        }

        unshared.ForEach(l => l.MarkShared(huddleDate));
        Steps.Communicate.MarkDone(now);
        Append(by, TimelineEventKind.LessonShared, ServiceStep.CommunicateResults,
            $"Lesson shared at the huddle on {huddleDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", now);
    }

    // ---- E: Extend the outcome ----------------------------------------------------------------

    /// <summary>A follow-up is planned for a day at the practice from today to a year ahead.</summary>
    public FollowUp PlanFollowUp(Actor by, DateOnly plannedFor, FollowUpMethod method, PracticeLocale locale, DateTimeOffset now)
    {
        EnsureOpen("plan a follow-up");
        if (!Enum.IsDefined(method))
        {
            throw new DomainRuleException("Choose how to follow up.");
        }

        var today = locale.DateAt(now);
        if (plannedFor < today || plannedFor > today.AddYears(1))
        {
            throw DomainRuleException.For(nameof(FollowUp.PlannedFor), "Plan the follow-up for today or a day within the next year.");
        }

        var followUp = new FollowUp(Id, by, plannedFor, method, now);
        _followUps.Add(followUp);
        Recovered = true;
        Append(by, TimelineEventKind.FollowUpPlanned, ServiceStep.ExtendOutcome,
            $"Follow-up planned: {method.Words()} on {plannedFor.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", now);
        return followUp;
    }

    public void RecordFollowUpOutcome(Guid followUpId, Actor by, string outcome, DateTimeOffset now)
    {
        EnsureOpen("record a follow-up");
        var followUp = _followUps.SingleOrDefault(f => f.Id == followUpId)
            ?? throw new DomainRuleException("That follow-up is not on this case.");
        followUp.RecordOutcome(Guard.Text(outcome, "Outcome", Limits.Reason), now);
        Append(by, TimelineEventKind.FollowUpOutcomeRecorded, ServiceStep.ExtendOutcome, "Follow-up outcome recorded", now);
    }

    /// <summary>
    /// Say sorry is overdue on an open case: the owner and the managers are told. The timeline records that they
    /// were; the case itself is not changed, so no one's open form goes stale. False when there is nothing to escalate.
    /// </summary>
    public bool EscalateOverdueApology(Actor system, IReadOnlyCollection<string> notified, DateTimeOffset now)
    {
        if (Status != CaseStatus.Open || Steps.SaySorry.IsSettled || now <= Steps.SaySorry.DueAt || notified.Count == 0)
        {
            return false;
        }

        // Every recipient's name would outgrow the column in a practice with many managers: "and N others" instead.
        _timeline.Add(new TimelineEvent(Id, system, TimelineEventKind.ApologyEscalated, ServiceStep.SaySorry,
            BoundedText.Names($"Say sorry overdue by {Durations.Describe(now - Steps.SaySorry.DueAt)}: emailed ", [.. notified], TimelineEvent.MaxDetailLength), now));
        return true;
    }

    /// <summary>
    /// The patient came back, on a day at the practice from the defect's to today. With every other step settled, this
    /// resolves the case.
    /// </summary>
    public PatientReturn RecordReturn(Actor by, DateOnly returnedOn, string reason, PracticeLocale locale, DateTimeOffset now)
    {
        EnsureOpen("record the patient's return");
        if (returnedOn > locale.DateAt(now))
        {
            throw DomainRuleException.For(nameof(PatientReturn.ReturnedOn), "The return date cannot be in the future.");
        }

        if (returnedOn < locale.DateAt(Defect.OccurredAt))
        {
            throw DomainRuleException.For(nameof(PatientReturn.ReturnedOn), "The return date cannot be before the defect happened.");
        }

        return AddReturn(by, new PatientReturn(Id, by, returnedOn, Guard.Text(reason, "What the patient came back for", Limits.ShortText), now),
            $"Patient returned on {returnedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", now);
    }

    /// <summary>A return, typed or seen in the PMS: the earliest day kept, Extend the outcome done, on the timeline.</summary>
    private PatientReturn AddReturn(Actor by, PatientReturn patientReturn, string detail, DateTimeOffset now)
    {
        _returns.Add(patientReturn);
        if (FirstReturnOn is null || patientReturn.ReturnedOn < FirstReturnOn)
        {
            FirstReturnOn = patientReturn.ReturnedOn;
        }

        Steps.Extend.MarkDone(now);
        Append(by, TimelineEventKind.ReturnRecorded, ServiceStep.ExtendOutcome, detail, now);
        return patientReturn;
    }

    /// <summary>The words a return seen in the practice-management system is recorded with.</summary>
    public const string AttendedReason = "Attended an appointment (from the practice-management system)";

    /// <summary>
    /// The practice-management system says the patient attended an appointment: when it began after the defect and the
    /// case is open, that is the patient's return (Extend the outcome), recorded as a typed return would be, with the
    /// appointment as its source. The same appointment twice records one return.
    /// </summary>
    /// <returns>The return recorded, or null when the appointment is not a return for this case.</returns>
    public PatientReturn? RecordReturnFromAppointment(Actor system, Appointment appointment, PracticeLocale locale, DateTimeOffset now)
    {
        if (Status != CaseStatus.Open || !appointment.WasAttended || appointment.StartsAt <= Defect.OccurredAt
            || appointment.PatientId != Defect.PatientId || _returns.Any(r => r.AppointmentId == appointment.Id))
        {
            return null;
        }

        var returnedOn = locale.DateAt(appointment.StartsAt);
        return AddReturn(system, new PatientReturn(Id, system, returnedOn, AttendedReason, now, appointment.Id),
            $"Patient attended an appointment on {returnedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} (from the practice-management system)", now);
    }

    /// <summary>
    /// A manager chooses, ahead of the patient's next visit, the personal gesture to welcome them back with: the story
    /// behind the product is the floor manager greeting the couple at the door with a gesture chosen for them.
    /// </summary>
    public void PlanWelcomeBack(Actor manager, string gesture, DateTimeOffset now)
    {
        EnsureOpenOrResolved("plan a welcome back");
        if (!manager.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can choose the welcome-back gesture.");
        }

        var chosen = Guard.Text(gesture, "The welcome-back gesture", WelcomeGestureList.MaxLength);
        if (chosen == WelcomeBackGesture)
        {
            return;
        }

        WelcomeBackGesture = chosen;
        Append(manager, TimelineEventKind.WelcomeBackPlanned, ServiceStep.ExtendOutcome, $"Welcome-back gesture chosen: {chosen}", now);
    }

    /// <summary>The patient was welcomed back: who greeted them and what was said or given, on the timeline of Extend the outcome.</summary>
    public WelcomeBack RecordWelcomeBack(Actor by, string greetedBy, string saidOrGiven, DateTimeOffset now)
    {
        EnsureOpenOrResolved("record a welcome back");
        var welcome = new WelcomeBack(Id, by, Guard.Text(greetedBy, "Who greeted the patient", Limits.Name),
            Guard.Text(saidOrGiven, "What was said or given", Limits.Reason), now);
        _welcomeBacks.Add(welcome);
        Append(by, TimelineEventKind.WelcomeBackRecorded, ServiceStep.ExtendOutcome,
            BoundedText.Fit($"Welcomed back by {welcome.GreetedBy}: {welcome.SaidOrGiven}", TimelineEvent.MaxDetailLength), now);
        return welcome;
    }

    // ---- Corrections ---------------------------------------------------------------------------

    /// <inheritdoc cref="Corrections.IsCorrected"/>
    public bool IsCorrected(CaseRecord record) => new Corrections(_fixes, _contacts, _lessons).IsCorrected(record);

    /// <summary>
    /// Corrects the wording of a fix, a personal contact or a lesson. Nothing is undone silently: the
    /// correction is a new record and a timeline event, and the original stays visible beside it.
    /// </summary>
    public CaseRecord CorrectRecord(Guid recordId, string text, Actor by, DateTimeOffset now)
    {
        EnsureOpen("correct a record");
        CaseRecord? original = _fixes.SingleOrDefault(r => r.Id == recordId)
            ?? (CaseRecord?)_contacts.SingleOrDefault(r => r.Id == recordId)
            ?? _lessons.SingleOrDefault(r => r.Id == recordId);
        if (original is null)
        {
            throw new DomainRuleException("That record is not on this case, or it cannot be corrected.");
        }

        if (IsCorrected(original))
        {
            throw new DomainRuleException("That record has already been corrected; correct the latest version.");
        }

        (CaseRecord correction, ServiceStep step, string what) = original switch
        {
            Fix fix => ((CaseRecord)Add(_fixes, fix.Corrected(by, Guard.Text(text, "What was done", Limits.Description), now)), ServiceStep.ExpediteSolutions, "Fix"),
            PersonalContact contact => ((CaseRecord)Add(_contacts, contact.Corrected(by, Guard.Text(text, "Summary", Limits.Description), now)), ServiceStep.Respond, "Personal contact"),
            Lesson lesson => ((CaseRecord)Add(_lessons, lesson.Corrected(by, Guard.Text(text, "Lesson", Limits.Reason), now)), ServiceStep.CommunicateResults, "Lesson"),
            _ => throw new DomainRuleException("That record cannot be corrected."),
        };
        Append(by, TimelineEventKind.RecordCorrected, step, $"{what} corrected; the earlier wording stays on the case", now);
        return correction;
    }

    private static T Add<T>(List<T> records, T record)
    {
        records.Add(record);
        return record;
    }

    // ---- Skipping and the life of the case ----------------------------------------------------

    /// <summary>
    /// Say sorry is the step the product measures and escalates: skipping it silences the escalation email, so only
    /// a practice manager may (front desk asks with <see cref="RequestSkip"/>). Any other step anyone may skip with a reason.
    /// </summary>
    public static bool SkipNeedsManager(ServiceStep step) => step == ServiceStep.SaySorry;

    public void Skip(ServiceStep step, string reason, Actor by, DateTimeOffset now)
    {
        EnsureOpen("skip a step");
        EnsureSkippable(step);
        if (SkipNeedsManager(step) && !by.IsManager)
        {
            throw new DomainRuleException($"Only a practice manager can skip {step.Title()}; use Request to skip and a manager will decide.");
        }

        EnsureNoPending(CaseRequestKind.SkipStep, step);
        SkipStep(step, Guard.Text(reason, "The reason for skipping", Limits.Reason), by, $"{step.Title()} skipped", now);
    }

    /// <summary>Front desk asks a practice manager to skip Say sorry. The step stays due (and escalates) until a manager decides.</summary>
    public CaseRequest RequestSkip(ServiceStep step, Actor by, string reason, DateTimeOffset now)
    {
        EnsureOpen("ask to skip a step");
        EnsureSkippable(step);
        if (!SkipNeedsManager(step))
        {
            throw new DomainRuleException($"{step.Title()} needs no manager's approval to skip: skip it with a reason.");
        }

        if (by.IsManager)
        {
            throw new DomainRuleException($"As a practice manager you skip {step.Title()} yourself; no request is needed.");
        }

        EnsureNoPending(CaseRequestKind.SkipStep, step);
        var request = AddRequest(CaseRequestKind.SkipStep, step, by, reason, now);
        Append(by, TimelineEventKind.SkipRequested, step, $"Asked a practice manager to skip {step.Title()}: {request.Reason}", now);
        return request;
    }

    /// <summary>Front desk asks a practice manager to withdraw the case. It stays open, in the queue, until a manager decides.</summary>
    public CaseRequest RequestWithdrawal(Actor by, string reason, DateTimeOffset now)
    {
        EnsureOpen("ask to withdraw the case");
        if (by.IsManager)
        {
            throw new DomainRuleException("As a practice manager you withdraw the case yourself; no request is needed.");
        }

        EnsureNoPending(CaseRequestKind.Withdrawal, null);
        var request = AddRequest(CaseRequestKind.Withdrawal, null, by, reason, now);
        Append(by, TimelineEventKind.WithdrawalRequested, null, $"Asked a practice manager to withdraw the case: {request.Reason}", now);
        return request;
    }

    /// <summary>A manager (never the requester) approves: the case is withdrawn, or the step skipped, for the requester's reason.</summary>
    public void ApproveRequest(Guid requestId, Actor manager, DateTimeOffset now)
    {
        EnsureOpen("decide a request");
        var request = FindRequest(requestId);
        request.Approve(manager, now);
        HasPendingRequest = _requests.Any(r => r.IsPending);
        var because = $"at {request.RecordedByName}'s request";
        if (request.Kind == CaseRequestKind.Withdrawal)
        {
            WithdrawNow(manager, request.Reason, $"Case withdrawn {because}", now);
        }
        else
        {
            var step = request.Step!.Value;
            if (Steps[step].IsSettled)
            {
                throw new DomainRuleException($"{step.Title()} is already {(Steps[step].IsSkipped ? "skipped" : "done")}.");
            }

            SkipStep(step, request.Reason, manager, $"{step.Title()} skipped {because}", now);
        }
    }

    /// <summary>A manager (never the requester) declines with a reason: the request is cleared and the case goes on as before.</summary>
    public void DeclineRequest(Guid requestId, Actor manager, string reason, DateTimeOffset now)
    {
        EnsureOpen("decide a request");
        var request = FindRequest(requestId);
        request.Decline(manager, Guard.Text(reason, "The reason for declining", Limits.Reason), now);
        HasPendingRequest = _requests.Any(r => r.IsPending);
        Append(manager, TimelineEventKind.RequestDeclined, request.Step,
            $"Declined {request.RecordedByName}'s request to {request.What}: {request.DecisionNote}", now);
    }

    public CaseRequest? PendingRequest(CaseRequestKind kind, ServiceStep? step = null) => new CaseRequests(_requests).Pending(kind, step);

    private CaseRequest AddRequest(CaseRequestKind kind, ServiceStep? step, Actor by, string reason, DateTimeOffset now)
    {
        var request = new CaseRequest(Id, by, kind, step, Guard.Text(reason, "The reason", Limits.Reason), now);
        _requests.Add(request);
        HasPendingRequest = true;
        return request;
    }

    private CaseRequest FindRequest(Guid requestId) =>
        _requests.SingleOrDefault(r => r.Id == requestId) ?? throw new DomainRuleException("That request is not on this case.");

    /// <summary>Only one request of a kind waits at a time, and a manager decides it rather than acting around it.</summary>
    private void EnsureNoPending(CaseRequestKind kind, ServiceStep? step)
    {
        if (PendingRequest(kind, step) is { } pending)
        {
            throw new DomainRuleException($"{pending.RecordedByName}'s request to {pending.What} is waiting for a practice manager: approve or decline it.");
        }
    }

    private void LapsePending(Func<CaseRequest, bool> which, string why, Actor by, DateTimeOffset now)
    {
        foreach (var request in _requests.Where(r => r.IsPending && which(r)).ToList())
        {
            request.Lapse(why, now);
            HasPendingRequest = _requests.Any(r => r.IsPending);
            Append(by, TimelineEventKind.RequestLapsed, request.Step, $"{request.RecordedByName}'s request to {request.What} no longer needed: {why}", now);
        }
    }

    private void EnsureSkippable(ServiceStep step)
    {
        if (!Enum.IsDefined(step))
        {
            throw new DomainRuleException("Choose a SERVICE step.");
        }

        if (Steps[step].IsSettled)
        {
            throw new DomainRuleException($"{step.Title()} is already {(Steps[step].IsSkipped ? "skipped" : "done")}.");
        }
    }

    private void SkipStep(ServiceStep step, string reason, Actor by, string what, DateTimeOffset now)
    {
        var skip = new StepSkip(Id, by, step, reason, now);
        _skips.Add(skip);
        Steps[step].MarkSkipped(skip.Reason, now);
        Append(by, TimelineEventKind.StepSkipped, step, $"{what}: {skip.Reason}", now);
    }

    public const string OnlyOwnerOrManagerReassigns =
        "This case belongs to a colleague. Only they or a practice manager can give it to someone else; add what you did to the case instead.";

    public void AssignOwner(string? ownerId, string? ownerName, Actor by, DateTimeOffset now)
    {
        if (Status is CaseStatus.Closed or CaseStatus.Withdrawn)
        {
            throw new DomainRuleException($"This case is {Status.Words()}; its owner cannot change.");
        }

        if (ownerId == OwnerId)
        {
            return;
        }

        // Front desk may open any case of its practice, but takes over only an unassigned case or hands on its own:
        // a colleague's case changes hands through its owner or a manager.
        if (!by.IsManager && OwnerId is not null && OwnerId != by.UserId)
        {
            throw new DomainRuleException(OnlyOwnerOrManagerReassigns);
        }

        OwnerId = ownerId;
        OwnerName = ownerId is null ? null : ownerName;
        Append(by, TimelineEventKind.OwnerChanged, null, OwnerName is null ? "Owner removed" : $"Owner set to {OwnerName}", now);
    }

    /// <summary>
    /// A withdrawn case leaves the queue, the reports and the reminders, so withdrawing needs a practice manager
    /// (front desk asks with <see cref="RequestWithdrawal"/>); a manager can <see cref="Reinstate"/> it.
    /// </summary>
    public void Withdraw(Actor by, string reason, DateTimeOffset now)
    {
        EnsureOpen("withdraw the case");
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can withdraw a case; use Request withdrawal and a manager will decide.");
        }

        EnsureNoPending(CaseRequestKind.Withdrawal, null);
        WithdrawNow(by, Guard.Text(reason, "The reason for withdrawing", Limits.Reason), "Case withdrawn", now);
    }

    /// <summary>A manager brings a withdrawn case back: open again, in the queue, the reports and the reminders.</summary>
    public void Reinstate(Actor by, string reason, DateTimeOffset now)
    {
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can reinstate a case.");
        }

        if (Status != CaseStatus.Withdrawn)
        {
            throw new DomainRuleException("Only a withdrawn case can be reinstated.");
        }

        var why = Guard.Text(reason, "The reason for reinstating", Limits.Reason);
        Status = CaseStatus.Open;
        // The withdrawal stays on the timeline; the case row says what the case is now.
        WithdrawnAt = null;
        WithdrawReason = null;
        Append(by, TimelineEventKind.Reinstated, null, $"Case reinstated: {why}", now);
    }

    private void WithdrawNow(Actor by, string reason, string what, DateTimeOffset now)
    {
        WithdrawReason = reason;
        WithdrawnAt = now;
        Status = CaseStatus.Withdrawn;
        Append(by, TimelineEventKind.Withdrawn, null, $"{what}: {WithdrawReason}", now);
        LapsePending(_ => true, "the case was withdrawn", by, now);
    }

    /// <summary>After review, a manager closes a resolved case.</summary>
    public void Close(Actor by, DateTimeOffset now)
    {
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can close a case.");
        }

        if (Status != CaseStatus.Resolved)
        {
            throw new DomainRuleException("Only a resolved case can be closed.");
        }

        Status = CaseStatus.Closed;
        ClosedAt = now;
        Append(by, TimelineEventKind.Closed, null, "Case closed after review", now);
    }

    public void Reopen(Actor by, string reason, DateTimeOffset now)
    {
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can reopen a case.");
        }

        if (Status != CaseStatus.Closed)
        {
            throw new DomainRuleException("Only a closed case can be reopened.");
        }

        var why = Guard.Text(reason, "The reason for reopening", Limits.Reason);
        Status = CaseStatus.Open;
        ClosedAt = null;
        ResolvedAt = null;
        Append(by, TimelineEventKind.Reopened, null, $"Case reopened: {why}", now);
    }

    /// <summary>The recovery survey went to the patient (their address is on the patient's record, never on the timeline).</summary>
    public void RecordSurveySent(RecoverySurvey survey, DateTimeOffset now)
    {
        if (survey.CaseId != Id)
        {
            throw new DomainRuleException("That survey is not of this case.");
        }

        Append(Actor.RecoverySurvey, TimelineEventKind.SurveySent, null, $"Survey sent; the link works until {survey.ExpiresAt:yyyy-MM-dd}", now);
    }

    /// <summary>The patient answered the recovery survey: the scores on the timeline; the comment stays on the survey.</summary>
    public void RecordSurveyAnswer(RecoverySurvey survey, DateTimeOffset now)
    {
        if (survey.CaseId != Id || !survey.IsAnswered)
        {
            throw new DomainRuleException("That survey is not an answer of this case.");
        }

        Append(Actor.RecoverySurvey, TimelineEventKind.SurveyAnswered, null, survey.Summary() + (survey.Low ? " (low)" : ""), now);
    }

    /// <summary>
    /// The retention rule removed the patient's details (<see cref="Patient.RemoveDetails"/>): the letters' words, which hold
    /// the name and address, go with them; the timeline says so once. The case, its steps, gestures and figures stay.
    /// </summary>
    /// <returns>Whether anything changed: false when the case already records the removal.</returns>
    public bool RecordPatientDetailsRemoved(JurisdictionProfile profile, DateTimeOffset now)
    {
        if (Status is not (CaseStatus.Closed or CaseStatus.Withdrawn))
        {
            throw new DomainRuleException("A patient's details are removed only when every case of theirs is closed or withdrawn.");
        }

        if (_timeline.Any(e => e.Kind == TimelineEventKind.PatientDetailsRemoved))
        {
            return false;
        }

        foreach (var letter in _letters)
        {
            letter.RemoveWords();
        }

        Append(Actor.RetentionRule, TimelineEventKind.PatientDetailsRemoved, null, RetentionRule.TimelineWords(profile), now);
        return true;
    }

    private Gesture FindGesture(Guid gestureId) =>
        _gestures.SingleOrDefault(g => g.Id == gestureId) ?? throw new DomainRuleException("That gesture is not on this case.");

    /// <summary>A gesture left waiting when the other steps resolved the case can still be decided.</summary>
    private void EnsureOpenOrResolved(string action)
    {
        if (Status is not (CaseStatus.Open or CaseStatus.Resolved))
        {
            throw new DomainRuleException($"This case is {Status.Words()}, so you cannot {action}.");
        }
    }

    private void EnsureOpen(string action)
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainRuleException($"This case is {Status.Words()}, so you cannot {action}.");
        }
    }

    private void Append(Actor by, TimelineEventKind kind, ServiceStep? step, string detail, DateTimeOffset now)
    {
        _timeline.Add(new TimelineEvent(Id, by, kind, step, detail, now));
        LastChangedByName = by.Name;
        LastChangedAt = now;
        // Reopening (or reinstating) keeps the case open even though its steps may be settled: the manager did it to act.
        if (kind is not (TimelineEventKind.CaseOpened or TimelineEventKind.SecondFailure or TimelineEventKind.Resolved or TimelineEventKind.Reopened or TimelineEventKind.Reinstated))
        {
            RefreshProgress();
            ResolveIfComplete(by, now);
        }
    }

    /// <summary>The current step and the next due time follow from the seven tracks alone.</summary>
    private void RefreshProgress()
    {
        CurrentStep = Steps.Current;
        NextDueAt = Steps.NextDue?.Track.DueAt;
    }

    private void ResolveIfComplete(Actor by, DateTimeOffset now)
    {
        if (Status == CaseStatus.Open && CurrentStep is null)
        {
            Status = CaseStatus.Resolved;
            ResolvedAt = now;
            Append(by, TimelineEventKind.Resolved, null, "Case resolved: every SERVICE step is done or skipped", now);
            LapsePending(_ => true, "the case was resolved", by, now);
        }
    }
}
