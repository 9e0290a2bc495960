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

    /// <summary>A concurrency token, renewed by every save that changes the improvement; its status form carries it.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>Who last changed the status, and when: for the page and for the message to someone whose form was stale.</summary>
    public string? StatusChangedByName { get; private set; }

    public DateTimeOffset? StatusChangedAt { get; private set; }

    /// <summary>A new improvement, due (if at all) on a day at the practice from today to two years ahead.</summary>
    public static Improvement Propose(
        Guid practiceId, string title, string? description, string? ownerId, string? ownerName, DateOnly? dueOn, PracticeLocale locale, DateTimeOffset now)
    {
        // A day's grace before today: a date picked as today just before midnight at the practice is still accepted.
        var today = locale.DateAt(now);
        if (dueOn is { } due && (due < today.AddDays(-1) || due > today.AddYears(2)))
        {
            throw DomainRuleException.For(nameof(DueOn), "Choose a due date from today to two years ahead.");
        }

        return new()
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            Title = Guard.Text(title, "Improvement title", Limits.ShortText),
            Description = Guard.OptionalText(description, "Improvement description", Limits.Description),
            OwnerId = ownerId,
            OwnerName = ownerName,
            DueOn = dueOn,
            Status = ImprovementStatus.Proposed,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// An improvement is the practice's process change, so its owner (who carries it out) and the practice's managers
    /// (who answer for the outer loop of the SERVICE steps) move it along; other staff see it and link cases to it.
    /// </summary>
    public bool MayChangeStatus(Actor by) => by.IsManager || (OwnerId is not null && OwnerId == by.UserId);

    /// <summary>Moves the improvement to <paramref name="status"/>; the change, or null when it already has that status.</summary>
    public ImprovementStatusChange? MoveTo(ImprovementStatus status, Actor by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainRuleException("Choose an improvement status from the list.");
        }

        if (!MayChangeStatus(by))
        {
            throw new DomainRuleException("Only the improvement's owner or a practice manager can change its status.");
        }

        if (status == Status)
        {
            return null;
        }

        var change = new ImprovementStatusChange(Status, status, by, now);
        Status = status;
        StatusChangedByName = by.Name;
        StatusChangedAt = now;
        return change;
    }
}

/// <summary>One status change of an improvement: who, when, from and to.</summary>
public sealed record ImprovementStatusChange(ImprovementStatus From, ImprovementStatus To, Actor By, DateTimeOffset At)
{
    public string Describe(string title) => $"Improvement \"{title}\": {From.Words()} → {To.Words()}";
}
