using ServiceRecovery.Web.Infrastructure.Caching;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Reports;

public static class ReportsRegistration
{
    /// <summary>The reports' figures, kept per practice and period and dropped by every committed change of the practice.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSettings<ReportOptions>();
        services.AddSingleton<ReportCache>();
        services.AddSingleton<IPracticeCache>(sp => sp.GetRequiredService<ReportCache>());
        return services;
    }
}
