using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Staff;
using ServiceRecovery.Web.Tests.Features.Notifications;

namespace ServiceRecovery.Web.Tests.Features.Accounts;

public sealed class InvitationTests(AccountLinkApp fixture) : IClassFixture<AccountLinkApp>
{
    private EmailTestApp Test => fixture.Test;

    [Fact]
    public async Task A_manager_invites_a_colleague_who_chooses_a_password_on_the_emailed_link_and_is_signed_in_and_active()
    {
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var email = StaffTestSupport.NewEmail("noor");

        var response = await InviteAsync(manager, "Noor Haddad", email);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await manager.GetPageAsync(response.Headers.Location!.OriginalString);
        list.QuerySelector("#flash")!.TextContent.ShouldContain($"Invitation on its way to {email}");
        StatusIn(list, email).ShouldBe("Invited");
        var queued = (await Test.OutboxAsync()).Where(m => m.RecipientAddress == email).ShouldHaveSingleItem();
        queued.Kind.ShouldBe(EmailKind.Invitation);
        queued.TextBody.ShouldContain(OutboxMessage.SecretLinkMark);

        var link = await Test.SendAndReadLinkAsync(email);
        using var newcomer = Test.App.Browser();
        var welcome = await newcomer.GetPageAsync(link);
        welcome.QuerySelector("h1")!.TextContent.ShouldBe("Choose your password");
        welcome.QuerySelector("main")!.TextContent.ShouldContain("Welcome, Noor Haddad");
        var chosen = await newcomer.ChoosePasswordAsync(link);

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await newcomer.SignedInNameAsync()).ShouldBe("Noor Haddad");
        StatusIn(await manager.GetPageAsync("/staff"), email).ShouldBe("Active");
        using var again = await WebClient.SignedInAsync(Test.App, email, AccountLinkTestSupport.NewPassword);
        var audit = await Test.WithDbAsync(db => db.Audit.Select(a => a.Detail).ToListAsync());
        audit.ShouldContain(a => a.StartsWith($"Invitation sent to Noor Haddad ({email})"));
        audit.ShouldContain("Noor Haddad accepted the invitation and chose a password");
        audit.ShouldNotContain(a => a.Contains(AccountLinkTestSupport.TokenOf(link)));
    }

    [Fact]
    public async Task The_sent_invitation_keeps_no_working_link_in_the_database()
    {
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var email = StaffTestSupport.NewEmail("ines");
        await InviteAsync(manager, "Ines Duarte", email);

        var link = await Test.SendAndReadLinkAsync(email);

        var token = AccountLinkTestSupport.TokenOf(link);
        var sent = (await Test.OutboxAsync()).Single(m => m.RecipientAddress == email);
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.SecretLink.ShouldBeNull("the link goes to the mailbox and is not kept");
        $"{sent.TextBody}{sent.HtmlBody}".ShouldNotContain(token);
        sent.TextBody.ShouldContain(OutboxMessage.SecretLinkMark);
        var stored = await Test.WithDbAsync(db => db.AccountTokens.Select(t => t.TokenHash).ToListAsync());
        stored.ShouldNotContain(token, "only the hash of the token is stored");
        stored.ShouldContain(ServiceRecovery.Domain.SecretToken.Hash(token));
    }

    [Fact]
    public async Task An_invitation_link_works_once()
    {
        var (email, link) = await InvitedAsync("Ode Once");
        using var first = Test.App.Browser();
        (await first.ChoosePasswordAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var second = Test.App.Browser();
        (await second.ProblemAtAsync(link)).ShouldContain("already been used");
    }

    [Fact]
    public async Task A_link_page_posted_again_after_use_says_it_was_used_and_changes_nothing()
    {
        var (email, link) = await InvitedAsync("Pia Twice");
        using var first = Test.App.Browser();
        using var second = Test.App.Browser();
        var secondPage = await second.GetPageAsync(link);
        (await first.ChoosePasswordAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var late = await second.SubmitAsync(secondPage, "#set-password-form", new() { ["Input.NewPassword"] = "Another-long-password-7", ["Input.ConfirmPassword"] = "Another-long-password-7" });

        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        AccountLinkTestSupport.ProblemOf(await WebClient.ParseAsync(late))!.ShouldContain("already been used");
        using var signedIn = await WebClient.SignedInAsync(Test.App, email, AccountLinkTestSupport.NewPassword);
    }

    [Fact]
    public async Task An_invitation_link_runs_out_after_48_hours_and_the_staff_list_says_so()
    {
        var (email, link) = await InvitedAsync("Eli Late");
        Test.Clock.Advance(TimeSpan.FromHours(47));
        using (var early = Test.App.Browser())
        {
            (await early.GetPageAsync(link)).QuerySelector("#set-password-form").ShouldNotBeNull("still valid after 47 hours");
        }

        Test.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        using var newcomer = Test.App.Browser();
        (await newcomer.ProblemAtAsync(link)).ShouldContain("has run out");
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        StatusIn(await manager.GetPageAsync("/staff"), email).ShouldBe("Invited: invitation expired");
    }

    [Fact]
    public async Task A_new_invitation_stops_the_old_link_and_the_new_one_works()
    {
        var (email, oldLink) = await InvitedAsync("Ray Resent");
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var id = await IdOfAsync(email);
        var account = await manager.GetPageAsync($"/staff/{id}");
        account.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("Invited");

        var resent = await manager.SubmitAsync(account, "#resend-invitation-form", []);

        resent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.GetPageAsync(resent.Headers.Location!.OriginalString)).QuerySelector("#flash")!.TextContent.ShouldContain("The earlier link no longer works");
        var newLink = await Test.SendAndReadLinkAsync(email);
        newLink.ShouldNotBe(oldLink);
        using var newcomer = Test.App.Browser();
        (await newcomer.ProblemAtAsync(oldLink)).ShouldContain("a newer one was sent");
        (await newcomer.ChoosePasswordAsync(newLink)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_revoked_invitation_link_no_longer_works()
    {
        var (email, link) = await InvitedAsync("Rhea Revoked");
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var id = await IdOfAsync(email);

        var revoked = await manager.SubmitAsync($"/staff/{id}", "#revoke-invitation-form", []);

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var newcomer = Test.App.Browser();
        (await newcomer.ProblemAtAsync(link)).ShouldContain("no longer works");
        StatusIn(await manager.GetPageAsync("/staff"), email).ShouldBe("Invited: invitation revoked");
        (await Test.WithDbAsync(db => db.Audit.Select(a => a.Detail).ToListAsync())).ShouldContain($"Invitation of Rhea Revoked ({email}) revoked");
    }

    [Fact]
    public async Task An_invitation_of_a_deactivated_account_cannot_be_used()
    {
        var (email, link) = await InvitedAsync("Dee Activated");
        await Test.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        using var newcomer = Test.App.Browser();

        (await newcomer.ProblemAtAsync(link)).ShouldContain("deactivated");
        var forged = await newcomer.Http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.NewPassword"] = AccountLinkTestSupport.NewPassword,
            ["Input.ConfirmPassword"] = AccountLinkTestSupport.NewPassword,
        }));
        ((int)forged.StatusCode).ShouldBeLessThan(500);
        (await Test.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync())).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("%00%0d%0a<script>")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_or_mangled_link_gets_a_clear_page(string token)
    {
        using var visitor = Test.App.Browser();

        (await visitor.ProblemAtAsync($"/Account/SetPassword?token={token}")).ShouldContain("not one we sent");
        (await visitor.ProblemAtAsync($"/Account/SetPassword?token={new string('x', 10_000)}")).ShouldContain("not one we sent");
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_is_refused_beside_the_field_and_the_link_still_works()
    {
        var (_, link) = await InvitedAsync("Wes Weak");
        using var newcomer = Test.App.Browser();
        var page = await newcomer.GetPageAsync(link);

        var weak = await newcomer.SubmitAsync(page, "#set-password-form", new() { ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "short" });

        weak.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(weak)).QuerySelector("[data-valmsg-for='Input.NewPassword']")!.TextContent.ShouldContain("at least 12 characters");
        (await newcomer.ChoosePasswordAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_manager_of_another_practice_can_neither_invite_into_nor_revoke_in_a_practice_they_do_not_manage()
    {
        var (email, link) = await InvitedAsync("Hal Harbour");
        using var otherManager = await WebClient.SignedInAsync(Test.App, TestWorld.OtherManager);

        var intoHarbourside = await InviteAsync(otherManager, "Sly Sneak", StaffTestSupport.NewEmail("sly"), Test.World.Harbourside.Id);
        (await WebClient.ParseAsync(intoHarbourside)).QuerySelector("[data-valmsg-for='Input.PracticeIds']")!.TextContent.ShouldContain(StaffRules.OwnPracticesOnly);
        (await Test.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == "Sly Sneak"))).ShouldBe(0);

        var id = await IdOfAsync(email);
        var ownPage = await otherManager.GetPageAsync("/staff/new");
        var fields = WebClient.FieldsOf((IHtmlFormElement)ownPage.QuerySelector("#create-staff-form")!);
        foreach (var handler in new[] { "Revoke", "Resend" })
        {
            var forged = await otherManager.Http.PostAsync($"/staff/{id}?handler={handler}", new FormUrlEncodedContent(fields));
            forged.StatusCode.ShouldBe(HttpStatusCode.NotFound, handler);
        }

        using var newcomer = Test.App.Browser();
        (await newcomer.GetPageAsync(link)).QuerySelector("#set-password-form").ShouldNotBeNull("the invitation still works");
    }

    [Fact]
    public async Task Inviting_an_address_that_has_an_account_elsewhere_adds_the_practice_and_tells_the_person_without_naming_the_other()
    {
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var (id, email) = await Test.App.NewStaffAsync("Otto Elsewhere", Roles.FrontDesk, Test.World.Other.Id);

        var response = await InviteAsync(manager, "Otto Typed Differently", email);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var flash = (await manager.GetPageAsync("/staff")).QuerySelector("#flash")!.TextContent;
        flash.ShouldContain($"{email} already had an account");
        flash.ShouldNotContain(Test.World.Other.Name);
        (await Test.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == id && m.PracticeId == Test.World.Harbourside.Id))).ShouldBe(1);
        (await Test.WithDbAsync(db => db.AccountTokens.CountAsync(t => t.UserId == id))).ShouldBe(0, "no invitation link for an account that has a password");
        var told = (await Test.OutboxAsync()).Where(m => m.RecipientAddress == email).ShouldHaveSingleItem();
        told.Kind.ShouldBe(EmailKind.AddedToPractice);
        told.TextBody.ShouldContain(Test.World.Harbourside.Name);
        using var otto = await WebClient.SignedInAsync(Test.App, email);

        var again = await InviteAsync(manager, "Otto", email);
        (await WebClient.ParseAsync(again)).QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.ShouldContain(CreateStaff.AlreadyMember);
    }

    [Fact]
    public async Task The_link_pages_send_no_referrer_and_are_not_cached()
    {
        var (_, link) = await InvitedAsync("Ria Referrer");
        using var newcomer = Test.App.Browser();

        var response = await newcomer.Http.GetAsync(link);

        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await newcomer.Http.GetAsync("/Account/ForgotPassword")).Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task No_invitation_or_reset_link_reaches_the_log_files()
    {
        var (email, link) = await InvitedAsync("Lou Logless");
        using var newcomer = Test.App.Browser();
        await newcomer.GetPageAsync(link);
        await newcomer.ChoosePasswordAsync(link);
        await newcomer.Http.GetAsync(link);
        using var visitor = Test.App.Browser();
        await visitor.SubmitAsync("/Account/ForgotPassword", "#forgot-password-form", new() { ["Input.Email"] = email });
        var reset = await Test.SendAndReadLinkAsync(email);
        await visitor.Http.GetAsync(reset);

        var logs = await Test.App.ReadLogsAsync();

        logs.ShouldContain("/Account/SetPassword", customMessage: "the request log has the path");
        logs.ShouldNotContain(AccountLinkTestSupport.TokenOf(link));
        logs.ShouldNotContain(AccountLinkTestSupport.TokenOf(reset));
        logs.ShouldNotContain(Uri.EscapeDataString(AccountLinkTestSupport.TokenOf(reset)));
    }

    private async Task<(string Email, string Link)> InvitedAsync(string name)
    {
        using var manager = await WebClient.SignedInAsync(Test.App, TestWorld.Manager);
        var email = StaffTestSupport.NewEmail(name.Split(' ')[0].ToLowerInvariant());
        (await InviteAsync(manager, name, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (email, await Test.SendAndReadLinkAsync(email));
    }

    private Task<string> IdOfAsync(string email) => Test.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static Task<HttpResponseMessage> InviteAsync(WebClient client, string name, string email, Guid? practiceId = null)
    {
        var values = new Dictionary<string, string?> { ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Role"] = Roles.FrontDesk };
        if (practiceId is not null)
        {
            values["Input.PracticeIds"] = practiceId.ToString();
        }

        return client.SubmitAsync("/staff/new", "#create-staff-form", values);
    }

    private static string StatusIn(IHtmlDocument staffList, string email) =>
        staffList.QuerySelector($"[data-testid=staff] tr[data-email='{email}'] [data-testid=status]")!.TextContent.Trim();
}
