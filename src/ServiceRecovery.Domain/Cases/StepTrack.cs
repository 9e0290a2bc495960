namespace ServiceRecovery.Domain;

/// <summary>
/// Where one SERVICE step of a case stands: when it is due and when it was settled (done or skipped).
/// Settled by the case as records are added, and kept on the case row so that lists can sort and filter
/// (and the case can change) without loading every record.
/// </summary>
public sealed class StepTrack
{
    private StepTrack() { }

    internal StepTrack(DateTimeOffset dueAt) => DueAt = dueAt;

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>When the step was done (or skipped); null while it is still to do.</summary>
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>The written reason, when the step was skipped rather than done.</summary>
    public string? SkipReason { get; private set; }

    public bool IsSettled => SettledAt is not null;

    public bool IsSkipped => SkipReason is not null;

    public StepState StateAt(DateTimeOffset now, TimeSpan dueSoonWindow)
    {
        if (IsSettled)
        {
            return IsSkipped ? StepState.Skipped : StepState.Done;
        }

        if (now > DueAt)
        {
            return StepState.Overdue;
        }

        return DueAt - now <= dueSoonWindow ? StepState.DueSoon : StepState.Pending;
    }

    /// <summary>Done wins over skipped: a step skipped and later done anyway counts as done, from the first time.</summary>
    internal void MarkDone(DateTimeOffset at)
    {
        if (IsSettled && !IsSkipped)
        {
            return;
        }

        SettledAt = at;
        SkipReason = null;
    }

    internal void MarkSkipped(string reason, DateTimeOffset at)
    {
        SettledAt = at;
        SkipReason = reason;
    }
}
