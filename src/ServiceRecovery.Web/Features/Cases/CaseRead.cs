namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// A case as the case page shows it: the case row and the records on screen, read without loading the aggregate.
/// It answers the page's questions with the same names as <see cref="RecoveryCase"/> and through the domain's own
/// rules (step states, corrections, the time to apology, the gesture total); it changes nothing.
/// Records the page does not show (step skips, improvement links) are not read.
/// </summary>
public sealed class CaseRead(
    CaseDetailsQueries.Head head,
    IReadOnlyList<Apology> apologies,
    IReadOnlyList<Fix> fixes,
    IReadOnlyList<PersonalContact> contacts,
    IReadOnlyList<Gesture> gestures,
    IReadOnlyList<Lesson> lessons,
    IReadOnlyList<FollowUp> followUps,
    IReadOnlyList<PatientReturn> returns,
    IReadOnlyList<CaseRequest> requests,
    IReadOnlyList<TimelineEvent> timeline)
{
    private readonly Corrections _corrections = new(fixes, contacts, lessons);

    public Guid Id => head.Id;
    public string Reference => head.Reference;
    public Guid Version => head.Version;
    public CaseStatus Status => head.Status;
    public ServiceStep? CurrentStep => head.CurrentStep;
    public string? OwnerId => head.OwnerId;
    public string? OwnerName => head.OwnerName;
    public DateTimeOffset OpenedAt => head.OpenedAt;
    public DateTimeOffset? ResolvedAt => head.ResolvedAt;
    public DateTimeOffset? ClosedAt => head.ClosedAt;
    public DateTimeOffset? WithdrawnAt => head.WithdrawnAt;
    public string? WithdrawReason => head.WithdrawReason;
    public ServiceDefect Defect => head.Defect;

    /// <summary>The case's severity: the defect's as logged, or one level up for a second failure.</summary>
    public Severity Severity => head.Severity;

    public Guid? RepeatOfCaseId => head.RepeatOfCaseId;
    public string? RepeatOfReference => head.RepeatOfReference;
    public DateTimeOffset? RepeatOfOccurredAt => head.RepeatOfOccurredAt;
    public string? RepeatAssignedToName => head.RepeatAssignedToName;
    public bool IsSecondFailure => head.RepeatOfCaseId is not null;

    /// <summary>The day the patient asked for a formal complaint on the comment card that could not be marked then; see <see cref="RecoveryCase.ComplaintRequestedOn"/>.</summary>
    public DateOnly? ComplaintRequestedOn => head.ComplaintRequestedOn;

    public IReadOnlyList<Apology> Apologies => apologies;
    public IReadOnlyList<Fix> Fixes => fixes;
    public IReadOnlyList<PersonalContact> Contacts => contacts;
    public IReadOnlyList<Gesture> Gestures => gestures;
    public IReadOnlyList<Lesson> Lessons => lessons;
    public IReadOnlyList<FollowUp> FollowUps => followUps;
    public IReadOnlyList<PatientReturn> Returns => returns;
    public IReadOnlyList<TimelineEvent> Timeline => timeline;
    /// <summary>The case's requests; read only while one waits for a manager (see <see cref="CaseDetailsQueries.Head.HasPendingRequest"/>).</summary>
    public IReadOnlyList<CaseRequest> Requests => requests;

    /// <summary>Requests waiting for a practice manager, oldest first (a case only shows them while it is open).</summary>
    public IReadOnlyList<CaseRequest> PendingRequests => Status == CaseStatus.Open ? requests.Where(r => r.IsPending).OrderBy(r => r.RecordedAt).ToList() : [];

    public CaseRequest? PendingRequest(CaseRequestKind kind, ServiceStep? step = null) =>
        Status == CaseStatus.Open ? new CaseRequests(requests).Pending(kind, step) : null;

    public TimeSpan? TimeToApology => new ApologyTiming(head.Defect.OccurredAt, head.FirstApologyAt).TimeToApology;
    public decimal GivenGestureTotal => new GestureTally(gestures).GivenTotal;
    public bool HasGestureAwaitingApproval => new GestureTally(gestures).AnyAwaitingApproval;

    public bool IsCorrected(CaseRecord record) => _corrections.IsCorrected(record);

    public StepTracks Steps => head.Steps;

    public StepState StateOf(ServiceStep step, DateTimeOffset now) => Steps.StateOf(step, now);
}
