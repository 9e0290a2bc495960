namespace ServiceRecovery.Domain;

/// <summary>
/// One fact of a practice's getting-started checklist that has no other home: a manager said the stages look right,
/// saved the gesture limits or due times, opened the printable comment card, dismissed the checklist or showed it again.
/// Appended, never edited or removed: the checklist reads the latest state from the marks, and they say who and when.
/// </summary>
public sealed class ChecklistMark
{
    private ChecklistMark() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public ChecklistMarkKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";

    public static ChecklistMark Record(Guid practiceId, ChecklistMarkKind kind, Actor by, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        PracticeId = practiceId,
        Kind = kind,
        At = now,
        ActorId = by.UserId,
        ActorName = BoundedText.Fit(by.Name, Limits.Name),
    };
}

public enum ChecklistMarkKind
{
    /// <summary>A manager pressed "Looks right" on the stages and categories item.</summary>
    StagesLookRight = 1,

    /// <summary>A manager saved the gesture limits or the step due times.</summary>
    LimitsSaved = 2,

    /// <summary>A manager opened the printable comment card.</summary>
    CommentCardOpened = 3,

    Dismissed = 4,
    ShownAgain = 5,
}
