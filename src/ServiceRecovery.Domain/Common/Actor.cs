namespace ServiceRecovery.Domain;

/// <summary>The signed-in person doing something to a case, as the rules need them.</summary>
public sealed record Actor(string UserId, string Name, StaffRole Role)
{
    public bool IsManager => Role is StaffRole.PracticeManager or StaffRole.Administrator;
}

public enum StaffRole
{
    FrontDesk = 1,
    PracticeManager = 2,
    Administrator = 3,
}
