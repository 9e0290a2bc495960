namespace ServiceRecovery.Domain;

/// <summary>Anything at any stage of the journey that spoiled the patient's experience.</summary>
public sealed class ServiceDefect
{
    /// <summary>How lists name the patient of a comment card whose writer chose not to be contacted.</summary>
    public const string AnonymousPatient = "Anonymous (comment card)";

    /// <summary>The same, in full, where there is room (the case page).</summary>
    public const string AnonymousPatientInFull = "Anonymous (comment card) — did not ask to be contacted";

    /// <summary>How screens name the stage of a comment card whose writer was not sure which part of the visit it was.</summary>
    public const string StageNotSure = "Not sure (comment card)";

    private ServiceDefect() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    /// <summary>
    /// The patient, when the practice may contact them. Null only for a comment card whose writer chose not to be
    /// contacted: then the practice holds no name, phone or email for it (<see cref="IsAnonymous"/>).
    /// </summary>
    public Guid? PatientId { get; private set; }

    /// <summary>The stage of the visit; null only when a comment card's writer was not sure.</summary>
    public Guid? StageId { get; private set; }
    public Guid? CategoryId { get; private set; }
    public Severity Severity { get; private set; }
    public DefectChannel Channel { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>What happened, in the patient's words.</summary>
    public string Description { get; private set; } = "";

    public string LoggedById { get; private set; } = "";
    public string LoggedByName { get; private set; } = "";
    public DateTimeOffset LoggedAt { get; private set; }

    public bool IsAnonymous => PatientId is null;

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

        return Create(practiceId, patientId, stage, category, severity, channel, occurredAt, description, loggedBy, now);
    }

    /// <summary>
    /// A defect a patient reported on the public comment card: reached us by comment card, logged by the card itself,
    /// with the severity their rating implies. No patient when they chose not to be contacted; no stage when they were
    /// not sure which part of the visit it was.
    /// </summary>
    public static ServiceDefect FromCommentCard(
        Guid practiceId,
        Guid? patientId,
        CxStage? stage,
        CommentCardRating rating,
        DateTimeOffset occurredAt,
        string description,
        DateTimeOffset now)
    {
        if (!Enum.IsDefined(rating))
        {
            throw new DomainRuleException("Choose how your visit was.");
        }

        if (stage is not null && (stage.PracticeId != practiceId || stage.IsRetired))
        {
            throw new DomainRuleException("Choose a part of the visit from the list.");
        }

        return Create(practiceId, patientId, stage, null, rating.Severity(), DefectChannel.CommentCard, occurredAt, description, Actor.CommentCard, now);
    }

    /// <summary>How far back a comment card's visit may be: a card kept in a bag for a while still counts.</summary>
    public const int CommentCardMaxDaysAgo = 90;

    /// <summary>
    /// When a comment card's visit happened: a day from the last <see cref="CommentCardMaxDaysAgo"/> days up to today
    /// at the practice (today when none was given). Today's visit happened just now, as far as anyone can tell; an
    /// earlier one around the middle of that day.
    /// </summary>
    public static DateTimeOffset CommentCardVisitAt(DateOnly? visitDate, PracticeLocale locale, DateTimeOffset now)
    {
        var today = locale.DateAt(now);
        var visit = visitDate ?? today;
        if (visit > today || visit < today.AddDays(-CommentCardMaxDaysAgo))
        {
            throw DomainRuleException.For("VisitDate", $"Choose a day from the last {CommentCardMaxDaysAgo} days, up to today.");
        }

        return visit == today ? now : locale.FromLocal(visit.ToDateTime(new TimeOnly(12, 0)));
    }

    /// <summary>How far back a defect may be logged: the reports and the recovery window look no further.</summary>
    public const int MaxYearsAgo = 2;

    /// <summary>When it happened: not in the future (a minute of grace) and within the last two years, refused beside its field.</summary>
    public static DateTimeOffset OccurredWithinReach(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        var at = Guard.NotInFuture(occurredAt, now, "When it happened", nameof(OccurredAt));
        return at < now.AddYears(-MaxYearsAgo)
            ? throw DomainRuleException.For(nameof(OccurredAt), "When it happened must be within the last two years.")
            : at;
    }

    private static ServiceDefect Create(
        Guid practiceId,
        Guid? patientId,
        CxStage? stage,
        DefectCategory? category,
        Severity severity,
        DefectChannel channel,
        DateTimeOffset occurredAt,
        string description,
        Actor loggedBy,
        DateTimeOffset now)
    {
        return new ServiceDefect
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            PatientId = patientId,
            StageId = stage?.Id,
            CategoryId = category?.Id,
            Severity = severity,
            Channel = channel,
            OccurredAt = OccurredWithinReach(occurredAt, now),
            Description = Guard.Text(description, "What happened", Limits.Description),
            LoggedById = loggedBy.UserId,
            LoggedByName = loggedBy.Name,
            LoggedAt = now,
        };
    }
}
