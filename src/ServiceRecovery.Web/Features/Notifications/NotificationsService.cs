using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.Surveys;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Notifications;

/// <summary>Every few seconds: plan the reminders that are due, issue the recovery surveys of newly resolved cases, then send what the outbox holds.</summary>
public sealed class NotificationsService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EmailOptions> options, ILogger<NotificationsService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            var planned = await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().RunAsync(cancellationToken);
            var surveys = await scope.ServiceProvider.GetRequiredService<SurveyIssuer>().RunAsync(cancellationToken);
            var sent = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken);
            if (planned.Escalations + planned.Digests + planned.ComplaintReminders + surveys + sent.Sent + sent.Failed > 0)
            {
                logger.LogInformation("Reminders: {Escalations} escalation(s), {Digests} digest(s), {ComplaintReminders} complaint warning(s) and escalation(s), {Surveys} survey(s) queued; email: {Sent} sent, {Failed} failed",
                    planned.Escalations, planned.Digests, planned.ComplaintReminders, surveys, sent.Sent, sent.Failed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            // Never stop the app over email: log the kind of failure (not its text) and try again next time.
            logger.LogError("Reminder and email run failed: {ExceptionType}", exception.GetType().Name);
        }
    }
}

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        // Which transport, and whether this instance runs the loop, are decided here, from the settings checked now.
        var options = services.AddSettings<EmailOptions>(configuration);
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<SenderIdentity>();
        if (options.UsesSmtp)
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
        else
        {
            var folder = options.PickupFolder is { Length: > 0 } configured ? configured : Path.Combine(dataFolder, "mail-pickup");
            services.AddSingleton<IEmailTransport>(sp => new PickupFolderEmailTransport(folder, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<EmailHealth>();
        services.AddHealthChecks().AddCheck<EmailHealthCheck>(EmailHealthCheck.Name, HealthStatus.Degraded, tags: ["ready"]);
        services.AddScoped<OutboxSender>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<SurveyIssuer>();
        services.AddSingleton<NotificationsService>();
        if (options.BackgroundServices)
        {
            services.AddHostedService(sp => sp.GetRequiredService<NotificationsService>());
        }

        return services;
    }
}
