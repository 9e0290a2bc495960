using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Setup;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>The real app started on an empty database, as a practice installs it: no practice, no account, a clock tests move.</summary>
public sealed class EmptyInstall : IAsyncDisposable
{
    private EmptyInstall(AppFactory app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public AppFactory App { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<EmptyInstall> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var app = new AppFactory(extraSettings: settings)
        {
            SeedsWorld = false,
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        await app.StartAsync();
        return new EmptyInstall(app, clock);
    }

    /// <summary>The token of the link the app wrote to its log when it started.</summary>
    public async Task<string> LoggedTokenAsync()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var logs = await App.ReadLogsAsync();
            var at = logs.LastIndexOf("/setup?token=", StringComparison.Ordinal);
            if (at >= 0)
            {
                return logs.Substring(at + "/setup?token=".Length, SetupTokens.TokenLength);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The app wrote no setup link to its log.");
    }

    /// <summary>A new token, as the app issues on another unclaimed start; null once set up.</summary>
    public async Task<string?> IssueTokenAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        return await scope.ServiceProvider.GetRequiredService<SetupTokens>().IssueAsync(CancellationToken.None);
    }

    public WebClient Browser() => new(App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Everything the setup form needs, valid; tests change what they examine.</summary>
    public static Dictionary<string, string?> GoodForm(string email = "owner@bayside.test") => new()
    {
        ["Input.AdminName"] = "Jordan Lee",
        ["Input.AdminEmail"] = email,
        ["Input.Password"] = TestWorld.Password,
        ["Input.Name"] = "Bayside Dental",
        ["Input.Address"] = "2 Beach Rd\nBayside VIC 3000",
        ["Input.Phone"] = "03 9000 0000",
        ["Input.TimeZoneId"] = "Australia/Melbourne",
        ["Input.Culture"] = "en-AU",
        ["Input.Currency"] = "AUD",
        ["Input.Slug"] = "bayside",
    };

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
