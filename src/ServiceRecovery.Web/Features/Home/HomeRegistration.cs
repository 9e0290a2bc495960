using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Home;

public static class HomeRegistration
{
    /// <summary>The home page's open cases, kept per practice and dropped by every committed change of the practice.</summary>
    public static IServiceCollection AddHomePage(this IServiceCollection services)
    {
        services.AddSingleton<OpenCasesCache>();
        services.AddSingleton<IPracticeCache>(sp => sp.GetRequiredService<OpenCasesCache>());
        return services;
    }
}
