using ServiceRecovery.Web.Infrastructure.Caching;
using ServiceRecovery.Web.Infrastructure.ReadModels;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Reports;

public static class ReportsRegistration
{
    /// <summary>The reports' figures, kept per practice and period and dropped by every committed change of the practice; the kept months and their keeper.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = services.AddSettings<ReportOptions>(configuration);
        services.AddSingleton<ReportCache>();
        services.AddSingleton<IPracticeCache>(sp => sp.GetRequiredService<ReportCache>());
        services.AddSingleton<IKeptReadModel, ReportMonthKeeping>();
        services.AddSingleton<ReportMonthKeeper>();
        if (settings.KeepFigures)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ReportMonthKeeper>());
        }

        return services;
    }
}
