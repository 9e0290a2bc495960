namespace ServiceRecovery.Domain;

/// <summary>One change to a case: who, when, what. Appended, never edited or removed.</summary>
public sealed class TimelineEvent
{
    /// <summary>The longest <see cref="Detail"/>: a reason of <see cref="Limits.Reason"/> and the words around it.</summary>
    public const int MaxDetailLength = Limits.Reason + 200;

    private TimelineEvent() { }

    internal TimelineEvent(Guid caseId, Actor by, TimelineEventKind kind, ServiceStep? step, string detail, DateTimeOffset at)
    {
        Id = Ids.New();
        CaseId = caseId;
        ActorId = by.UserId;
        ActorName = by.Name;
        Kind = kind;
        Step = step;
        Detail = BoundedText.Fit(detail, MaxDetailLength);
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public TimelineEventKind Kind { get; private set; }
    public ServiceStep? Step { get; private set; }

    /// <summary>A short description for the timeline. Holds no patient contact details.</summary>
    public string Detail { get; private set; } = "";
}

public enum TimelineEventKind
{
    CaseOpened = 1,
    ApologyRecorded,
    FixRecorded,
    ContactRecorded,
    GestureGiven,
    GestureAwaitingApproval,
    GestureApproved,
    GestureDeclined,
    ImprovementLinked,
    LessonRecorded,
    LessonShared,
    FollowUpPlanned,
    FollowUpOutcomeRecorded,
    ReturnRecorded,
    StepSkipped,
    OwnerChanged,
    Resolved,
    Closed,
    Reopened,
    Withdrawn,
    RecordCorrected,
    ApologyEscalated,
    WithdrawalRequested,
    SkipRequested,
    RequestDeclined,
    RequestLapsed,
    Reinstated,
    WelcomeBackPlanned,
    WelcomeBackRecorded,
    SecondFailure,
    SurveySent,
    SurveyAnswered,
    LetterRecorded,
    PatientDetailsRemoved,
    ComplaintMarked,
    ComplaintPaused,
    ComplaintResumed,
    ComplaintAcknowledged,
    ComplaintResponded,
    ComplaintOutcomeRecorded,
    ComplaintWarningSent,
    ComplaintEscalated,
    ComplaintRequested,
}
