using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// In Production the sign-in and antiforgery cookies are Secure even when a request reaches the app over plain HTTP
/// (a proxy that is not listed, or a direct connection): the browser then never sends them unencrypted. Over HTTPS,
/// in a real browser, <c>ServiceRecovery.Browser.Tests/PublishedAppTests.cs</c> checks the same.
/// </summary>
public sealed partial class SecureCookiesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task In_production_the_antiforgery_and_sign_in_cookies_are_secure_even_over_plain_http()
    {
        await using var production = fixture.App.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        // No cookie handling: a client would not send a Secure cookie over plain HTTP, so the test sends it itself.
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://servicerecovery.example"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });

        var page = await http.GetAsync("/Account/SignIn");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sr.af=", StringComparison.Ordinal));
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = TestWorld.FrontDesk,
                ["Input.Password"] = TestWorld.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await http.SendAsync(post);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sr.auth=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, auth })
        {
            cookie.Split(';').Select(part => part.Trim().ToLowerInvariant()).ShouldContain("secure");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
