using Microsoft.Playwright;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// One app on a real loopback port and one headless Chromium for the whole class. Each test opens its
/// own browser context (its own cookies), so tests do not see each other's sign-in. Subclasses say which app.
/// </summary>
public abstract class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The size of every page unless a test asks for another: also the size of the user guide's screenshots.</summary>
    public static readonly ViewportSize DefaultViewport = new() { Width = 1280, Height = 800 };

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // Date fields in the practice's own order (23/11/2026), as at an Australian reception desk.
        "--lang=en-AU",
    ];

    private IPlaywright? _playwright;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's address, once started.</summary>
    protected abstract Uri BaseAddress { get; }

    /// <summary>More Chromium switches for this class's browser, such as a host name that resolves to loopback.</summary>
    protected virtual IEnumerable<string> ExtraChromiumArgs => [];

    /// <summary>True for an app whose certificate the test made itself (no authority vouches for it).</summary>
    protected virtual bool IgnoreHttpsErrors => false;

    /// <summary>Starts the app on a loopback port.</summary>
    protected abstract Task StartAppAsync();

    protected abstract ValueTask StopAppAsync();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath}; install it with `apt-get install -y chromium fonts-liberation` (.ci/run does this).";
            return;
        }

        // The app and the browser start side by side: on a two-core machine that saves seconds per class.
        var app = Task.Run(StartAppAsync);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = [.. ChromiumArgs, .. ExtraChromiumArgs],
            Headless = true,
            Env = new Dictionary<string, string> { ["LANG"] = "en_AU.UTF-8", ["LANGUAGE"] = "en_AU" },
        });
        await app;
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
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-AU",
            ViewportSize = viewport ?? DefaultViewport,
            // Charts draw at once, so a screenshot never catches one half-grown.
            ReducedMotion = ReducedMotion.Reduce,
            IgnoreHTTPSErrors = IgnoreHttpsErrors,
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
        await StopAppAsync();
        GC.SuppressFinalize(this);
    }
}
