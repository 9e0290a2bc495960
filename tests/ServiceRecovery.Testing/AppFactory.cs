using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Testing;

/// <summary>
/// The real app, configured as in production but on its own SQLite file in a fresh folder (or on the
/// SQL Server given). With <c>realPort</c> it listens on a loopback port, for browser tests.
/// </summary>
public sealed class AppFactory(
    DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null, bool realPort = false, IReadOnlyDictionary<string, string>? extraSettings = null)
    : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> settings = extraSettings ?? new Dictionary<string, string>();

    static AppFactory()
    {
        // A test run holds many apps at once, and each file watcher takes one of the user's few inotify instances (128 on
        // Debian): no watchers on appsettings, and polling for the content files, so a long run never runs out.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "servicerecovery-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The base address on a real port, when started with one.</summary>
    public Uri? ServerAddress { get; private set; }

    public TestWorld World { get; private set; } = null!;

    /// <summary>Replaces services after the app's own registrations (a fake clock, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>False for an empty install: the app starts with no practice and no account (see the first-run setup).</summary>
    public bool SeedsWorld { get; init; } = true;

    /// <summary>Every database command the app runs passes through this counter.</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>Starts the app (migrating its database) and creates the test practices and accounts.</summary>
    public async Task StartAsync()
    {
        if (realPort)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            ServerAddress = new Uri(addresses.Addresses.First());
        }
        else
        {
            _ = Server;
        }

        if (SeedsWorld)
        {
            World = await TestWorld.CreateAsync(Services);
        }
    }

    /// <summary>Runs work against the database with the practice filter lifted, as start-up code does.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Everything the app has written to its log files so far.</summary>
    public async Task<string> ReadLogsAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(DataFolder, "logs")))
        {
            // The sink keeps the file open; share it for reading.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ServeStaticFilesAsPublished();
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:ServiceRecovery", connectionString ?? "");
        builder.UseSetting("Seed:DemoData", "false");
        // Test classes sign in dozens of times a minute from one address; the limiter has its own test.
        builder.UseSetting("RateLimits:SignInsPerMinute", settings.GetValueOrDefault("RateLimits:SignInsPerMinute", "10000"));
        builder.UseSetting("RateLimits:PublicPerMinute", settings.GetValueOrDefault("RateLimits:PublicPerMinute", "10000"));
        // The email loop would add its own database commands to the counts; tests of email run it themselves.
        builder.UseSetting("Email:BackgroundServices", settings.GetValueOrDefault("Email:BackgroundServices", "false"));
        // The retention job runs when a test asks (RetentionService.RunOnceAsync), on the test's clock.
        builder.UseSetting("Retention:Enabled", settings.GetValueOrDefault("Retention:Enabled", "false"));
        // The report's months are counted when a test asks (ReportMonthKeeper.RunOnceAsync); until then reports read the rows.
        builder.UseSetting("Reports:KeepFigures", settings.GetValueOrDefault("Reports:KeepFigures", "false"));
        builder.UseSetting("RateLimits:CommentCardPostsPerHour", settings.GetValueOrDefault("RateLimits:CommentCardPostsPerHour", "10000"));
        builder.UseSetting("RateLimits:PasswordResetsPerHour", settings.GetValueOrDefault("RateLimits:PasswordResetsPerHour", "10000"));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(Commands));
            services.AddTransient<IStartupFilter, TestClientAddress>();
            TestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the OS cleans temp folders.
        }
    }
}
