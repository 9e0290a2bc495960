using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Data;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>Puts the user's display name and practices into the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        var practiceIds = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.PracticeId).ToListAsync();
        foreach (var practiceId in practiceIds)
        {
            identity.AddClaim(new Claim(AppClaims.Practice, practiceId.ToString()));
        }

        return identity;
    }
}
