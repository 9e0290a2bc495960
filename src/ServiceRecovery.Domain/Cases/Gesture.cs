namespace ServiceRecovery.Domain;

/// <summary>Victory: something given to the patient, with its cost to the practice.</summary>
public sealed class Gesture : CaseRecord
{
    private Gesture() { }

    internal Gesture(Guid caseId, Actor by, GestureKind kind, decimal amount, string? note, GestureState state, DateTimeOffset now)
        : base(caseId, by, now)
    {
        Kind = kind;
        Amount = amount;
        Note = note;
        State = state;
        GiverRole = by.Role;
    }

    public GestureKind Kind { get; private set; }

    /// <summary>Cost in the practice's currency.</summary>
    public decimal Amount { get; private set; }

    public string? Note { get; private set; }
    public GestureState State { get; private set; }
    public StaffRole GiverRole { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>Whether this person may approve or decline the gesture: a manager who did not give it.</summary>
    public bool CanBeDecidedBy(string? userId, bool isManager) => isManager && userId != RecordedById;

    internal void Approve(Actor manager, DateTimeOffset now) => Decide(GestureState.Given, manager, null, now);

    internal void Decline(Actor manager, string reason, DateTimeOffset now) => Decide(GestureState.Declined, manager, reason, now);

    private void Decide(GestureState outcome, Actor manager, string? reason, DateTimeOffset now)
    {
        if (!manager.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can approve or decline a gesture.");
        }

        // Four eyes on money: the giver never decides their own gesture, whatever their role; a manager's own
        // gesture above the manager limit waits for another manager or an administrator.
        if (manager.UserId == RecordedById)
        {
            throw new DomainRuleException("You gave this gesture; another manager must decide.");
        }

        if (State != GestureState.PendingApproval)
        {
            throw new DomainRuleException("This gesture is not waiting for approval.");
        }

        State = outcome;
        DecidedById = manager.UserId;
        DecidedByName = manager.Name;
        DecidedAt = now;
        DeclineReason = reason;
    }
}
