using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.WelcomeBacks;

public static class WelcomeBackRegistration
{
    /// <summary>The home page's welcome-back list, kept per practice and dropped by every committed change of the practice.</summary>
    public static IServiceCollection AddWelcomeBacks(this IServiceCollection services)
    {
        services.AddSingleton<WelcomeBackCache>();
        services.AddSingleton<IPracticeCache>(sp => sp.GetRequiredService<WelcomeBackCache>());
        return services;
    }
}
