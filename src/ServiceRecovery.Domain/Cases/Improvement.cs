namespace ServiceRecovery.Domain;

/// <summary>A process or training change of the practice; one improvement may serve many cases.</summary>
public sealed class Improvement
{
    private Improvement() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public ImprovementStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Improvement Propose(Guid practiceId, string title, string? description, string? ownerId, string? ownerName, DateOnly? dueOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PracticeId = practiceId,
        Title = Guard.Text(title, "Improvement title", Limits.ShortText),
        Description = Guard.OptionalText(description, "Improvement description", Limits.Description),
        OwnerId = ownerId,
        OwnerName = ownerName,
        DueOn = dueOn,
        Status = ImprovementStatus.Proposed,
        CreatedAt = now,
    };

    public void MoveTo(ImprovementStatus status) => Status = Enum.IsDefined(status)
        ? status
        : throw new DomainRuleException("Choose an improvement status from the list.");
}
