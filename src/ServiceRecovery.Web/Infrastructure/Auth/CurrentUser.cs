using System.Security.Claims;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// The signed-in person, as handlers and the practice filter need them. A role belongs to a membership, so every
/// question about power names the practice it is asked for.
/// </summary>
public interface ICurrentUser
{
    bool IsSignedIn { get; }
    string? UserId { get; }
    string Name { get; }

    /// <summary>
    /// Every practice the person belongs to, whatever their role there: the practice filter. An archived practice is
    /// here only for its administrators, so they can still read its cases and reports.
    /// </summary>
    Guid[] PracticeIds { get; }

    /// <summary>Practice ids joined for a log line (ids only, never names of people).</summary>
    string PracticeIdsForLog { get; }

    /// <summary>The person's role at the practice, or null when they do not belong to it.</summary>
    StaffRole? RoleIn(Guid practiceId);

    /// <summary>
    /// The practices where the person holds at least <paramref name="role"/> and works today: archived practices are
    /// left out, so every list and form built from this (switchers, role selects, the log form) drops them in one place.
    /// </summary>
    Guid[] PracticesWhere(StaffRole role);

    /// <summary>
    /// As <see cref="PracticesWhere"/>, archived practices included: what the person may still read (reports, the audit
    /// trail). Only an administrator of an archived practice keeps it in their sign-in, so only they read it.
    /// </summary>
    Guid[] ReadablePracticesWhere(StaffRole role);

    /// <summary>The person acting at the practice, with their role there. Refused for a practice they do not belong to.</summary>
    Actor ToActor(Guid practiceId);
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private IReadOnlyDictionary<Guid, StaffRole>? _roles;
    private Guid[]? _practiceIds;
    private HashSet<Guid>? _archived;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string Name => Principal?.FindFirstValue(AppClaims.DisplayName) ?? Principal?.Identity?.Name ?? "";

    private IReadOnlyDictionary<Guid, StaffRole> Roles => _roles ??= IsSignedIn ? AppClaims.MembershipsOf(Principal!) : new Dictionary<Guid, StaffRole>();

    private HashSet<Guid> Archived => _archived ??= IsSignedIn ? AppClaims.ArchivedOf(Principal!) : [];

    // Read by the practice filter on every query of the request: made once.
    public Guid[] PracticeIds => _practiceIds ??= [.. Roles.Keys];

    public string PracticeIdsForLog => string.Join(",", Roles.Keys);

    public StaffRole? RoleIn(Guid practiceId) => Roles.TryGetValue(practiceId, out var role) ? role : null;

    public Guid[] PracticesWhere(StaffRole role) => [.. Roles.Where(m => m.Value >= role && !Archived.Contains(m.Key)).Select(m => m.Key)];

    public Guid[] ReadablePracticesWhere(StaffRole role) => [.. Roles.Where(m => m.Value >= role).Select(m => m.Key)];

    public Actor ToActor(Guid practiceId) => (UserId, RoleIn(practiceId)) is ({ } id, { } role)
        ? new Actor(id, Name, role)
        : throw new InvalidOperationException("The signed-in person does not belong to this practice.");
}

/// <summary>
/// The practice filter of the DbContext for one DI scope: in a web request the signed-in user's practices
/// (none when signed out); start-up and background work lift it explicitly with <see cref="LiftForSystemWork"/>.
/// </summary>
public sealed class PracticeScope(ICurrentUser user) : IPracticeScope
{
    public bool IsUnrestricted { get; private set; }

    public Guid[] PracticeIds => IsUnrestricted ? [] : user.PracticeIds;

    public void LiftForSystemWork() => IsUnrestricted = true;
}

public static class AppClaims
{
    /// <summary>One claim per membership: the practice id and the role there, as "{practice id} {role}".</summary>
    public const string Membership = "sr:membership";
    public const string DisplayName = "sr:name";

    /// <summary>One claim per archived practice the person still reads (as its administrator): the practice id.</summary>
    public const string Archived = "sr:archived";

    public static Claim For(PracticeMembership membership) => new(Membership, $"{membership.PracticeId:D} {Data.Roles.Name(membership.Role)}");

    /// <summary>The memberships a principal carries; a claim that does not parse grants nothing.</summary>
    public static IReadOnlyDictionary<Guid, StaffRole> MembershipsOf(ClaimsPrincipal principal)
    {
        var memberships = new Dictionary<Guid, StaffRole>();
        foreach (var claim in principal.FindAll(Membership))
        {
            var parts = claim.Value.Split(' ');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var practiceId) && practiceId != Guid.Empty && Data.Roles.Parse(parts[1]) is { } role)
            {
                memberships[practiceId] = role;
            }
        }

        return memberships;
    }

    /// <summary>The archived practices among the principal's memberships.</summary>
    public static HashSet<Guid> ArchivedOf(ClaimsPrincipal principal) =>
        [.. principal.FindAll(Archived).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    /// <summary>Whether the principal holds at least <paramref name="role"/> in some practice: for navigation only.</summary>
    public static bool HoldsSomewhere(ClaimsPrincipal principal, StaffRole role) => MembershipsOf(principal).Values.Any(r => r >= role);
}
