using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Retention;

/// <summary>Once a day (<see cref="RetentionOptions.RunEvery"/>): remove the patient details the retention rule says are due (<see cref="RetentionSweep"/>).</summary>
public sealed class RetentionService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RunEvery, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<RetentionSweep.Result?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            var result = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(cancellationToken);
            if (result.Patients > 0)
            {
                logger.LogInformation("Retention run: {Patients} patient(s), {Cases} case(s)", result.Patients, result.Cases);
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            // Never stop the app over the retention job: log the kind of failure (not its text, which may quote a value) and try again next time.
            logger.LogError("Retention run failed: {ExceptionType}", exception.GetType().Name);
            return null;
        }
    }
}

public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddSettings<RetentionOptions>(configuration);
        services.AddScoped<RetentionSweep>();
        services.AddSingleton<RetentionService>();
        if (options.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        }

        return services;
    }
}
