namespace ServiceRecovery.Domain;

/// <summary>
/// Front desk asking a practice manager to withdraw the case or to skip a step only a manager may skip (Say sorry).
/// Until a manager decides, the case shows the request and nothing else changes: the step stays due, its
/// escalation still goes out, the case stays in the queue. The request is kept after the decision.
/// </summary>
public sealed class CaseRequest : CaseRecord
{
    private CaseRequest() { }

    internal CaseRequest(Guid caseId, Actor by, CaseRequestKind kind, ServiceStep? step, string reason, DateTimeOffset now)
        : base(caseId, by, now)
    {
        Kind = kind;
        Step = step;
        Reason = reason;
        State = CaseRequestState.Pending;
    }

    public CaseRequestKind Kind { get; private set; }

    /// <summary>The step to skip, for a skip request.</summary>
    public ServiceStep? Step { get; private set; }

    /// <summary>The requester's reason: on approval it becomes the reason for withdrawing or skipping.</summary>
    public string Reason { get; private set; } = "";

    public CaseRequestState State { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The manager's reason for declining, or why the request was no longer needed.</summary>
    public string? DecisionNote { get; private set; }

    public bool IsPending => State == CaseRequestState.Pending;

    /// <summary>"withdraw the case" or "skip Say sorry", for messages and the timeline.</summary>
    public string What => Describe(Kind, Step);

    public static string Describe(CaseRequestKind kind, ServiceStep? step) =>
        kind == CaseRequestKind.Withdrawal ? "withdraw the case" : $"skip {step?.Title()}";

    /// <summary>Whether this person may approve or decline the request: a manager who did not ask.</summary>
    public bool CanBeDecidedBy(string? userId, bool isManager) => isManager && userId != RecordedById;

    internal void Approve(Actor manager, DateTimeOffset now) => Decide(CaseRequestState.Approved, manager, null, now);

    internal void Decline(Actor manager, string reason, DateTimeOffset now) => Decide(CaseRequestState.Declined, manager, reason, now);

    /// <summary>The case moved on (the apology was recorded, the case was withdrawn or resolved): nothing left to decide.</summary>
    internal void Lapse(string why, DateTimeOffset now)
    {
        State = CaseRequestState.Lapsed;
        DecidedAt = now;
        DecisionNote = why;
    }

    private void Decide(CaseRequestState outcome, Actor manager, string? note, DateTimeOffset now)
    {
        if (!manager.IsManager)
        {
            throw new DomainRuleException($"Only a practice manager can decide a request to {What}.");
        }

        // Four eyes: whoever asked never decides their own request, even if they have since become a manager.
        if (manager.UserId == RecordedById)
        {
            throw new DomainRuleException($"You asked to {What}; another practice manager must decide.");
        }

        if (!IsPending)
        {
            throw new DomainRuleException("This request has already been decided.");
        }

        State = outcome;
        DecidedById = manager.UserId;
        DecidedByName = manager.Name;
        DecidedAt = now;
        DecisionNote = note;
    }
}

public enum CaseRequestKind
{
    Withdrawal = 1,
    SkipStep = 2,
}

public enum CaseRequestState
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
    Lapsed = 4,
}
