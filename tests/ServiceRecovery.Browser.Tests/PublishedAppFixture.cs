namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The published app in Production over HTTPS on loopback (<see cref="PublishedApp"/>), and a Chromium that resolves
/// <see cref="PublishedApp.HostName"/> to 127.0.0.1 and accepts the certificate the test made.
/// </summary>
/// <remarks>
/// Until first-run setup is in the app, the accounts come from the demo practice (<c>Seed:DemoData</c>, which works in
/// any environment). When it is: drop the two Seed settings, so the database is empty, and let the tests go through
/// <see cref="PublishedApp.WaitForSetupLinkAsync"/> and the setup page to create the administrator and the practice.
/// </remarks>
public sealed class PublishedAppFixture : BrowserHost
{
    public const string FrontDesk = DemoBrowserFixture.FrontDesk;
    public const string Password = DemoBrowserFixture.Password;

    public PublishedApp App { get; private set; } = null!;

    protected override Uri BaseAddress => App.BaseAddress;

    protected override IEnumerable<string> ExtraChromiumArgs => [$"--host-resolver-rules=MAP {PublishedApp.HostName} 127.0.0.1"];

    protected override bool IgnoreHttpsErrors => true;

    protected override async Task StartAppAsync()
    {
        App = await PublishedApp.StartAsync(new Dictionary<string, string>
        {
            ["Seed__DemoData"] = "true",
            ["Seed__DemoPassword"] = Password,
        });
        Console.WriteLine($"dotnet publish --no-build took {App.PublishTime.TotalSeconds:0.0} s");
    }

    protected override async ValueTask StopAppAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
