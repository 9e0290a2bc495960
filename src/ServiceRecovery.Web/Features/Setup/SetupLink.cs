using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Web.Features.Setup;

/// <summary>
/// On the start of an install nobody has set up (no account, no demo seed), issues the setup token and, once the server
/// listens, writes the setup link to the console and the log. Registered after the database initialiser, so it runs
/// on a migrated database.
/// </summary>
public sealed class SetupLink(IServiceProvider services, IOptions<SeedOptions> seed, IHostApplicationLifetime lifetime, ILogger<SetupLink> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (seed.Value.DemoData)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        if (await scope.ServiceProvider.GetRequiredService<SetupTokens>().IssueAsync(cancellationToken) is not { } token)
        {
            return;
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var link = $"{BaseAddress()}/setup?token={token}";
            Console.WriteLine($"ServiceRecovery is not set up yet. Open this link within {SetupTokens.Lifetime.TotalHours:0} hours to create the first administrator and practice (it works once):");
            Console.WriteLine(link);
            logger.LogInformation("Not set up yet: open {SetupLink} within 24 hours to create the first administrator and practice", link);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string BaseAddress()
    {
        if (services.GetRequiredService<PublicAddress>().ConfiguredBase is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return string.IsNullOrEmpty(listening) ? "http://localhost" : listening.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
    }
}

public static class SetupRegistration
{
    /// <summary>The setup token store and the start-up link.</summary>
    public static IServiceCollection AddFirstRunSetup(this IServiceCollection services)
    {
        services.AddScoped<SetupTokens>();
        services.AddHostedService<SetupLink>();
        return services;
    }

    /// <summary>The setup page answers without sign-in (its token protects it) and is limited like sign-in.</summary>
    public static void AllowSetupPage(this PageConventionCollection conventions)
    {
        conventions.AllowAnonymousToPage("/Setup/Index");
        conventions.AddPageApplicationModelConvention("/Setup/Index", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));
    }
}
