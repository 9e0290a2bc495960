using System.Net;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class SignInTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_page_asks_a_signed_out_visitor_to_sign_in()
    {
        using var client = fixture.Anonymous();
        foreach (var url in new[] { "/", "/defects/log", $"/cases/{Guid.NewGuid()}" })
        {
            var response = await client.Http.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/Account/SignIn");
        }
    }

    [Fact]
    public async Task Staff_sign_in_and_see_their_name()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var home = await client.GetPageAsync("/");
        home.QuerySelector("[data-testid=signed-in-as]")!.TextContent.ShouldBe(TestWorld.FrontDeskName);
        home.QuerySelector("h1")!.TextContent.ShouldBe("Open cases");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_message()
    {
        using var client = fixture.Anonymous();
        var wrongPassword = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.Manager, ["Input.Password"] = "not-the-password-1" });
        var unknown = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = "nobody@harbourside.test", ["Input.Password"] = "not-the-password-1" });

        foreach (var response in new[] { wrongPassword, unknown })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await WebClient.ParseAsync(response);
            page.QuerySelector("#error-summary")!.TextContent.ShouldContain(SignInModel.FailureMessage);
            response.Headers.TryGetValues("Set-Cookie", out var cookies);
            (cookies ?? []).ShouldNotContain(c => c.StartsWith("sr.auth=", StringComparison.Ordinal) && !c.StartsWith("sr.auth=;", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Health_checks_answer_without_signing_in()
    {
        using var client = fixture.Anonymous();
        (await client.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.Http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var home = await client.GetPageAsync("/");
        var signOut = await client.SubmitAsync(home, "#sign-out-form", []);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
