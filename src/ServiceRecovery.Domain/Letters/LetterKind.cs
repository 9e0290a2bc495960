namespace ServiceRecovery.Domain;

/// <summary>What a letter to the patient is for: the seven the practice is shipped with, and any it adds. Values are kept: append, never renumber.</summary>
public enum LetterKind
{
    Apology = 1,
    FixDone = 2,
    Outcome = 3,
    FollowUp = 4,
    WelcomeBack = 5,
    Custom = 6,
    ComplaintAcknowledgement = 7,
    ComplaintResponse = 8,
}
