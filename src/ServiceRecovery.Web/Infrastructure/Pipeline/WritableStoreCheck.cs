using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// Readiness probes a write: begins a transaction (on SQLite, one that takes the write lock), updates no row, and
/// rolls back, waiting at most a few seconds. A locked, full or failing database is Unhealthy; the description
/// names no data.
/// </summary>
public sealed class WritableStoreCheck(AppDbContext db) : IHealthCheck
{
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                if (db.Database.GetDbConnection() is SqliteConnection sqlite)
                {
                    await using var pragma = sqlite.CreateCommand();
                    pragma.CommandText = $"PRAGMA busy_timeout={(long)ProbeWait.TotalMilliseconds};";
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                    sqlite.DefaultTimeout = (int)ProbeWait.TotalSeconds;
                }
                else
                {
                    db.Database.SetCommandTimeout(ProbeWait);
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("UPDATE Practices SET Name = Name WHERE 1 = 0", cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }
            finally
            {
                // The connection goes back to the pool; the next open sets the usual busy timeout again.
                await db.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy("The database takes writes.");
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            return HealthCheckResult.Unhealthy("The database does not take writes (locked, full or failing).");
        }
    }
}
