namespace ServiceRecovery.Domain;

/// <summary>A stage of the patient's journey through the practice (the Customer Experience Cycle).</summary>
public sealed class CxStage
{
    public static readonly IReadOnlyList<string> DefaultNames =
    [
        "First contact",
        "Booking & reminders",
        "Arrival & reception",
        "Waiting",
        "Treatment (chairside)",
        "Billing & payment",
        "After the visit",
        "Recall & return",
    ];

    private CxStage() { }

    internal CxStage(Guid practiceId, string name, int position)
    {
        Id = Ids.New();
        PracticeId = practiceId;
        Name = Guard.Text(name, "Stage name", Limits.Name);
        Position = position;
    }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string Name { get; private set; } = "";
    public int Position { get; private set; }

    /// <summary>When set, the stage is no longer offered for new defects but stays on old cases.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public void Rename(string name) => Name = Guard.Text(name, "Stage name", Limits.Name);

    public void MoveTo(int position) => Position = position;

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;
}
