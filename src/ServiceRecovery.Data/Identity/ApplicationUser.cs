using Microsoft.AspNetCore.Identity;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Data;

/// <summary>A member of staff who signs in. Deactivated, never deleted.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The person asked not to get the daily digest. Escalations are essential and still sent.</summary>
    public bool NonEssentialMailOptOut { get; set; }
}

/// <summary>
/// Which practices a user works in, and their role in each; every query is limited to these. The role belongs to the
/// membership, not to the person: one person may be Front desk at one practice and Practice manager at another, and
/// "may this person do it?" is always asked for the practice of the thing being touched.
/// </summary>
public sealed class PracticeMembership
{
    public string UserId { get; set; } = "";
    public Guid PracticeId { get; set; }
    public StaffRole Role { get; set; } = StaffRole.FrontDesk;
}

/// <summary>The names of the roles, as forms post them and claims carry them.</summary>
public static class Roles
{
    public const string FrontDesk = nameof(FrontDesk);
    public const string PracticeManager = nameof(PracticeManager);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All = [FrontDesk, PracticeManager, Administrator];

    public static StaffRole? Parse(string? role) => role switch
    {
        FrontDesk => StaffRole.FrontDesk,
        PracticeManager => StaffRole.PracticeManager,
        Administrator => StaffRole.Administrator,
        _ => null,
    };

    public static string Name(StaffRole role) => role switch
    {
        StaffRole.PracticeManager => PracticeManager,
        StaffRole.Administrator => Administrator,
        _ => FrontDesk,
    };
}
