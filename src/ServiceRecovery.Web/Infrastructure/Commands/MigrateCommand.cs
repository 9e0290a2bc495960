using System.Reflection;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Infrastructure.Commands;

/// <summary>
/// <c>dotnet ServiceRecovery.Web.dll migrate</c>: applies the pending migrations to the configured database and exits,
/// without starting the web server, so an upgrade can migrate as a release step with <c>Database:MigrateOnStartup=false</c>.
/// It reads the same settings as the app (appsettings, the environment's file, environment variables, the arguments
/// after the command). Exit code 0 when the database is up to date; 2, with one line on standard error, when not.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public const int Failed = 2;

    /// <summary>Runs the command when the first argument names it; otherwise null, and the app starts as usual.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        if (args.Length == 0 || !string.Equals(args[0], Name, StringComparison.Ordinal))
        {
            return null;
        }

        output ??= Console.Out;
        error ??= Console.Error;
        try
        {
            var builder = WebApplication.CreateBuilder(args[1..]);
            // The command's own lines are its output; EF Core's log of every statement would bury them.
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddServiceRecoveryData(builder.Configuration, DataFolder.Resolve(builder.Configuration, builder.Environment));
            // Migrations are system work: no signed-in user, no practice filter.
            builder.Services.AddScoped<IPracticeScope>(_ => FixedPracticeScope.Unrestricted);
            await using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var provider = scope.ServiceProvider.GetRequiredService<DatabaseSettings>().Provider;

            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync();
            }

            var applied = (await db.Database.GetAppliedMigrationsAsync()).Count();
            await output.WriteLineAsync(pending.Count > 0
                ? $"migrate: applied {pending.Count} migration(s); the {provider} database is up to date ({applied} in all)."
                : $"migrate: nothing to apply; the {provider} database is up to date ({applied} in all).");
            return 0;
        }
#pragma warning disable CA1031 // Any failure is the command's answer: exit code 2 and one line, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"migrate: failed: {OneLine(exception)}");
            return Failed;
        }
    }

    /// <summary>The innermost message on one line (a connection failure's reason, not the wrapper's).</summary>
    private static string OneLine(Exception exception)
    {
        var inner = (exception is AggregateException or TargetInvocationException) && exception.InnerException is not null
            ? exception.InnerException
            : exception;
        var message = string.Join(' ', inner.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{message} ({inner.GetType().Name})";
    }
}
