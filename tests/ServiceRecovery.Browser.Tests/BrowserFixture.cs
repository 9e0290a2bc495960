using Microsoft.Playwright;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// One app on a real loopback port and one headless Chromium for the whole class. Each test opens its
/// own browser context (its own cookies), so tests do not see each other's sign-in.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public AppFactory App { get; } = new(realPort: true);

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath}; install it with `apt-get install -y chromium fonts-liberation` (.ci/run does this).";
            return;
        }

        await App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ChromiumArgs, Headless = true });
    }

    /// <summary>
    /// Called first in every test: without Chromium a test skips on a developer's machine but fails in CI
    /// (CI=true), where a missing browser means .ci/run did not do its job.
    /// </summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but the browser tests cannot run: {Unavailable}");
        }

        Assert.Skip(Unavailable);
    }

    /// <summary>A fresh context (no cookies) whose relative URLs resolve against the app.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = App.ServerAddress!.ToString(),
            Locale = "en-AU",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
