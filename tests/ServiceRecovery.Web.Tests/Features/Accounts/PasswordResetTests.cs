using System.Net;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Tests.Features.Notifications;

namespace ServiceRecovery.Web.Tests.Features.Accounts;

public sealed class PasswordResetTests(AccountLinkApp fixture) : IClassFixture<AccountLinkApp>
{
    private EmailTestApp Test => fixture.Test;

    [Fact]
    public async Task The_sign_in_page_links_to_forgot_password()
    {
        using var visitor = Test.App.Browser();

        var signIn = await visitor.GetPageAsync("/Account/SignIn");

        signIn.QuerySelector("#forgot-password-link")!.GetAttribute("href").ShouldBe("/Account/ForgotPassword");
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_a_known_an_unknown_and_a_deactivated_address_and_emails_only_the_known()
    {
        var (_, known) = await Test.App.NewStaffAsync("Kim Known", Data.Roles.FrontDesk, Test.World.Harbourside.Id);
        var (deactivatedId, deactivated) = await Test.App.NewStaffAsync("Dov Gone", Data.Roles.FrontDesk, Test.World.Harbourside.Id);
        await Test.WithDbAsync(db => db.Users.Where(u => u.Id == deactivatedId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var unknown = StaffTestSupport.NewEmail("nobody");

        var answers = new List<(HttpStatusCode Status, string Main)>();
        foreach (var email in new[] { known, unknown, deactivated })
        {
            answers.Add(await AskAsync(email));
        }

        answers.Select(a => a.Status).ShouldAllBe(s => s == HttpStatusCode.OK);
        answers.Select(a => a.Main).Distinct().ShouldHaveSingleItem().ShouldContain(ForgotPasswordModel.Answer);
        var outbox = await Test.OutboxAsync();
        string[] asked = [known, unknown, deactivated];
        outbox.Where(m => m.Kind == EmailKind.PasswordReset && asked.Contains(m.RecipientAddress)).Select(m => m.RecipientAddress).ShouldBe([known]);
        var audit = await Test.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.PasswordResetRequested).Select(a => a.Detail).ToListAsync());
        audit.ShouldContain(a => a.StartsWith("Password reset link emailed to Kim Known"));
        audit.ShouldNotContain(a => a.Contains("Dov Gone"));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_signs_in_and_ends_the_other_sessions()
    {
        var (_, email) = await Test.App.NewStaffAsync("Ruth Reset", Data.Roles.FrontDesk, Test.World.Harbourside.Id);
        using var oldSession = await WebClient.SignedInAsync(Test.App, email);
        (await oldSession.SignedInNameAsync()).ShouldBe("Ruth Reset");
        await AskAsync(email);
        var link = await Test.SendAndReadLinkAsync(email);

        using var browser = Test.App.Browser();
        var chosen = await browser.ChoosePasswordAsync(link);

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.SignedInNameAsync()).ShouldBe("Ruth Reset");
        await oldSession.ShouldBeSignedOutAsync();
        (await SignInStatusAsync(email, TestWorld.Password)).ShouldBe(HttpStatusCode.OK, "the old password no longer works");
        (await SignInStatusAsync(email, AccountLinkTestSupport.NewPassword)).ShouldBe(HttpStatusCode.Redirect);
        using var another = Test.App.Browser();
        (await another.ProblemAtAsync(link)).ShouldContain("already been used");
        (await Test.WithDbAsync(db => db.Audit.Select(a => a.Detail).ToListAsync())).ShouldContain("Ruth Reset reset their password by email link");
    }

    [Fact]
    public async Task A_reset_link_works_for_one_hour()
    {
        var (_, email) = await Test.App.NewStaffAsync("Hana Hour", Data.Roles.FrontDesk, Test.World.Harbourside.Id);
        await AskAsync(email);
        var link = await Test.SendAndReadLinkAsync(email);
        Test.Clock.Advance(TimeSpan.FromMinutes(59));
        using (var early = Test.App.Browser())
        {
            (await early.GetPageAsync(link)).QuerySelector("#set-password-form").ShouldNotBeNull("still valid after 59 minutes");
        }

        Test.Clock.Advance(TimeSpan.FromMinutes(1));

        using var browser = Test.App.Browser();
        (await browser.ProblemAtAsync(link)).ShouldContain("has run out");
        (await SignInStatusAsync(email, TestWorld.Password)).ShouldBe(HttpStatusCode.Redirect, "the password is unchanged");
    }

    [Fact]
    public async Task A_newer_reset_link_stops_the_older_one()
    {
        var (_, email) = await Test.App.NewStaffAsync("Nia Newer", Data.Roles.FrontDesk, Test.World.Harbourside.Id);
        await AskAsync(email);
        var first = await Test.SendAndReadLinkAsync(email);
        await AskAsync(email);
        var second = await Test.SendAndReadLinkAsync(email);

        using var browser = Test.App.Browser();

        (await browser.ProblemAtAsync(first)).ShouldContain("newer one was sent");
        (await browser.ChoosePasswordAsync(second)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_address_gets_at_most_three_reset_emails_an_hour_and_the_answer_does_not_change()
    {
        var (_, email) = await Test.App.NewStaffAsync("Flo Flood", Data.Roles.FrontDesk, Test.World.Harbourside.Id);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await AskAsync(email)).Main);
        }

        answers.Distinct().ShouldHaveSingleItem();
        (await Test.OutboxAsync()).Count(m => m.RecipientAddress == email).ShouldBe(3);
        Test.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await AskAsync(email);
        (await Test.OutboxAsync()).Count(m => m.RecipientAddress == email).ShouldBe(4, "an hour later, one more");
    }

    [Fact]
    public async Task A_bad_email_gets_a_message_beside_the_field_and_keeps_what_was_typed()
    {
        using var visitor = Test.App.Browser();

        var response = await visitor.SubmitAsync("/Account/ForgotPassword", "#forgot-password-form", new() { ["Input.Email"] = "not an address" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.ShouldContain("Enter an email address like");
        page.QuerySelector("#Input_Email")!.GetAttribute("value").ShouldBe("not an address");
    }

    private async Task<(HttpStatusCode Status, string Main)> AskAsync(string email)
    {
        using var visitor = Test.App.Browser();
        var response = await visitor.SubmitAsync("/Account/ForgotPassword", "#forgot-password-form", new() { ["Input.Email"] = email });
        var page = await WebClient.ParseAsync(response);
        return (response.StatusCode, page.QuerySelector("main")!.InnerHtml);
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password)
    {
        using var client = Test.App.Browser();
        return (await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password })).StatusCode;
    }
}

/// <summary>The per-client limit on asking for reset links, on its own app so the budget is this test's alone.</summary>
public sealed class PasswordResetRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string> { ["RateLimits:PasswordResetsPerHour"] = "2" });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_third_reset_request_in_an_hour_from_one_address_is_refused_with_429_and_another_address_has_its_own_budget()
    {
        using var asker = TestClientAddress.ClientFrom(_app, "203.0.113.50");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await asker.SubmitAsync("/Account/ForgotPassword", "#forgot-password-form", new() { ["Input.Email"] = StaffTestSupport.NewEmail("who") })).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        (await asker.Http.GetAsync("/Account/ForgotPassword")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the page is not limited");
        using var neighbour = TestClientAddress.ClientFrom(_app, "203.0.113.51");
        (await neighbour.SubmitAsync("/Account/ForgotPassword", "#forgot-password-form", new() { ["Input.Email"] = TestWorld.FrontDesk })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
