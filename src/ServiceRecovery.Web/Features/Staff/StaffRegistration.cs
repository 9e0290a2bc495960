namespace ServiceRecovery.Web.Features.Staff;

public static class StaffRegistration
{
    /// <summary>A deactivated or re-stamped account's session ends on its next request (see <see cref="StaffSessionCheck"/>).</summary>
    public static IServiceCollection AddStaffSessionCheck(this IServiceCollection services) =>
        services.ConfigureApplicationCookie(options => options.Events.OnValidatePrincipal = StaffSessionCheck.ValidatePrincipalAsync);
}
