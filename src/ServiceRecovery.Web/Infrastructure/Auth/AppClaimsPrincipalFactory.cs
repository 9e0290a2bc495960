using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Puts the user's display name and memberships (practice and role there) into the sign-in cookie. No global role
/// claim is written: a role belongs to a membership. Any change to a membership renews the security stamp, so the
/// cookie is rebuilt from these rows.
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        // The practice filter is that of the request signing in (none yet): lifted for this one read of the person's own practices.
        var memberships = await (from m in db.Memberships.AsNoTracking()
                                 join p in db.Practices.IgnoreQueryFilters() on m.PracticeId equals p.Id
                                 where m.UserId == user.Id
                                 select new { Membership = m, Archived = p.ArchivedAt != null }).ToListAsync();
        foreach (var row in memberships)
        {
            // An archived practice stays readable to its administrators only; for everyone else it is gone.
            if (row.Archived && row.Membership.Role != StaffRole.Administrator)
            {
                continue;
            }

            identity.AddClaim(AppClaims.For(row.Membership));
            if (row.Archived)
            {
                identity.AddClaim(new Claim(AppClaims.Archived, row.Membership.PracticeId.ToString("D")));
            }
        }

        return identity;
    }
}
