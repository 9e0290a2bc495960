using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Features.Staff;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class StaffTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_creates_a_front_desk_account_and_the_newcomer_signs_in_with_the_password_shown()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var email = StaffTestSupport.NewEmail("ava");

        var response = await CreateAsync(manager, "Ava Brown", email, Roles.FrontDesk);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue("the password must not be cached");
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("#account-created")!.TextContent.ShouldContain("shown only this once");
        var password = page.QuerySelector("[data-testid=initial-password]")!.TextContent.Trim();
        password.Length.ShouldBeGreaterThanOrEqualTo(12);

        using var newcomer = await WebClient.SignedInAsync(fixture.App, email, password);
        (await newcomer.GetPageAsync("/")).QuerySelector("[data-testid=signed-in-as]")!.TextContent.ShouldBe("Ava Brown");

        var row = (await manager.GetPageAsync("/staff")).QuerySelector($"[data-testid=staff] tr[data-email='{email}']")!;
        row.TextContent.ShouldContain("Front desk");
        row.TextContent.ShouldContain("Harbourside Dental");
        row.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("Active");

        var audit = await AuditAsync();
        audit.ShouldContain(a => a.Contains("Account created for Ava Brown") && a.Contains("Front desk in Harbourside Dental"));
        audit.ShouldNotContain(a => a.Contains(password));
    }

    [Fact]
    public async Task A_duplicate_email_gets_a_message_beside_the_field()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var response = await CreateAsync(manager, "Mia Again", TestWorld.FrontDesk.ToUpperInvariant(), Roles.FrontDesk);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.ShouldContain(CreateStaff.ExistingNeedsInvitation);
        page.QuerySelector("[data-testid=initial-password]").ShouldBeNull();
        (await fixture.App.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == "Mia Again"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_practice_manager_cannot_grant_administrator_nor_another_practice()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var form = await manager.GetPageAsync("/staff/new");
        form.QuerySelectorAll("#Input_Role option").Select(o => o.GetAttribute("value")).ShouldBe([Roles.FrontDesk, Roles.PracticeManager]);
        form.QuerySelectorAll("input[name='Input.PracticeIds']").Select(i => i.GetAttribute("value")).ShouldBe([fixture.World.Harbourside.Id.ToString()]);

        var forgedRole = await CreateAsync(manager, "Forged Admin", StaffTestSupport.NewEmail("forged"), Roles.Administrator);
        (await WebClient.ParseAsync(forgedRole)).QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent.ShouldContain(StaffRules.AdministratorOnly);

        var forgedPractice = await CreateAsync(manager, "Forged Practice", StaffTestSupport.NewEmail("elsewhere"), Roles.FrontDesk, fixture.World.Other.Id.ToString());
        (await WebClient.ParseAsync(forgedPractice)).QuerySelector("[data-valmsg-for='Input.PracticeIds']")!.TextContent.ShouldContain(StaffRules.OwnPracticesOnly);

        var (colleagueId, _) = await fixture.App.NewStaffAsync("Pro Motion", Roles.FrontDesk, fixture.World.Harbourside.Id);
        var edit = await manager.GetPageAsync($"/staff/{colleagueId}");
        edit.QuerySelector($"select[name='{RoleField(fixture.World.Harbourside.Id)}'] option[value=Administrator]").ShouldBeNull();
        var forgedEdit = await manager.SubmitAsync(edit, "#edit-staff-form", new() { [RoleField(fixture.World.Harbourside.Id)] = Roles.Administrator });
        (await WebClient.ParseAsync(forgedEdit)).QuerySelector("[data-valmsg-for='Input.Roles']")!.TextContent.ShouldContain(StaffRules.AdministratorOnly);

        (await fixture.App.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName.StartsWith("Forged")))).ShouldBe(0);
        (await RoleAsync(colleagueId, fixture.World.Harbourside.Id)).ShouldBe(StaffRole.FrontDesk);

        // An administrator's membership is an administrator's to change, not a practice manager's.
        var adminId = await IdOfAsync(TestWorld.Administrator);
        (await manager.GetPageAsync($"/staff/{adminId}")).QuerySelector("[data-testid=read-only]")!.TextContent.ShouldContain(StaffRules.AdministratorAccountOnly);
    }

    [Fact]
    public async Task An_administrator_may_grant_administrator()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var email = StaffTestSupport.NewEmail("second-admin");

        var response = await CreateAsync(admin, "Second Admin", email, Roles.Administrator, fixture.World.Other.Id.ToString());

        (await WebClient.ParseAsync(response)).QuerySelector("[data-testid=created-email]")!.TextContent.ShouldBe(email);
        (await RoleAsync(await IdOfAsync(email), fixture.World.Other.Id)).ShouldBe(StaffRole.Administrator);
    }

    [Fact]
    public async Task Front_desk_is_not_allowed_in_staff_settings()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var managerId = await IdOfAsync(TestWorld.Manager);

        foreach (var url in new[] { "/staff", "/staff/new", $"/staff/{managerId}" })
        {
            (await frontDesk.Http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        var home = await frontDesk.GetPageAsync("/");
        home.QuerySelector("a[href='/staff']").ShouldBeNull();
        home.QuerySelector("#change-password-link").ShouldNotBeNull();
    }

    [Fact]
    public async Task Deactivating_an_account_refuses_sign_in_and_ends_its_sessions()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Dee Parting", Roles.FrontDesk, fixture.World.Harbourside.Id);
        // The same app and database, with the session check proposed for Program.cs (every request) ...
        await using var checkedEachRequest = fixture.App.CheckingEachRequest();
        // ... and as configured today, once the one-minute validation interval has passed.
        await using var aMinuteLater = fixture.App.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        using var sessionA = await checkedEachRequest.SignInOnAsync(email);
        using var sessionB = await aMinuteLater.SignInOnAsync(email);
        (await sessionA.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sessionB.Http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stampBefore = await StampAsync(id);

        // The account as a whole ends in every practice it belongs to: an administrator of all of them deactivates it.
        using var manager = await fixture.SignInAsync(TestWorld.Administrator);
        var response = await manager.SubmitAsync($"/staff/{id}", "#deactivate-form", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetPageAsync(response.Headers.Location!.OriginalString);
        after.QuerySelector("#flash")!.TextContent.ShouldContain("Dee Parting deactivated");
        after.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("Deactivated");
        (await StampAsync(id)).ShouldNotBe(stampBefore);
        await sessionA.ShouldBeSignedOutAsync();
        await sessionB.ShouldBeSignedOutAsync();

        using var anonymous = fixture.Anonymous();
        var signIn = await anonymous.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = email, ["Input.Password"] = TestWorld.Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(signIn)).QuerySelector("#error-summary")!.TextContent.ShouldContain(SignInModel.FailureMessage);
        (await AuditAsync()).ShouldContain("Dee Parting deactivated");

        var reactivated = await manager.SubmitAsync($"/staff/{id}", "#reactivate-form", []);
        reactivated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var back = await WebClient.SignedInAsync(fixture.App, email);
        (await AuditAsync()).ShouldContain("Dee Parting reactivated");
    }

    [Fact]
    public async Task A_role_change_ends_the_sessions_and_is_audited()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Rory Step", Roles.FrontDesk, fixture.World.Harbourside.Id);
        var stampBefore = await StampAsync(id);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var response = await manager.SubmitAsync($"/staff/{id}", "#edit-staff-form", new() { [RoleField(fixture.World.Harbourside.Id)] = Roles.PracticeManager });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.GetPageAsync(response.Headers.Location!.OriginalString)).QuerySelector("#flash")!.TextContent
            .ShouldContain("role at Harbourside Dental changed from Front desk to Practice manager");
        (await RoleAsync(id, fixture.World.Harbourside.Id)).ShouldBe(StaffRole.PracticeManager);
        (await StampAsync(id)).ShouldNotBe(stampBefore);
        (await AuditAsync()).ShouldContain("Role of Rory Step at Harbourside Dental changed from Front desk to Practice manager");
        using var promoted = await WebClient.SignedInAsync(fixture.App, email);
        (await promoted.Http.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_moves_someone_between_their_practices()
    {
        var (id, _) = await fixture.App.NewStaffAsync("Pat Mover", Roles.FrontDesk, fixture.World.Harbourside.Id);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var response = await admin.SubmitAsync($"/staff/{id}", "#edit-staff-form", new()
        {
            [RoleField(fixture.World.Harbourside.Id)] = EditStaff.NotAMember,
            [RoleField(fixture.World.Other.Id)] = Roles.FrontDesk,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var practices = await fixture.App.WithDbAsync(db => db.Memberships.Where(m => m.UserId == id).Select(m => m.PracticeId).ToListAsync());
        practices.ShouldBe([fixture.World.Other.Id]);
        var audit = await AuditAsync();
        audit.ShouldContain("Pat Mover added to Other Street Dental as Front desk");
        audit.ShouldContain("Pat Mover removed from Harbourside Dental (was Front desk)");

        var other = await admin.GetPageAsync($"/staff?practice={fixture.World.Other.Id}");
        var emails = other.QuerySelectorAll("[data-testid=staff] tbody tr").Select(tr => tr.GetAttribute("data-email")).ToList();
        emails.ShouldContain(TestWorld.OtherFrontDesk);
        emails.ShouldNotContain(TestWorld.FrontDesk);
    }

    [Fact]
    public async Task A_manager_cannot_deactivate_themselves()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var managerId = await IdOfAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/staff/{managerId}");
        page.QuerySelector("#deactivate-form").ShouldBeNull();

        var forged = await PostAsync(manager, page, "#edit-staff-form", $"/staff/{managerId}?handler=Active", new()
        {
            ["Activation.ConcurrencyStamp"] = await ConcurrencyStampAsync(managerId),
            ["Activation.Active"] = "false",
        });

        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await WebClient.ParseAsync(forged);
        shown.QuerySelector("#error-summary")!.TextContent.ShouldContain(StaffRules.NotYourself);
        shown.QuerySelector($"#role-{fixture.World.Harbourside.Id} option[selected]")!.GetAttribute("value").ShouldBe(Roles.PracticeManager, "the rest of the page still shows the account as it is");
        (await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == managerId).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();
    }

    [Fact]
    public async Task Leaving_one_of_your_own_practices_keeps_you_signed_in_with_the_rest()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Ada Both", Roles.Administrator, fixture.World.Harbourside.Id, fixture.World.Other.Id);
        await using var host = fixture.App.CheckingEachRequest();
        using var admin = await host.SignInOnAsync(email);
        var page = await admin.GetPageAsync($"/staff/{id}");

        var response = await admin.SubmitAsync(page, "#edit-staff-form", new() { [RoleField(fixture.World.Other.Id)] = EditStaff.NotAMember });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await admin.GetPageAsync("/staff");
        list.QuerySelector("#staff-filter").ShouldBeNull("only one practice is left");
        list.QuerySelector($"tr[data-email='{TestWorld.OtherFrontDesk}']").ShouldBeNull();
    }

    [Fact]
    public async Task Staff_of_another_practice_are_not_found()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var outsiderId = await IdOfAsync(TestWorld.OtherFrontDesk);

        (await manager.Http.GetAsync($"/staff/{outsiderId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.Http.GetAsync($"/staff/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await manager.GetPageAsync("/staff");
        list.QuerySelector($"tr[data-email='{TestWorld.OtherFrontDesk}']").ShouldBeNull();

        var forged = await PostAsync(manager, list, "#sign-out-form", $"/staff/{outsiderId}?handler=Active", new()
        {
            ["Activation.ConcurrencyStamp"] = await ConcurrencyStampAsync(outsiderId),
            ["Activation.Active"] = "false",
        });
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == outsiderId).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_told_to_reload()
    {
        var (id, _) = await fixture.App.NewStaffAsync("Con Current", Roles.FrontDesk, fixture.World.Harbourside.Id);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var managersForm = await manager.GetPageAsync($"/staff/{id}");
        var adminsForm = await admin.GetPageAsync($"/staff/{id}");

        (await manager.SubmitAsync(managersForm, "#edit-staff-form", new() { [RoleField(fixture.World.Harbourside.Id)] = Roles.PracticeManager })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await admin.SubmitAsync(adminsForm, "#deactivate-form", []);

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(second);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("changed by someone else");
        page.QuerySelector($"#role-{fixture.World.Harbourside.Id} option[selected]")!.GetAttribute("value").ShouldBe(Roles.PracticeManager, "the form shows the latest");
        (await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();

        // The form it came back with is current, so the retry goes through.
        (await admin.SubmitAsync(page, "#deactivate-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Managers_see_the_staff_link()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var home = await manager.GetPageAsync("/");
        home.QuerySelector("a[href='/staff']").ShouldNotBeNull();
    }

    /// <summary>Fills in the new-account form; the practice is left as offered unless one is given.</summary>
    private static Task<HttpResponseMessage> CreateAsync(WebClient client, string name, string email, string role, string? practiceId = null)
    {
        // The fallback for a practice without email: a first password shown once (invitations have their own tests).
        var values = new Dictionary<string, string?> { ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Role"] = role, ["Input.Delivery"] = CreateStaff.ByPassword };
        if (practiceId is not null)
        {
            values["Input.PracticeIds"] = practiceId;
        }

        return client.SubmitAsync("/staff/new", "#create-staff-form", values);
    }

    /// <summary>Posts a form's fields (with its antiforgery token) and the given values to any address: what a forged request looks like.</summary>
    private static Task<HttpResponseMessage> PostAsync(WebClient client, IHtmlDocument page, string formSelector, string url, Dictionary<string, string> values)
    {
        var fields = WebClient.FieldsOf((IHtmlFormElement)page.QuerySelector(formSelector)!);
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        return client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private Task<List<string>> AuditAsync() =>
        fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.StaffChanged).Select(a => a.Detail).ToListAsync());

    private Task<string> IdOfAsync(string email) =>
        fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<string?> StampAsync(string id) =>
        fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());

    private async Task<string> ConcurrencyStampAsync(string id) =>
        (await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync()))!;

    private Task<StaffRole?> RoleAsync(string id, Guid practiceId) => fixture.App.WithDbAsync(db =>
        db.Memberships.Where(m => m.UserId == id && m.PracticeId == practiceId).Select(m => (StaffRole?)m.Role).SingleOrDefaultAsync());

    private static string RoleField(Guid practiceId) => $"Input.Roles[{practiceId}]";
}
