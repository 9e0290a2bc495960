using System.Net;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class ChangePasswordTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string NewPassword = "Blue-kettle-on-the-stove-7";

    [Fact]
    public async Task Staff_change_their_password_stay_signed_in_and_sign_in_with_the_new_one()
    {
        var email = await NewStaffAsync("Lee Fresh");
        using var client = await fixture.SignInAsync(email);

        var response = await ChangeAsync(client, TestWorld.Password, NewPassword, NewPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        home.QuerySelector("#flash")!.TextContent.ShouldContain(ChangePasswordModel.Done);
        home.QuerySelector("[data-testid=signed-in-as]")!.TextContent.ShouldBe("Lee Fresh");

        using var again = await WebClient.SignedInAsync(fixture.App, email, NewPassword);
        await Should.ThrowAsync<InvalidOperationException>(() => WebClient.SignedInAsync(fixture.App, email, TestWorld.Password));
        var audit = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.StaffChanged).Select(a => a.Detail).ToListAsync());
        audit.ShouldContain("Lee Fresh changed their password");
        audit.ShouldNotContain(a => a.Contains(NewPassword) || a.Contains(TestWorld.Password));
    }

    [Fact]
    public async Task With_the_session_checked_each_request_a_change_keeps_this_session_and_ends_the_others()
    {
        var email = await NewStaffAsync("Max Twice");
        await using var host = fixture.App.CheckingEachRequest();
        using var here = await host.SignInOnAsync(email);
        using var elsewhere = await host.SignInOnAsync(email);

        var response = await ChangeAsync(here, TestWorld.Password, NewPassword, NewPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await elsewhere.ShouldBeSignedOutAsync();
    }

    [Fact]
    public async Task A_wrong_current_password_gets_a_message_and_changes_nothing()
    {
        var email = await NewStaffAsync("Kim Slip");
        using var client = await fixture.SignInAsync(email);

        var response = await ChangeAsync(client, "Not-my-password-42", NewPassword, NewPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent.ShouldContain(ChangePasswordModel.WrongCurrentPassword);
        page.QuerySelector("#error-summary").ShouldNotBeNull();
        page.QuerySelector("#Input_CurrentPassword")!.GetAttribute("value").ShouldBeNullOrEmpty("passwords are never echoed back");
        using var stillOld = await WebClient.SignedInAsync(fixture.App, email, TestWorld.Password);
    }

    [Fact]
    public async Task The_new_password_follows_the_policy_and_must_be_typed_twice()
    {
        var email = await NewStaffAsync("Jo Short");
        using var client = await fixture.SignInAsync(email);
        var form = await client.GetPageAsync("/Account/ChangePassword");
        form.QuerySelector("#policy-help")!.TextContent.ShouldContain("At least 12 characters");

        var tooShort = await WebClient.ParseAsync(await ChangeAsync(client, TestWorld.Password, "Short-1a", "Short-1a"));
        tooShort.QuerySelector("[data-valmsg-for='Input.NewPassword']")!.TextContent.ShouldContain("12");

        var mismatch = await WebClient.ParseAsync(await ChangeAsync(client, TestWorld.Password, NewPassword, NewPassword + "x"));
        mismatch.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent.ShouldContain("differ");
    }

    [Fact]
    public async Task Signed_out_visitors_are_asked_to_sign_in()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.Http.GetAsync("/Account/ChangePassword");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/Account/SignIn");
    }

    private static Task<HttpResponseMessage> ChangeAsync(WebClient client, string current, string newPassword, string confirm) =>
        client.SubmitAsync("/Account/ChangePassword", "#change-password-form", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = confirm,
        });

    private async Task<string> NewStaffAsync(string name) => (await fixture.App.NewStaffAsync(name, Roles.FrontDesk, fixture.World.Harbourside.Id)).Email;
}
