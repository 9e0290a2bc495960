namespace ServiceRecovery.Domain;

/// <summary>The seven SERVICE steps, in their order.</summary>
public enum ServiceStep
{
    SaySorry = 1,
    ExpediteSolutions = 2,
    Respond = 3,
    Victory = 4,
    ImplementImprovements = 5,
    CommunicateResults = 6,
    ExtendOutcome = 7,
}

public static class ServiceSteps
{
    public static readonly IReadOnlyList<ServiceStep> InOrder = Enum.GetValues<ServiceStep>();

    public static string Title(this ServiceStep step) => step switch
    {
        ServiceStep.SaySorry => "Say sorry",
        ServiceStep.ExpediteSolutions => "Expedite solutions",
        ServiceStep.Respond => "Respond to the patient",
        ServiceStep.Victory => "Victory to the patient",
        ServiceStep.ImplementImprovements => "Implement improvements",
        ServiceStep.CommunicateResults => "Communicate results",
        ServiceStep.ExtendOutcome => "Extend the outcome",
        _ => step.ToString(),
    };

    /// <summary>What "done" means for the step, as staff read it on the checklist.</summary>
    public static string DoneWhen(this ServiceStep step) => step switch
    {
        ServiceStep.SaySorry => "an apology is recorded",
        ServiceStep.ExpediteSolutions => "the fix is recorded",
        ServiceStep.Respond => "a personal contact is recorded",
        ServiceStep.Victory => "a gesture is given",
        ServiceStep.ImplementImprovements => "an improvement is linked",
        ServiceStep.CommunicateResults => "the lesson is shared at a huddle",
        ServiceStep.ExtendOutcome => "the patient's return is recorded",
        _ => "",
    };
}

/// <summary>How a step looks on the checklist at a given moment.</summary>
public enum StepState
{
    Pending,
    DueSoon,
    Overdue,
    Done,
    Skipped,
}
