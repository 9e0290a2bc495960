using System.Security.Claims;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>The signed-in person, as handlers and the practice filter need them.</summary>
public interface ICurrentUser
{
    bool IsSignedIn { get; }
    string? UserId { get; }
    string Name { get; }
    StaffRole Role { get; }
    Guid[] PracticeIds { get; }

    /// <summary>Practice ids joined for a log line (ids only, never names of people).</summary>
    string PracticeIdsForLog { get; }

    Actor ToActor();
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private Guid[]? _practiceIds;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string Name => Principal?.FindFirstValue(AppClaims.DisplayName) ?? Principal?.Identity?.Name ?? "";

    public StaffRole Role => Principal switch
    {
        { } p when p.IsInRole(Roles.Administrator) => StaffRole.Administrator,
        { } p when p.IsInRole(Roles.PracticeManager) => StaffRole.PracticeManager,
        _ => StaffRole.FrontDesk,
    };

    public Guid[] PracticeIds => _practiceIds ??= IsSignedIn
        ? Principal!.FindAll(AppClaims.Practice).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToArray()
        : [];

    public string PracticeIdsForLog => string.Join(",", PracticeIds);

    public Actor ToActor() => UserId is { } id
        ? new Actor(id, Name, Role)
        : throw new InvalidOperationException("No one is signed in.");
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
    public const string Practice = "sr:practice";
    public const string DisplayName = "sr:name";
}
