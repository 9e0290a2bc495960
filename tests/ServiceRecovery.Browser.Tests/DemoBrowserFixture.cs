using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The app as a new user first meets it with <c>dotnet run</c>: the demo practice Harbourside Dental with about 200
/// cases at every step, seeded at start-up by the app's own <c>Seed:DemoData</c> setting (fictional patients only).
/// The queue, reports and huddle board are only worth testing, and showing in the user guide, with cases in them.
/// </summary>
public sealed class DemoBrowserFixture : BrowserHost
{
    public const string FrontDesk = "frontdesk@harbourside.example";
    public const string Manager = "manager@harbourside.example";
    public const string ManagerName = "Sam Patel";

    /// <summary>The demo accounts' password, set through <c>Seed:DemoPassword</c>.</summary>
    public const string Password = TestWorld.Password;

    public DemoAppFactory App { get; } = new();

    protected override Uri BaseAddress => App.ServerAddress!;

    protected override Task StartAppAsync()
    {
        App.Start();
        return Task.CompletedTask;
    }

    protected override ValueTask StopAppAsync() => App.DisposeAsync();
}

/// <summary>The real app on a loopback port and its own SQLite file, seeded with the demo practice.</summary>
public sealed class DemoAppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "servicerecovery-tests", Guid.NewGuid().ToString("N"));

    public Uri? ServerAddress { get; private set; }

    public void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        ServerAddress = new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ServeStaticFilesAsPublished();
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:ServiceRecovery", "");
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Seed:DemoPassword", DemoBrowserFixture.Password);
        builder.UseSetting("RateLimits:SignInsPerMinute", "10000");
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
