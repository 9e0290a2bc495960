namespace ServiceRecovery.Domain;

/// <summary>
/// Empowerment: how much each role may give on one case without asking. Null means no limit.
/// Defaults from the product brief: front desk $100, managers unlimited.
/// </summary>
public sealed class GestureLimits
{
    public static GestureLimits Default => new(100m, null, null);

    private GestureLimits() { }

    public GestureLimits(decimal? frontDesk, decimal? practiceManager, decimal? administrator)
    {
        decimal?[] all = [frontDesk, practiceManager, administrator];
        if (all.Any(l => l is < 0 or > Limits.MaxGestureAmount))
        {
            throw new DomainRuleException($"A gesture limit must be between 0 and {Limits.MaxGestureAmount:N0}, or no limit.");
        }

        FrontDesk = frontDesk;
        PracticeManager = practiceManager;
        Administrator = administrator;
    }

    public decimal? FrontDesk { get; private set; }
    public decimal? PracticeManager { get; private set; }
    public decimal? Administrator { get; private set; }

    public decimal? For(StaffRole role) => role switch
    {
        StaffRole.FrontDesk => FrontDesk,
        StaffRole.PracticeManager => PracticeManager,
        StaffRole.Administrator => Administrator,
        _ => 0m,
    };
}
