namespace ServiceRecovery.Web.Email;

/// <summary>
/// What this app instance's sender and reminder planner have met lately, for the readiness check: how many
/// send attempts failed in a row, how many planner runs failed in a row, and which emails the mail server
/// accepted but could not yet be marked sent. Counts and ids only.
/// </summary>
public sealed class EmailHealth
{
    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _unrecorded = [];
    private int _failedSendsInARow;
    private int _failedPlansInARow;

    public int FailedSendsInARow { get { lock (_gate) { return _failedSendsInARow; } } }

    public int FailedPlansInARow { get { lock (_gate) { return _failedPlansInARow; } } }

    /// <summary>Emails the mail server accepted whose "sent" mark has not been saved yet: mark them, never send them again.</summary>
    public IReadOnlyList<Guid> Unrecorded { get { lock (_gate) { return [.. _unrecorded]; } } }

    public void SendSucceeded() { lock (_gate) { _failedSendsInARow = 0; } }

    public void SendFailed() { lock (_gate) { _failedSendsInARow++; } }

    public void PlanSucceeded() { lock (_gate) { _failedPlansInARow = 0; } }

    public void PlanFailed() { lock (_gate) { _failedPlansInARow++; } }

    public void AcceptedButUnrecorded(Guid id) { lock (_gate) { _unrecorded.Add(id); } }

    public void Recorded(Guid id) { lock (_gate) { _unrecorded.Remove(id); } }

    public bool IsUnrecorded(Guid id) { lock (_gate) { return _unrecorded.Contains(id); } }
}
