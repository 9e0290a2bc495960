namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The published app in Production over HTTPS on loopback (<see cref="PublishedApp"/>), and a Chromium that resolves
/// <see cref="PublishedApp.HostName"/> to 127.0.0.1 and accepts the certificate the test made.
/// </summary>
/// <remarks>
/// The database starts empty, as a real installation's does: no demo, no accounts. The tests go through the setup link the
/// app prints, as the person installing it would. Email goes to the data folder's pickup folder, looked at every second.
/// </remarks>
public sealed class PublishedAppFixture : BrowserHost
{
    /// <summary>Where the published app writes the emails it sends (no SMTP server is configured).</summary>
    public string MailFolder => Path.Combine(App.DataFolder, "mail-pickup");

    public PublishedApp App { get; private set; } = null!;

    protected override Uri BaseAddress => App.BaseAddress;

    protected override IEnumerable<string> ExtraChromiumArgs => [$"--host-resolver-rules=MAP {PublishedApp.HostName} 127.0.0.1"];

    protected override bool IgnoreHttpsErrors => true;

    protected override async Task StartAppAsync()
    {
        App = await PublishedApp.StartAsync(new Dictionary<string, string>
        {
            ["Email__PollSeconds"] = "1",
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
