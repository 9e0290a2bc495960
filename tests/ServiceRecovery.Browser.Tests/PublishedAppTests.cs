using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The published app as an installation runs it: Production, HTTPS with a certificate from configuration, migrations
/// run by the app's <c>migrate</c> command. This is the only place the Secure-cookie path of Production is exercised
/// by a real browser.
/// </summary>
public sealed class PublishedAppTests(PublishedAppFixture fixture) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public async Task Over_https_the_sign_in_page_answers_with_hsts_and_the_sign_in_and_antiforgery_cookies_are_secure()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/Account/SignIn");

        response!.Status.ShouldBe(200);
        page.Url.ShouldStartWith($"https://{PublishedApp.HostName}:");
        (await response.HeaderValueAsync("strict-transport-security")).ShouldNotBeNull().ShouldStartWith("max-age=");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // The stylesheet comes from the published wwwroot, which a plain build output serves in Development only.
        var stylesheet = await page.Locator("link[rel=stylesheet]").First.GetAttributeAsync("href");
        using (var http = fixture.App.CreateHttpClient())
        {
            using var css = await http.GetAsync(new Uri(new Uri($"https://127.0.0.1:{fixture.App.HttpsPort}/"), stylesheet));
            css.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await SignInAsync(page, PublishedAppFixture.FrontDesk, PublishedAppFixture.Password);

        var cookies = await page.Context.CookiesAsync();
        foreach (var name in new[] { "sr.auth", "sr.af" })
        {
            var cookie = cookies.SingleOrDefault(c => c.Name == name).ShouldNotBeNull($"the browser holds the {name} cookie");
            cookie.Secure.ShouldBeTrue($"{name} is Secure");
            cookie.HttpOnly.ShouldBeTrue($"{name} is HttpOnly");
            cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);
        }
    }

    [Fact]
    public async Task Front_desk_signs_in_logs_a_defect_and_records_the_apology_in_the_published_app()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PublishedAppFixture.FrontDesk, PublishedAppFixture.Password);

        await LogDefectAsync(page, "Robin Published", "Waited forty minutes past the appointment time without a word from the desk.");
        var apology = page.Locator("#apology-form");
        await apology.GetByLabel("How", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In person" });
        await apology.GetByRole(AriaRole.Button, new() { Name = "Record the apology" }).ClickAsync();

        await ShouldBeSavedAsync(page, "Apology recorded.");
        page.Url.ShouldStartWith($"https://{PublishedApp.HostName}:");
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_the_https_address_and_the_https_port_serves_no_page_over_plain_http()
    {
        fixture.RequireBrowser();
        using var http = fixture.App.CreateHttpClient();

        using var redirect = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.App.HttpPort}/Account/SignIn"));

        redirect.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        redirect.Headers.Location.ShouldBe(new Uri($"https://127.0.0.1:{fixture.App.HttpsPort}/Account/SignIn"));
        redirect.Headers.Contains("Set-Cookie").ShouldBeFalse("nothing is handed out over plain HTTP");

        // Plain HTTP sent to the HTTPS port: Kestrel refuses it, before the app sees it.
        HttpStatusCode? plainToHttps;
        try
        {
            using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.App.HttpsPort}/Account/SignIn"));
            plainToHttps = answer.StatusCode;
            (await answer.Content.ReadAsStringAsync()).ShouldNotContain("Sign in");
        }
        catch (HttpRequestException)
        {
            plainToHttps = null;
        }

        plainToHttps.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_migrate_command_brought_the_empty_database_up_to_date_runs_again_harmlessly_and_says_why_when_it_cannot()
    {
        fixture.RequireBrowser();

        fixture.App.Migration.ExitCode.ShouldBe(0);
        fixture.App.Migration.Output.ShouldStartWith("migrate: applied ");

        var again = await fixture.App.RunCommandAsync(["migrate"]);
        again.ExitCode.ShouldBe(0);
        again.Output.ShouldStartWith("migrate: nothing to apply; the Sqlite database is up to date");

        var refused = await fixture.App.RunCommandAsync(["migrate"], new Dictionary<string, string> { ["Database__Provider"] = "SqlServer" });
        refused.ExitCode.ShouldBe(2);
        refused.Output.ShouldBeEmpty();
        refused.Error.TrimEnd().Split('\n').ShouldHaveSingleItem()
            .ShouldBe("migrate: failed: ConnectionStrings:ServiceRecovery is required when Database:Provider is SqlServer. (InvalidOperationException)");
    }

    [Theory]
    [InlineData("[10:02:11 INF] First run: open https://localhost:5080/setup?token=Ab-9_x.Z to set up", "/setup?token=Ab-9_x.Z")]
    [InlineData("Set up this installation at /setup?token=abc123 (valid for 24 hours)", "/setup?token=abc123")]
    [InlineData("Now listening on: https://127.0.0.1:5001", null)]
    public void The_setup_link_is_read_from_the_line_the_app_prints_whatever_address_it_names(string line, string? expected)
    {
        PublishedApp.SetupLinkIn(line).ShouldBe(expected);
    }
}
