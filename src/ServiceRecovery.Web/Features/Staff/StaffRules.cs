namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// Who may do what to a staff account: the rules the create and edit slices share. A role belongs to a membership, so every
/// rule here is asked for one practice: the editor's role there decides what they may grant there, and nothing they do reaches
/// a practice they do not manage.
/// </summary>
public static class StaffRules
{
    public const string AdministratorOnly = "Only an administrator of the practice can grant the Administrator role there.";
    public const string AdministratorAccountOnly = "Only an administrator of the practice can change an administrator's membership there.";
    public const string OwnPracticesOnly = "Choose from the practices you manage.";
    public const string AtLeastOnePractice = "Choose at least one practice.";
    public const string LastMembership = "This is their only practice. To stop them signing in, ask an administrator to deactivate the account; otherwise keep one practice.";
    public const string NotYourself = "You cannot deactivate your own account. Ask another administrator.";
    public const string NotYourOwnRole = "You cannot change your own role. Ask another manager or an administrator.";
    public const string DeactivateNeedsAdministrator = "Deactivating an account ends it in every practice it belongs to, so only an administrator of all of them can. To take them off your practice, set it to \"Not a member\".";

    /// <summary>Roles from least to most powerful.</summary>
    private static readonly string[] Ranked = [Roles.FrontDesk, Roles.PracticeManager, Roles.Administrator];

    public static string Words(string role) => role switch
    {
        Roles.FrontDesk => "Front desk",
        Roles.PracticeManager => "Practice manager",
        Roles.Administrator => "Administrator",
        _ => role,
    };

    public static string Words(StaffRole role) => Words(Roles.Name(role));

    /// <summary>At a practice: a practice manager grants front desk and practice manager; only an administrator there grants administrator.</summary>
    public static IReadOnlyList<string> GrantableBy(StaffRole? editor) => editor switch
    {
        StaffRole.Administrator => Ranked,
        StaffRole.PracticeManager => [Roles.FrontDesk, Roles.PracticeManager],
        _ => [],
    };

    public static bool MayGrant(StaffRole? editor, string? role) => role is not null && GrantableBy(editor).Contains(role);

    /// <summary>Whether an editor with <paramref name="editor"/> at a practice may change a membership holding <paramref name="held"/> there.</summary>
    public static bool MayChange(StaffRole? editor, StaffRole held) => editor >= StaffRole.PracticeManager && (held != StaffRole.Administrator || editor == StaffRole.Administrator);

    /// <summary>The staff member, if they belong to at least one of <paramref name="practiceIds"/>; otherwise null (shown as 404).</summary>
    public static async Task<ApplicationUser?> FindInPracticesAsync(AppDbContext db, string? userId, Guid[] practiceIds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId) || practiceIds.Length == 0)
        {
            return null;
        }

        var shares = await db.Memberships.AnyAsync(m => m.UserId == userId && practiceIds.Contains(m.PracticeId), cancellationToken);
        return shares ? await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
    }

    /// <summary>The practices by name, for checkboxes and audit lines (the practice filter applies).</summary>
    public static Task<List<PracticeChoice>> PracticesOfAsync(AppDbContext db, Guid[] practiceIds, CancellationToken cancellationToken) =>
        db.Practices.AsNoTracking()
            .Where(p => practiceIds.Contains(p.Id))
            .OrderBy(p => p.Name)
            .Select(p => new PracticeChoice(p.Id, p.Name))
            .ToListAsync(cancellationToken);

    /// <summary>"Practice manager" when every membership shown holds the same role, else each practice with its role.</summary>
    public static string Summary(IReadOnlyList<MembershipView> memberships) =>
        memberships.Select(m => m.Role).Distinct().Count() == 1
            ? Words(memberships[0].Role)
            : string.Join("; ", memberships.Select(m => $"{Words(m.Role)} at {m.PracticeName}"));
}

public sealed record PracticeChoice(Guid Id, string Name);

/// <summary>One membership as a manager may see it: the practice's name and the role there.</summary>
public sealed record MembershipView(Guid PracticeId, string PracticeName, StaffRole Role);
