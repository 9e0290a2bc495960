using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ServiceRecovery.Web.Features.Staff;

public static class StaffRegistration
{
    /// <summary>
    /// A deactivated or re-stamped account's session ends on its next request (see <see cref="StaffSessionCheck"/>).
    /// After configuration, because AddIdentity gives the application cookie fresh events of its own.
    /// </summary>
    public static IServiceCollection AddStaffSessionCheck(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            options => options.Events.OnValidatePrincipal = StaffSessionCheck.ValidatePrincipalAsync);
}
