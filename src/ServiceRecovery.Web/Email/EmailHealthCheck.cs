using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Email;

/// <summary>
/// Part of <c>/health/ready</c>: Degraded while email is stuck, so monitoring notices that reminders are not
/// going out. Never Unhealthy: an instance that cannot send email still serves staff, and a load balancer must
/// not take it out of service for that (Degraded answers 200). The description holds counts only.
/// </summary>
public sealed class EmailHealthCheck(AppDbContext db, EmailHealth health, TimeProvider clock, IOptions<EmailOptions> options) : IHealthCheck
{
    public const string Name = "email";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var problems = new List<string>();
        var waitingSince = clock.GetUtcNow() - TimeSpan.FromMinutes(settings.StuckAfterMinutes);
        // Across every practice (the check is anonymous, so the practice filter would hide every row): a count, nothing more.
        var waiting = await db.Outbox.IgnoreQueryFilters().CountAsync(m => m.Status == OutboxStatus.Pending && m.CreatedAt < waitingSince, cancellationToken);
        if (waiting > 0)
        {
            problems.Add($"{waiting} email(s) waiting to be sent for more than {settings.StuckAfterMinutes} minutes");
        }

        if (health.FailedSendsInARow >= settings.FailuresBeforeDegraded)
        {
            problems.Add($"the last {health.FailedSendsInARow} send attempts failed");
        }

        if (health.FailedPlansInARow >= settings.FailuresBeforeDegraded)
        {
            problems.Add($"the last {health.FailedPlansInARow} reminder planning runs failed");
        }

        if (health.Unrecorded.Count is > 0 and var unrecorded)
        {
            problems.Add($"{unrecorded} sent email(s) not yet marked sent");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Email is going out")
            : HealthCheckResult.Degraded("Email is stuck: " + string.Join("; ", problems));
    }
}
