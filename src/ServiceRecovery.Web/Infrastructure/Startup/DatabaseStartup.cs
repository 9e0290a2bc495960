using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Caching;
using ServiceRecovery.Web.Infrastructure.ReadModels;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>The "Database" section.</summary>
public sealed class DatabaseSettings : ISettings
{
    public static string Section => "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts. Turn off in production and migrate as a release step.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long a command waits for its turn to write (the write gate, and SQLite's busy timeout) before it answers
    /// 503 "Not saved"; at least 1.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Database:WriteWaitSeconds must be a whole number of seconds, at least 1.")]
    public int WriteWaitSeconds { get; set; } = (int)DatabaseOptions.DefaultWriteWait.TotalSeconds;

    public TimeSpan WriteWait => TimeSpan.FromSeconds(WriteWaitSeconds);
}

public static class DatabaseStartup
{
    public static IServiceCollection AddServiceRecoveryData(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var settings = services.AddSettings<DatabaseSettings>(configuration);
        var connectionString = configuration.GetConnectionString("ServiceRecovery");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = settings.Provider == DatabaseProvider.Sqlite
                ? DatabaseOptions.DefaultSqliteConnectionString(dataFolder)
                : throw new InvalidOperationException("ConnectionStrings:ServiceRecovery is required when Database:Provider is SqlServer.");
        }

        services.AddSingleton(settings);
        services.AddSettings<SeedOptions>(configuration);
        // New ids grow with time in the order this provider compares them, so rows land at the end of their keys (ADR 0008).
        Ids.Use(settings.Provider == DatabaseProvider.SqlServer ? IdOrder.SqlServer : IdOrder.Version7);
        services.AddSingleton(new WriteGate(settings.WriteWait));
        services.AddScoped<WriteTurn>();
        services.AddScoped<PracticeScope>();
        services.AddScoped<IPracticeScope>(sp => sp.GetRequiredService<PracticeScope>());
        // What an area keeps per practice (an IPracticeCache it registers itself: the huddle panels, the reports' figures)
        // is dropped by every committed change of that practice.
        services.AddSingleton<PracticeCacheInvalidation>();
        // What an area keeps in the same transaction as each save (an IKeptReadModel it registers itself: the queue's
        // counts, the report's changed months) runs in one interceptor, so they share that transaction.
        services.AddSingleton<KeptReadModels>();
        services.AddDbContext<AppDbContext>((provider, options) => options
            .UseServiceRecoveryDatabase(settings.Provider, connectionString, settings.WriteWait)
            .AddInterceptors(provider.GetRequiredService<PracticeCacheInvalidation>(), provider.GetRequiredService<KeptReadModels>()));
        services.AddHostedService<DatabaseInitialiser>();
        return services;
    }

}

/// <summary>
/// Applies pending migrations (unless switched off) and, where configured, seeds the demo practice.
/// A hosted service, so it runs before the server accepts requests, in the app and in tests alike.
/// </summary>
public sealed class DatabaseInitialiser(IServiceProvider services, IOptions<SeedOptions> seed, ILogger<DatabaseInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();

        if (settings.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s) on {Provider}", pending.Count, settings.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (seed.Value.DemoData && !await db.Practices.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(seed.Value.DemoPassword);
        }

        if (db.Database.IsSqlite())
        {
            // SQLite's query planner has no statistics until something gathers them, and without them it guesses: it
            // takes any equality on an indexed column (three practices!) for a needle. SQLite's own advice for long-lived
            // applications: PRAGMA optimize at start, which analyses (sampling at most 1,000 rows per index, so it
            // takes milliseconds) the tables never analysed or grown 25-fold since.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
