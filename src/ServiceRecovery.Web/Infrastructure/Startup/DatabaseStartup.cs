using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Infrastructure.Startup;

public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts. Turn off in production and migrate as a release step.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseStartup
{
    public static IServiceCollection AddServiceRecoveryData(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var settings = configuration.GetSection("Database").Get<DatabaseSettings>() ?? new DatabaseSettings();
        var connectionString = configuration.GetConnectionString("ServiceRecovery");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = settings.Provider == DatabaseProvider.Sqlite
                ? DatabaseOptions.DefaultSqliteConnectionString(dataFolder)
                : throw new InvalidOperationException("ConnectionStrings:ServiceRecovery is required when Database:Provider is SqlServer.");
        }

        services.AddSingleton(settings);
        services.AddScoped<PracticeScope>();
        services.AddScoped<IPracticeScope>(sp => sp.GetRequiredService<PracticeScope>());
        services.AddDbContext<AppDbContext>(options => options.UseServiceRecoveryDatabase(settings.Provider, connectionString));
        return services;
    }

    /// <summary>Applies pending migrations (unless switched off) and, where configured, seeds the demo practice.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceRecovery.Startup");

        if (settings.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s) on {Provider}", pending.Count, settings.Provider);
                await db.Database.MigrateAsync();
            }
        }

        await Seeding.IdentitySeed.EnsureRolesAsync(scope.ServiceProvider);
        if (app.Configuration.GetValue<bool>("Seed:DemoData") && !await db.Practices.AnyAsync())
        {
            await scope.ServiceProvider.GetRequiredService<Seeding.DemoSeeder>().SeedAsync(app.Configuration["Seed:DemoPassword"]);
        }
    }
}
