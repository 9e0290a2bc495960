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

    public static readonly IReadOnlyList<StaffRole> Roles = [StaffRole.FrontDesk, StaffRole.PracticeManager, StaffRole.Administrator];

    /// <summary>
    /// No one raises their own power: a role's limit is changed only by a higher role (a practice manager the front
    /// desk's, an administrator the practice manager's). The administrator limit has no higher role above it: only an
    /// administrator changes it, every change is in the practice's audit trail with the old and new values, and an
    /// administrator's gesture above it still waits for someone else to approve.
    /// </summary>
    public static bool MayChange(StaffRole role, Actor by) =>
        by.Role > role || (role == StaffRole.Administrator && by.Role == StaffRole.Administrator);

    /// <summary>Why a person may not change a role's limit, for the settings page; null when they may.</summary>
    public static string? WhyNot(StaffRole role, Actor by) => MayChange(role, by)
        ? null
        : role == StaffRole.FrontDesk
            ? "Only a practice manager or an administrator changes the front-desk limit."
            : "Only an administrator changes this limit: no one sets their own.";

    /// <summary>The roles whose limit differs between these limits and <paramref name="next"/>, with old and new values.</summary>
    public IReadOnlyList<(StaffRole Role, decimal? Old, decimal? New)> ChangesTo(GestureLimits next) =>
        Roles.Where(r => For(r) != next.For(r)).Select(r => (r, For(r), next.For(r))).ToList();

    public decimal? For(StaffRole role) => role switch
    {
        StaffRole.FrontDesk => FrontDesk,
        StaffRole.PracticeManager => PracticeManager,
        StaffRole.Administrator => Administrator,
        _ => 0m,
    };
}
