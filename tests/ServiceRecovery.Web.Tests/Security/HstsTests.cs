using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Web;
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
        // As the compose file runs it: Production, believing X-Forwarded-Proto from its proxy only.
        await using var production = fixture.App.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting(TrustedProxies.Setting, "10.0.0.1"));

        using var https = production.CreateClient(Options("https://servicerecovery.example"));
        var direct = await https.GetAsync("/Account/SignIn");
        direct.Headers.GetValues(Hsts).Single().ShouldStartWith("max-age=");

        using var plain = production.CreateClient(Options("http://servicerecovery.example"));
        (await plain.GetAsync("/Account/SignIn")).Headers.Contains(Hsts).ShouldBeFalse("HSTS is never sent over plain HTTP");

        (await plain.SendAsync(ForwardedAsHttps(from: "10.0.0.1"))).Headers.GetValues(Hsts).Single().ShouldStartWith("max-age=");
        (await plain.SendAsync(ForwardedAsHttps(from: "10.0.0.2"))).Headers.Contains(Hsts).ShouldBeFalse("X-Forwarded-Proto counts from the configured proxy only");
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

    private static HttpRequestMessage ForwardedAsHttps(string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Add(TestClientAddress.Header, from);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static WebApplicationFactoryClientOptions Options(string baseAddress) =>
        new() { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false };
}
