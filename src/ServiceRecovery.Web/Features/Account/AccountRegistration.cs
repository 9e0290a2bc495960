using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Account;

public static class AccountRegistration
{
    /// <summary>The invitation and reset links, with their lifetimes from <see cref="AccountLinkOptions"/>.</summary>
    public static IServiceCollection AddAccountLinks(this IServiceCollection services)
    {
        services.AddSettings<AccountLinkOptions>();
        services.AddScoped<AccountLinks>();
        return services;
    }
}
