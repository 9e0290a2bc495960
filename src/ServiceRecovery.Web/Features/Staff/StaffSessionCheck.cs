using System.Security.Claims;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;


namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// Ends a session on its next request once the account is deactivated or its security stamp renewed (role,
/// practices or password changed), instead of up to a minute later. One primary-key read per signed-in request;
/// then Identity's own periodic validation runs as before, to refresh the claims.
/// Wire it as the application cookie's <c>OnValidatePrincipal</c>.
/// </summary>
public static class StaffSessionCheck
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);

        // Users carry no practice filter, so this read is the same whatever the request's scope turns out to be.
        var account = userId is null
            ? null
            : await services.GetRequiredService<AppDbContext>().Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.IsActive, u.SecurityStamp })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is not { IsActive: true } || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
