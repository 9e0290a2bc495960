using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>Who may do what to a staff account: the rules the create and edit slices share.</summary>
public static class StaffRules
{
    public const string AdministratorOnly = "Only an administrator can grant the Administrator role.";
    public const string AdministratorAccountOnly = "Only an administrator can change an administrator's account.";
    public const string OwnPracticesOnly = "Choose from your own practices.";
    public const string AtLeastOnePractice = "Choose at least one practice. To remove someone from all your practices, deactivate the account.";
    public const string NotYourself = "You cannot deactivate your own account. Ask another manager or an administrator.";
    public const string NotYourOwnRole = "You cannot change your own role. Ask another manager or an administrator.";
    public const string ChangedBySomeoneElse = "This account was changed by someone else after you opened it. The form now shows the latest; reload and make your change again if it is still needed.";

    /// <summary>Roles from least to most powerful; a user holding several counts as the last one they hold.</summary>
    private static readonly string[] Ranked = [Roles.FrontDesk, Roles.PracticeManager, Roles.Administrator];

    public static string Words(string role) => role switch
    {
        Roles.FrontDesk => "Front desk",
        Roles.PracticeManager => "Practice manager",
        Roles.Administrator => "Administrator",
        _ => role,
    };

    /// <summary>A practice manager grants front desk and practice manager; only an administrator grants administrator.</summary>
    public static IReadOnlyList<string> GrantableBy(StaffRole actor) =>
        actor == StaffRole.Administrator ? Ranked : [Roles.FrontDesk, Roles.PracticeManager];

    public static bool MayGrant(StaffRole actor, string? role) => role is not null && GrantableBy(actor).Contains(role);

    public static string HighestOf(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet();
        return Ranked.LastOrDefault(held.Contains) ?? Roles.FrontDesk;
    }

    /// <summary>The staff member, if they belong to at least one of the acting user's practices; otherwise null (shown as 404).</summary>
    public static async Task<ApplicationUser?> FindInPracticesAsync(AppDbContext db, string? userId, Guid[] practiceIds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId) || practiceIds.Length == 0)
        {
            return null;
        }

        var shares = await db.Memberships.AnyAsync(m => m.UserId == userId && practiceIds.Contains(m.PracticeId), cancellationToken);
        return shares ? await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
    }

    public static async Task<string> RoleOfAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        HighestOf(await (from ur in db.UserRoles
                         join r in db.Roles on ur.RoleId equals r.Id
                         where ur.UserId == userId
                         select r.Name!).ToListAsync(cancellationToken));

    /// <summary>The acting user's practices, by name, for checkboxes and audit lines.</summary>
    public static Task<List<PracticeChoice>> PracticesOfAsync(AppDbContext db, Guid[] practiceIds, CancellationToken cancellationToken) =>
        db.Practices.AsNoTracking()
            .Where(p => practiceIds.Contains(p.Id))
            .OrderBy(p => p.Name)
            .Select(p => new PracticeChoice(p.Id, p.Name))
            .ToListAsync(cancellationToken);
}

public sealed record PracticeChoice(Guid Id, string Name);
