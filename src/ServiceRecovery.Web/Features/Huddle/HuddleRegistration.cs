using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Huddle;

public static class HuddleRegistration
{
    /// <summary>The huddle board's panels, kept per practice and dropped by every committed change of the practice.</summary>
    public static IServiceCollection AddHuddle(this IServiceCollection services)
    {
        services.AddSingleton<BoardCache>();
        services.AddSingleton<IPracticeCache>(sp => sp.GetRequiredService<BoardCache>());
        return services;
    }
}
