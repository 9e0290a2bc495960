namespace ServiceRecovery.Domain;

/// <summary>The two clocks of a formal complaint.</summary>
public enum ComplaintClockKind
{
    Acknowledge = 1,
    Respond,
}

/// <summary>What the reminders send for a clock: a warning before it is due, an escalation after.</summary>
public enum ComplaintReminderKind
{
    Warning = 1,
    Escalation,
}

/// <summary>A warning or escalation owed for one clock of a formal complaint, for the due date kept on the case row.</summary>
public sealed record ComplaintReminder(ComplaintClockKind Clock, ComplaintReminderKind Kind, DateOnly Due)
{
    /// <summary>One per case, clock, kind and due date: a pause that moves the due date may warn again.</summary>
    public string DedupKey(Guid caseId, string recipientId) =>
        $"complaint-{Kind.ToString().ToLowerInvariant()}:{caseId:N}:{Clock.ToString().ToLowerInvariant()}:{Due:yyyy-MM-dd}:{recipientId}";
}

public static class ComplaintClockKindWords
{
    public static string Words(this ComplaintClockKind clock) => clock == ComplaintClockKind.Acknowledge ? "the acknowledgement" : "the final response";
}
