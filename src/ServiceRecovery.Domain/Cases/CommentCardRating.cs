namespace ServiceRecovery.Domain;

/// <summary>"How was your visit?" on the public comment card, in the patient's terms.</summary>
public enum CommentCardRating
{
    VeryPoor = 1,
    Poor = 2,
    Okay = 3,
    Good = 4,
    VeryGood = 5,
}

public static class CommentCardRatings
{
    /// <summary>What staff see first, before anyone has spoken to the patient; they may find it worse.</summary>
    public static Severity Severity(this CommentCardRating rating) => rating switch
    {
        CommentCardRating.VeryPoor => Domain.Severity.Major,
        CommentCardRating.Poor => Domain.Severity.Moderate,
        CommentCardRating.Okay or CommentCardRating.Good or CommentCardRating.VeryGood => Domain.Severity.Minor,
        _ => throw new DomainRuleException("Choose how your visit was."),
    };
}
