namespace ServiceRecovery.Domain;

// Small values over the records a case holds. The aggregate and the case page's read-only view (which reads the same
// records without loading the aggregate) both answer through them, so each rule has one home.

/// <summary>What a case's gestures add up to.</summary>
public readonly record struct GestureTally(IEnumerable<Gesture> Gestures)
{
    /// <summary>What the practice gave: gestures given, not those waiting or declined.</summary>
    public decimal GivenTotal => Gestures.Where(g => g.State == GestureState.Given).Sum(g => g.Amount);

    public bool AnyAwaitingApproval => Gestures.Any(g => g.State == GestureState.PendingApproval);
}

/// <summary>Which of a case's records a later record corrects: the correctable kinds are fixes, personal contacts and lessons.</summary>
public sealed class Corrections(IEnumerable<Fix> fixes, IEnumerable<PersonalContact> contacts, IEnumerable<Lesson> lessons)
{
    private readonly HashSet<Guid> _corrected =
        fixes.Select(r => r.CorrectsId).Concat(contacts.Select(r => r.CorrectsId)).Concat(lessons.Select(r => r.CorrectsId)).OfType<Guid>().ToHashSet();

    /// <summary>True when a later record corrects this one. The corrected record stays on the case.</summary>
    public bool IsCorrected(CaseRecord record) => _corrected.Contains(record.Id);
}

/// <summary>A case's requests to a practice manager.</summary>
public readonly record struct CaseRequests(IEnumerable<CaseRequest> Requests)
{
    /// <summary>The request of a kind (for a skip, of that step) that waits for a manager, if any.</summary>
    public CaseRequest? Pending(CaseRequestKind kind, ServiceStep? step = null) =>
        Requests.FirstOrDefault(r => r.IsPending && r.Kind == kind && (kind != CaseRequestKind.SkipStep || r.Step == step));
}

/// <summary>When the defect happened and when the patient first heard sorry.</summary>
public readonly record struct ApologyTiming(DateTimeOffset OccurredAt, DateTimeOffset? FirstApologyAt)
{
    /// <summary>How long the patient waited for an apology, from when the defect happened (never negative).</summary>
    public TimeSpan? TimeToApology => FirstApologyAt is { } at ? (at > OccurredAt ? at - OccurredAt : TimeSpan.Zero) : null;
}
