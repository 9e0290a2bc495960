namespace ServiceRecovery.Domain;

/// <summary>Anything at any stage of the journey that spoiled the patient's experience.</summary>
public sealed class ServiceDefect
{
    private ServiceDefect() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid StageId { get; private set; }
    public Guid? CategoryId { get; private set; }
    public Severity Severity { get; private set; }
    public DefectChannel Channel { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>What happened, in the patient's words.</summary>
    public string Description { get; private set; } = "";

    public string LoggedById { get; private set; } = "";
    public string LoggedByName { get; private set; } = "";
    public DateTimeOffset LoggedAt { get; private set; }

    public static ServiceDefect Log(
        Guid practiceId,
        Guid patientId,
        CxStage stage,
        DefectCategory? category,
        Severity severity,
        DefectChannel channel,
        DateTimeOffset occurredAt,
        string description,
        Actor loggedBy,
        DateTimeOffset now)
    {
        if (stage.PracticeId != practiceId || (category is not null && category.PracticeId != practiceId))
        {
            throw new DomainRuleException("The stage and category must belong to the case's practice.");
        }

        if (stage.IsRetired)
        {
            throw new DomainRuleException("That stage has been retired; choose a current stage.");
        }

        if (category?.IsRetired == true)
        {
            throw new DomainRuleException("That category has been retired; choose a current category.");
        }

        if (!Enum.IsDefined(severity) || !Enum.IsDefined(channel))
        {
            throw new DomainRuleException("Choose a severity and a channel from the lists.");
        }

        return new ServiceDefect
        {
            Id = Guid.CreateVersion7(),
            PracticeId = practiceId,
            PatientId = patientId,
            StageId = stage.Id,
            CategoryId = category?.Id,
            Severity = severity,
            Channel = channel,
            OccurredAt = Guard.NotInFuture(occurredAt, now, "When it happened"),
            Description = Guard.Text(description, "What happened", Limits.Description),
            LoggedById = loggedBy.UserId,
            LoggedByName = loggedBy.Name,
            LoggedAt = now,
        };
    }
}
