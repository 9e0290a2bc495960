namespace ServiceRecovery.Domain;

/// <summary>The signed-in person doing something to a case, as the rules need them.</summary>
public sealed record Actor(string UserId, string Name, StaffRole Role)
{
    /// <summary>
    /// The public comment card, as the author of the cases it opens. Not a person and not an account: it holds the
    /// least role and never acts on a case after opening it.
    /// </summary>
    public static Actor CommentCard { get; } = new("comment-card", "Comment card", StaffRole.FrontDesk);

    /// <summary>The recovery survey, as the author of the timeline events it adds: "Survey sent", "Survey answered".</summary>
    public static Actor RecoverySurvey { get; } = new("recovery-survey", "Recovery survey", StaffRole.FrontDesk);

    /// <summary>The retention rule, as the author of "Patient details removed under the retention rule".</summary>
    public static Actor RetentionRule { get; } = new("retention-rule", "Retention rule", StaffRole.FrontDesk);

    public bool IsManager => Role is StaffRole.PracticeManager or StaffRole.Administrator;
}

public enum StaffRole
{
    FrontDesk = 1,
    PracticeManager = 2,
    Administrator = 3,
}
