using ServiceRecovery.Web.Tests.Features.Notifications;

namespace ServiceRecovery.Web.Tests.Features.Accounts;

/// <summary>One app on a fake clock per test class, for the invitation and reset tests; each test makes its own people.</summary>
public sealed class AccountLinkApp : IAsyncLifetime
{
    public EmailTestApp Test { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Test = await EmailTestApp.StartAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
