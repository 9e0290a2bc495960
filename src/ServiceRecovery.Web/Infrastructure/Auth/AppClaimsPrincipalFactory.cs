using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Data;

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
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).ToListAsync();
        foreach (var membership in memberships)
        {
            identity.AddClaim(AppClaims.For(membership));
        }

        return identity;
    }
}
