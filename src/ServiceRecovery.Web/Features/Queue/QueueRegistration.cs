namespace ServiceRecovery.Web.Features.Queue;

public static class QueueRegistration
{
    /// <summary>The CSV export of the queue, and the gate that lets a few exports run at once.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddScoped<ExportCases>();
        services.AddSingleton<ExportGate>();
        return services;
    }
}
