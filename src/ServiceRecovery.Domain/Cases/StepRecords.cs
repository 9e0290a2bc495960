namespace ServiceRecovery.Domain;

/// <summary>Say sorry: who apologised, how and when.</summary>
public sealed class Apology : CaseRecord
{
    private Apology() { }

    internal Apology(Guid caseId, Actor by, string apologisedBy, ApologyMethod method, DateTimeOffset apologisedAt, DateTimeOffset now)
        : base(caseId, by, now)
    {
        ApologisedBy = apologisedBy;
        Method = method;
        ApologisedAt = apologisedAt;
    }

    /// <summary>The member of staff who said sorry (often, but not always, the one recording it).</summary>
    public string ApologisedBy { get; private set; } = "";

    public ApologyMethod Method { get; private set; }
    public DateTimeOffset ApologisedAt { get; private set; }
}

/// <summary>Expedite solutions: what was done to fix the problem.</summary>
public sealed class Fix : CaseRecord
{
    private Fix() { }

    internal Fix(Guid caseId, Actor by, string description, DateTimeOffset now) : base(caseId, by, now)
        => Description = description;

    public string Description { get; private set; } = "";

    internal Fix Corrected(Actor by, string description, DateTimeOffset now) => AsCorrectionOf(new Fix(CaseId, by, description, now));
}

/// <summary>Respond: a personal contact with the patient.</summary>
public sealed class PersonalContact : CaseRecord
{
    private PersonalContact() { }

    internal PersonalContact(Guid caseId, Actor by, ContactMethod method, DateTimeOffset contactedAt, string summary, DateTimeOffset now)
        : base(caseId, by, now)
    {
        Method = method;
        ContactedAt = contactedAt;
        Summary = summary;
    }

    public ContactMethod Method { get; private set; }
    public DateTimeOffset ContactedAt { get; private set; }
    public string Summary { get; private set; } = "";

    internal PersonalContact Corrected(Actor by, string summary, DateTimeOffset now) =>
        AsCorrectionOf(new PersonalContact(CaseId, by, Method, ContactedAt, summary, now));
}

/// <summary>Implement improvements: this case is served by a practice improvement.</summary>
public sealed class ImprovementLink : CaseRecord
{
    private ImprovementLink() { }

    internal ImprovementLink(Guid caseId, Actor by, Guid improvementId, DateTimeOffset now) : base(caseId, by, now)
        => ImprovementId = improvementId;

    public Guid ImprovementId { get; private set; }
}

/// <summary>Communicate results: the lesson, and the huddle at which it was shared.</summary>
public sealed class Lesson : CaseRecord
{
    private Lesson() { }

    internal Lesson(Guid caseId, Actor by, string text, DateTimeOffset now) : base(caseId, by, now) => Text = text;

    public string Text { get; private set; } = "";
    public DateOnly? SharedOn { get; private set; }

    internal void MarkShared(DateOnly huddleDate) => SharedOn ??= huddleDate;

    /// <summary>
    /// The new wording waits to be shared, even when the one it corrects was: it goes on the huddle board (and the
    /// display link) only once a manager has read it and marked it shared. The step stays done.
    /// </summary>
    internal Lesson Corrected(Actor by, string text, DateTimeOffset now) =>
        AsCorrectionOf(new Lesson(CaseId, by, text, now));
}

/// <summary>Extend the outcome: a planned follow-up and, later, how it went.</summary>
public sealed class FollowUp : CaseRecord
{
    private FollowUp() { }

    internal FollowUp(Guid caseId, Actor by, DateOnly plannedFor, FollowUpMethod method, DateTimeOffset now) : base(caseId, by, now)
    {
        PlannedFor = plannedFor;
        Method = method;
    }

    public DateOnly PlannedFor { get; private set; }
    public FollowUpMethod Method { get; private set; }
    public string? Outcome { get; private set; }
    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    internal void RecordOutcome(string outcome, DateTimeOffset now)
    {
        if (Outcome is not null)
        {
            throw new DomainRuleException("This follow-up already has an outcome.");
        }

        Outcome = outcome;
        OutcomeRecordedAt = now;
    }
}

/// <summary>Extend the outcome: the patient came back.</summary>
public sealed class PatientReturn : CaseRecord
{
    private PatientReturn() { }

    internal PatientReturn(Guid caseId, Actor by, DateOnly returnedOn, string reason, DateTimeOffset now, Guid? appointmentId = null) : base(caseId, by, now)
    {
        ReturnedOn = returnedOn;
        Reason = reason;
        AppointmentId = appointmentId;
    }

    public DateOnly ReturnedOn { get; private set; }

    /// <summary>What the patient came back for, in plain words (e.g. "six-monthly check-up").</summary>
    public string Reason { get; private set; } = "";

    /// <summary>The attended appointment the practice-management system reported, when the return came from it rather than being typed.</summary>
    public Guid? AppointmentId { get; private set; }

    /// <summary>Whether the return was seen in the practice-management system's appointments (rather than typed by staff).</summary>
    public bool IsFromPms => AppointmentId is not null;
}

/// <summary>
/// Extend the outcome: the patient came back and was welcomed back, by whom and with what words or gesture. The moment
/// the recovery is for; it is recorded, it does not settle a step (the return does).
/// </summary>
public sealed class WelcomeBack : CaseRecord
{
    private WelcomeBack() { }

    internal WelcomeBack(Guid caseId, Actor by, string greetedBy, string saidOrGiven, DateTimeOffset now) : base(caseId, by, now)
    {
        GreetedBy = greetedBy;
        SaidOrGiven = saidOrGiven;
    }

    /// <summary>Who greeted the patient (a member of staff, by name).</summary>
    public string GreetedBy { get; private set; } = "";

    /// <summary>What was said or given, in plain words.</summary>
    public string SaidOrGiven { get; private set; } = "";
}

/// <summary>A step deliberately not taken, with the written reason.</summary>
public sealed class StepSkip : CaseRecord
{
    private StepSkip() { }

    internal StepSkip(Guid caseId, Actor by, ServiceStep step, string reason, DateTimeOffset now) : base(caseId, by, now)
    {
        Step = step;
        Reason = reason;
    }

    public ServiceStep Step { get; private set; }
    public string Reason { get; private set; } = "";
}
