using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// In Production the sign-in and antiforgery cookies are Secure whatever the request: a request that reached the app
/// over plain HTTP (a proxy that is not listed, a direct connection) never gets one the browser would send back
/// unencrypted. Over HTTPS, in a real browser, <c>ServiceRecovery.Browser.Tests/PublishedAppTests.cs</c> checks the same.
/// </summary>
public sealed class SecureCookiesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task In_production_a_plain_http_request_never_gets_a_cookie_without_the_secure_flag()
    {
        await using var production = fixture.App.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://servicerecovery.example"),
            AllowAutoRedirect = false,
        });

        var page = await http.GetAsync("/Account/SignIn");

        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        cookies.Where(cookie => cookie.StartsWith("sr.", StringComparison.Ordinal))
            .ShouldAllBe(cookie => IsSecure(cookie), "every cookie of the app handed out over plain HTTP in Production is Secure");
    }

    [Fact]
    public async Task In_production_a_form_page_reached_over_plain_http_says_https_is_needed_and_health_still_answers()
    {
        await using var production = fixture.App.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://servicerecovery.example"),
            AllowAutoRedirect = false,
        });

        // A form page needs the antiforgery cookie, which is Secure-only here: over plain HTTP it cannot work.
        var signIn = await http.GetAsync("/Account/SignIn");
        var logForm = await http.GetAsync("/defects/log");
        var live = await http.GetAsync("/health/live");

        signIn.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await signIn.Content.ReadAsStringAsync()).ShouldContain(ServiceRecovery.Web.Infrastructure.Web.HttpsOnly.Message);
        logForm.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        live.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "the container's health check speaks plain HTTP");
    }

    [Fact]
    public async Task In_production_over_https_the_sign_in_and_antiforgery_cookies_are_secure()
    {
        await using var production = fixture.App.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var client = new WebClient(production.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://servicerecovery.example"),
            AllowAutoRedirect = false,
        }));

        var page = await client.Http.GetAsync("/Account/SignIn");
        var signIn = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.FrontDesk, ["Input.Password"] = TestWorld.Password });

        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        IsSecure(cookies.Single(c => c.StartsWith("sr.auth=", StringComparison.Ordinal))).ShouldBeTrue();
        IsSecure(cookies.First(c => c.StartsWith("sr.af=", StringComparison.Ordinal))).ShouldBeTrue();
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}
