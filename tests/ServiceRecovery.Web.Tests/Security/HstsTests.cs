using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// HSTS outside Development: sent over HTTPS, directly or behind a proxy that says so, never over plain HTTP;
/// never in Development. The host is not <c>localhost</c>, which HSTS leaves out on purpose.
/// </summary>
public sealed class HstsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Hsts = "Strict-Transport-Security";

    [Fact]
    public async Task Production_sends_hsts_over_https_and_behind_a_proxy_that_terminates_https()
    {
        // As the compose file runs it: Production, believing the proxy's X-Forwarded-Proto.
        await using var production = fixture.App.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("ForwardedHeaders_Enabled", "true"));

        using var https = production.CreateClient(Options("https://servicerecovery.example"));
        var direct = await https.GetAsync("/Account/SignIn");
        direct.Headers.GetValues(Hsts).Single().ShouldStartWith("max-age=");

        using var plain = production.CreateClient(Options("http://servicerecovery.example"));
        (await plain.GetAsync("/Account/SignIn")).Headers.Contains(Hsts).ShouldBeFalse("HSTS is never sent over plain HTTP");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var proxied = await plain.SendAsync(request);
        proxied.Headers.GetValues(Hsts).Single().ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task Development_never_sends_hsts()
    {
        await using var development = fixture.App.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        using var https = development.CreateClient(Options("https://servicerecovery.example"));

        var response = await https.GetAsync("/Account/SignIn");

        response.EnsureSuccessStatusCode();
        response.Headers.Contains(Hsts).ShouldBeFalse();
    }

    [Fact]
    public async Task The_test_environment_sends_hsts_over_https_as_production_does()
    {
        using var https = fixture.App.CreateClient(Options("https://servicerecovery.example"));

        (await https.GetAsync("/Account/SignIn")).Headers.GetValues(Hsts).Single().ShouldStartWith("max-age=");
    }

    private static WebApplicationFactoryClientOptions Options(string baseAddress) =>
        new() { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false };
}
