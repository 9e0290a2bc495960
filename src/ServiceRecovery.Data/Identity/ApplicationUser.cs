using Microsoft.AspNetCore.Identity;

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

/// <summary>Which practices a user works in; every query is limited to these.</summary>
public sealed class PracticeMembership
{
    public string UserId { get; set; } = "";
    public Guid PracticeId { get; set; }
}

public static class Roles
{
    public const string FrontDesk = nameof(FrontDesk);
    public const string PracticeManager = nameof(PracticeManager);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All = [FrontDesk, PracticeManager, Administrator];

    /// <summary>Managers and administrators may approve gestures and close cases.</summary>
    public const string Managers = PracticeManager + "," + Administrator;
}
