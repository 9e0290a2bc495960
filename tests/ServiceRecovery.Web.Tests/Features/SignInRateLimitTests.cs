using System.Net;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Password guessing is slowed: sign-in attempts are limited per client address.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string> { ["RateLimits:SignInsPerMinute"] = "3", ["RateLimits:PublicPerMinute"] = "2" });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_fourth_sign_in_attempt_in_a_minute_is_refused_with_429()
    {
        using var client = new WebClient(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var response = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.Manager, ["Input.Password"] = "wrong-password-123" });
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.Http.GetAsync("/Account/SignIn")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the page is not limited");
    }

    [Fact]
    public async Task The_public_display_link_is_limited_per_client_address()
    {
        using var tv = new WebClient(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await tv.Http.GetAsync("/huddle/display/guessing-a-token")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task Reading_the_public_comment_card_is_limited_per_client_address()
    {
        using var patient = new WebClient(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await patient.Http.GetAsync("/feedback/guessing-a-practice")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
    }
}
