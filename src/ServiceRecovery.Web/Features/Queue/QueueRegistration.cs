using ServiceRecovery.Web.Infrastructure.ReadModels;

namespace ServiceRecovery.Web.Features.Queue;

public static class QueueRegistration
{
    /// <summary>The CSV export of the queue, the gate that lets a few exports run at once, and the kept counts.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddScoped<ExportCases>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton<IKeptReadModel, QueueCountKeeping>();
        return services;
    }
}
