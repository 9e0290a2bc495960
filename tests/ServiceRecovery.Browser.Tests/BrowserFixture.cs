using ServiceRecovery.Testing;

namespace ServiceRecovery.Browser.Tests;

/// <summary>The app with the test practices and accounts of <see cref="TestWorld"/>, and one headless Chromium for the class.</summary>
public sealed class BrowserFixture : BrowserHost
{
    public AppFactory App { get; } = new(realPort: true);

    protected override Uri BaseAddress => App.ServerAddress!;

    protected override Task StartAppAsync() => App.StartAsync();

    protected override ValueTask StopAppAsync() => App.DisposeAsync();
}
