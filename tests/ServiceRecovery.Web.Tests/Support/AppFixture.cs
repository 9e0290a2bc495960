using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>One running app, on its own SQLite file, per test class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public TestWorld World => App.World;

    public ValueTask InitializeAsync() => new(App.StartAsync());

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public Task<WebClient> SignInAsync(string email) => WebClient.SignedInAsync(App, email);

    public WebClient Anonymous() => new(App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
}
