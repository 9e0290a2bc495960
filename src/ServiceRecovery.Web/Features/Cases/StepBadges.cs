namespace ServiceRecovery.Web.Features.Cases;

/// <summary>How a step's state reads on the page.</summary>
public static class StepBadges
{
    public static string Text(StepState state) => state switch
    {
        StepState.Done => "Done",
        StepState.Skipped => "Skipped",
        StepState.Overdue => "Overdue",
        StepState.DueSoon => "Due soon",
        _ => "To do",
    };

    public static string For(StepState state) => state switch
    {
        StepState.Done => "text-bg-success",
        StepState.Skipped => "text-bg-secondary",
        StepState.Overdue => "text-bg-danger",
        StepState.DueSoon => "text-bg-warning",
        _ => "text-bg-light border",
    };

    /// <summary>The step a form belongs to, so the page opens that section after a failed submit.</summary>
    public static ServiceStep? StepOfForm(string? form) => form switch
    {
        "Apology" => ServiceStep.SaySorry,
        "Fix" => ServiceStep.ExpediteSolutions,
        "Contact" => ServiceStep.Respond,
        "Gesture" or "Decision" => ServiceStep.Victory,
        "Improvement" => ServiceStep.ImplementImprovements,
        "Lesson" or "Shared" => ServiceStep.CommunicateResults,
        "FollowUp" or "FollowUpOutcome" or "Return" or "WelcomePlan" or "Welcome" => ServiceStep.ExtendOutcome,
        _ => null,
    };
}
