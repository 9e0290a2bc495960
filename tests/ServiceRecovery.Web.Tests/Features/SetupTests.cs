using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Setup;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class SetupTests : IAsyncLifetime
{
    private EmptyInstall install = null!;

    public async ValueTask InitializeAsync() => install = await EmptyInstall.StartAsync();

    public ValueTask DisposeAsync() => install.DisposeAsync();

    [Fact]
    public async Task An_empty_install_writes_a_setup_link_to_its_log_and_the_link_opens_the_setup_page()
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();

        var page = await browser.GetPageAsync($"/setup?token={token}");

        page.QuerySelector("h1")!.TextContent.ShouldBe("Set up ServiceRecovery");
        page.QuerySelector("#setup-form").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_setup_token_is_stored_only_as_its_hash()
    {
        var token = await install.LoggedTokenAsync();

        var stored = await install.App.WithDbAsync(db => db.SetupTokens.AsNoTracking().SingleAsync());

        stored.TokenHash.ShouldBe(SecretToken.Hash(token));
        stored.TokenHash.ShouldNotContain(token);
        stored.ExpiresAt.ShouldBe(install.Clock.GetUtcNow() + TimeSpan.FromHours(24));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("?token=short")]
    public async Task The_setup_page_is_not_found_without_the_current_token(string query)
    {
        _ = await install.LoggedTokenAsync();
        using var browser = install.Browser();

        (await browser.Http.GetAsync($"/setup{query}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_forged_token_cannot_post_the_setup_form()
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();
        var page = await browser.GetPageAsync($"/setup?token={token}");

        var form = EmptyInstall.GoodForm();
        form["Input.Token"] = "B" + token[1..];
        (await browser.SubmitAsync(page, "#setup-form", form)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task The_setup_link_is_not_found_after_24_hours()
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();
        var page = await browser.GetPageAsync($"/setup?token={token}");

        install.Clock.Advance(TimeSpan.FromHours(24));

        (await browser.Http.GetAsync($"/setup?token={token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.SubmitAsync(page, "#setup-form", EmptyInstall.GoodForm())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_new_start_replaces_the_link_so_only_the_newest_works()
    {
        var first = await install.LoggedTokenAsync();
        var second = await install.IssueTokenAsync();
        using var browser = install.Browser();

        (await browser.Http.GetAsync($"/setup?token={first}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.GetAsync($"/setup?token={second}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Setup_creates_the_administrator_and_the_practice_signs_in_and_afterwards_every_setup_link_is_not_found()
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();

        var response = await browser.SubmitAsync($"/setup?token={token}", "#setup-form", EmptyInstall.GoodForm());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        var home = await browser.GetPageAsync("/");
        home.QuerySelector("[data-testid=signed-in-as]")!.TextContent.ShouldBe("Jordan Lee");
        home.QuerySelector("#flash")!.TextContent.ShouldContain("Bayside Dental is set up");

        var practice = await install.App.WithDbAsync(db => db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync());
        practice.Name.ShouldBe("Bayside Dental");
        practice.Address.ShouldBe("2 Beach Rd\nBayside VIC 3000");
        practice.Phone.ShouldBe("03 9000 0000");
        practice.TimeZoneId.ShouldBe("Australia/Melbourne");
        practice.Slug.ShouldBe("bayside");
        practice.Stages.Count.ShouldBe(CxStage.DefaultNames.Count);
        practice.Categories.Count.ShouldBe(DefectCategory.DefaultNames.Count);
        var membership = await install.App.WithDbAsync(db => db.Memberships.SingleAsync());
        membership.Role.ShouldBe(StaffRole.Administrator);
        membership.PracticeId.ShouldBe(practice.Id);

        (await browser.Http.GetAsync($"/setup?token={token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await install.IssueTokenAsync()).ShouldBeNull();
        using var stranger = install.Browser();
        (await stranger.Http.GetAsync($"/setup?token={token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_setup_input_keeps_what_was_typed_except_the_password_with_a_message_on_each_field()
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();
        var form = EmptyInstall.GoodForm();
        form["Input.Password"] = "short";

        var response = await browser.SubmitAsync($"/setup?token={token}", "#setup-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("at least 12 characters");
        page.QuerySelector("#Input_AdminEmail")!.GetAttribute("value").ShouldBe("owner@bayside.test");
        page.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("Bayside Dental");
        page.QuerySelector("#Input_Password")!.GetAttribute("value").ShouldBeNullOrEmpty();
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);
        (await install.App.WithDbAsync(db => db.Practices.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [InlineData("Input.Slug", "Bay Side!", "lowercase letters, digits and hyphens")]
    [InlineData("Input.Culture", "xx-QQ", "known culture")]
    [InlineData("Input.TimeZoneId", "Mars/Olympus", "known time zone")]
    [InlineData("Input.Currency", "ZZZ", "three-letter code")]
    public async Task A_practice_detail_the_domain_refuses_is_shown_beside_its_field_and_nothing_is_made(string field, string value, string message)
    {
        var token = await install.LoggedTokenAsync();
        using var browser = install.Browser();
        var form = EmptyInstall.GoodForm();
        form[field] = value;

        var response = await browser.SubmitAsync($"/setup?token={token}", "#setup-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.ShouldContain(message);
        page.QuerySelector("#Input_AdminName")!.GetAttribute("value").ShouldBe("Jordan Lee");
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);
        (await install.App.WithDbAsync(db => db.SetupTokens.SingleAsync())).UsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Two_setup_posts_at_the_same_time_make_one_administrator()
    {
        var token = await install.LoggedTokenAsync();
        using var first = install.Browser();
        using var second = install.Browser();
        var firstPage = await first.GetPageAsync($"/setup?token={token}");
        var secondPage = await second.GetPageAsync($"/setup?token={token}");

        var responses = await Task.WhenAll(
            first.SubmitAsync(firstPage, "#setup-form", EmptyInstall.GoodForm("first@bayside.test")),
            second.SubmitAsync(secondPage, "#setup-form", EmptyInstall.GoodForm("second@bayside.test") is var f ? With(f, "Input.Slug", "bayside-two") : null!));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.NotFound]);
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(1);
        (await install.App.WithDbAsync(db => db.Practices.CountAsync())).ShouldBe(1);
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> form, string field, string value)
    {
        form[field] = value;
        return form;
    }

    [Fact]
    public async Task The_setup_command_line_makes_the_administrator_and_practice_from_its_options_and_the_password_on_standard_input()
    {
        var output = new StringWriter();

        var exit = await SetupCommandLine.RunAsync(install.App.Services,
            ["--admin-email", "owner@bayside.test", "--admin-name", "Jordan Lee", "--practice", "Bayside Family Dental", "--time-zone", "Australia/Melbourne",
             "--culture", "en-AU", "--currency", "AUD", "--phone", "03 9000 0000", "--address", "2 Beach Rd\\nBayside VIC 3000"],
            new StringReader(TestWorld.Password + "\n"), output);

        exit.ShouldBe(0);
        output.ToString().ShouldContain("administrator owner@bayside.test and practice Bayside Family Dental");
        var practice = await install.App.WithDbAsync(db => db.Practices.SingleAsync());
        practice.Slug.ShouldBe("bayside-family-dental");
        practice.Address.ShouldBe("2 Beach Rd\nBayside VIC 3000");
        using var signedIn = await WebClient.SignedInAsync(install.App, "owner@bayside.test");
        (await signedIn.GetPageAsync("/")).QuerySelector("[data-testid=signed-in-as]")!.TextContent.ShouldBe("Jordan Lee");
    }

    [Theory]
    [InlineData("--currency", "ZZZ", "--currency: Choose a currency by its three-letter code")]
    [InlineData("--time-zone", "Mars/Olympus", "--time-zone: Choose a known time zone")]
    [InlineData("--colour", "blue", "unknown option --colour")]
    public async Task The_setup_command_line_refuses_bad_input_with_exit_code_2_and_a_one_line_reason(string option, string value, string reason)
    {
        string[] args = ["--admin-email", "owner@bayside.test", "--admin-name", "Jordan Lee", "--practice", "Bayside Dental",
                         "--time-zone", "Australia/Melbourne", "--culture", "en-AU", "--currency", "AUD"];
        var at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        var output = new StringWriter();

        var exit = await SetupCommandLine.RunAsync(install.App.Services, args, new StringReader(TestWorld.Password + "\n"), output);

        exit.ShouldBe(2);
        output.ToString().Trim().Split('\n').Length.ShouldBe(1);
        output.ToString().ShouldContain(reason);
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task The_setup_command_line_on_an_install_already_set_up_refuses_with_exit_code_2()
    {
        string[] args = ["--admin-email", "owner@bayside.test", "--admin-name", "Jordan Lee", "--practice", "Bayside Dental",
                         "--time-zone", "Australia/Melbourne", "--culture", "en-AU", "--currency", "AUD"];
        (await SetupCommandLine.RunAsync(install.App.Services, args, new StringReader(TestWorld.Password), new StringWriter())).ShouldBe(0);
        var output = new StringWriter();

        var exit = await SetupCommandLine.RunAsync(install.App.Services, [.. args[..1], "second@bayside.test", .. args[2..]], new StringReader(TestWorld.Password), output);

        exit.ShouldBe(2);
        output.ToString().ShouldContain("already set up");
        (await install.App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(1);
    }
}
