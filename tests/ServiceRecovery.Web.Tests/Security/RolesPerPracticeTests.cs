using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Staff;
using ServiceRecovery.Web.Tests.Features;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// A role belongs to a membership: power at one practice never reaches another, and "may this person do it?" is asked for the
/// practice of the thing being touched.
/// </summary>
public sealed class RolesPerPracticeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Guid Harbourside => fixture.World.Harbourside.Id;
    private Guid Other => fixture.World.Other.Id;

    [Fact]
    public async Task A_manager_of_one_practice_cannot_make_a_shared_colleague_a_manager_at_the_other()
    {
        var (id, _) = await fixture.App.NewStaffAsync("Tess Twoplaces", (Harbourside, StaffRole.FrontDesk), (Other, StaffRole.FrontDesk));
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/staff/{id}");
        page.QuerySelector($"#role-{Other}").ShouldBeNull("the form offers only the practices this manager manages");
        page.QuerySelector("#practices-help")!.TextContent.ShouldContain("1 practice(s) you do not manage");

        var forged = await manager.SubmitAsync(page, "#edit-staff-form", new() { [RoleField(Other)] = Roles.PracticeManager });

        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(forged)).QuerySelector("[data-valmsg-for='Input.Roles']")!.TextContent.ShouldContain(StaffRules.OwnPracticesOnly);
        (await RolesAsync(id)).ShouldBe([(Harbourside, StaffRole.FrontDesk), (Other, StaffRole.FrontDesk)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_manager_of_one_practice_can_neither_demote_nor_deactivate_the_manager_of_another()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Bea Boss", (Other, StaffRole.PracticeManager), (Harbourside, StaffRole.FrontDesk));
        var otherTrail = await TrailCountAsync(Other);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/staff/{id}");

        var demote = await manager.SubmitAsync(page, "#edit-staff-form", new() { [RoleField(Other)] = Roles.FrontDesk });
        (await WebClient.ParseAsync(demote)).QuerySelector("[data-valmsg-for='Input.Roles']")!.TextContent.ShouldContain(StaffRules.OwnPracticesOnly);

        page.QuerySelector("#deactivate-form").ShouldBeNull("deactivating ends the account at Other Street too");
        page.QuerySelector("[data-testid=deactivate-needs-administrator]").ShouldNotBeNull();
        var deactivate = await PostAsync(manager, page, "#edit-staff-form", $"/staff/{id}?handler=Active", new()
        {
            ["Activation.ConcurrencyStamp"] = page.QuerySelector("input[name='Input.ConcurrencyStamp']")!.GetAttribute("value")!,
            ["Activation.Active"] = "false",
        });
        (await WebClient.ParseAsync(deactivate)).QuerySelector("#error-summary")!.TextContent.ShouldContain(StaffRules.DeactivateNeedsAdministrator);

        (await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();
        (await RolesAsync(id)).ShouldContain((Other, StaffRole.PracticeManager));
        (await TrailCountAsync(Other)).ShouldBe(otherTrail, "nothing happened at Other Street Dental");
        using var stillManager = await WebClient.SignedInAsync(fixture.App, email);
        (await stillManager.Http.GetAsync($"/settings?practice={Other}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Power_follows_the_practice_of_the_thing_touched()
    {
        var (_, email) = await fixture.App.NewStaffAsync("Hana Split", (Harbourside, StaffRole.PracticeManager), (Other, StaffRole.FrontDesk));
        using var split = await WebClient.SignedInAsync(fixture.App, email);
        (await split.Http.GetAsync($"/settings?practice={Harbourside}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await split.Http.GetAsync($"/settings?practice={Other}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await split.GetPageAsync("/settings")).QuerySelectorAll($"a[href*='{Other}'], option[value='{Other}']").ShouldBeEmpty("settings list only the practices she manages");

        // A gesture waits for a manager at Other Street, where she is front desk.
        using var otherDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var waiting = await CasePage.OpenAsync(otherDesk, "Oscar Waits");
        await waiting.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "500" });
        var gestureId = await fixture.App.WithDbAsync(db => db.Set<Gesture>().Where(g => g.CaseId == waiting.CaseId).Select(g => g.Id).SingleAsync());

        var hers = await split.GetPageAsync(waiting.Url);
        hers.QuerySelector(".decision-form").ShouldBeNull("she may open the case, not decide its gesture");
        var forged = await PostAsync(split, hers, "#fix-form", $"{waiting.Url}?handler=Decision", new()
        {
            ["Version"] = hers.QuerySelector("#fix-form input[name=Version]")!.GetAttribute("value")!,
            ["Decision.GestureId"] = gestureId.ToString(),
            ["Decision.Approve"] = "true",
        });
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.App.WithDbAsync(db => db.Set<Gesture>().Where(g => g.Id == gestureId).Select(g => g.State).SingleAsync())).ShouldBe(GestureState.PendingApproval);
        var reference = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == waiting.CaseId).Select(c => c.Reference).SingleAsync());
        (await split.GetPageAsync("/approvals")).Body!.TextContent.ShouldNotContain(reference);
        (await split.GetPageAsync($"/reports?practice={Other}")).Body!.TextContent.ShouldContain("not one of yours");
    }

    [Fact]
    public async Task Deactivating_an_account_is_audited_in_every_practice_it_belongs_to()
    {
        var (id, _) = await fixture.App.NewStaffAsync("Wide Reach", (Harbourside, StaffRole.FrontDesk), (Other, StaffRole.FrontDesk));
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        (await admin.SubmitAsync($"/staff/{id}", "#deactivate-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var trails = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.StaffChanged && a.Detail == "Wide Reach deactivated")
            .Select(a => a.PracticeId).ToListAsync());
        trails.ShouldBe([Harbourside, Other], ignoreOrder: true);
    }

    [Fact]
    public async Task A_role_change_is_audited_in_the_practice_it_changes_and_reaches_the_session()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Ivo Upward", (Harbourside, StaffRole.FrontDesk), (Other, StaffRole.FrontDesk));
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var response = await admin.SubmitAsync($"/staff/{id}", "#edit-staff-form", new() { [RoleField(Other)] = Roles.PracticeManager });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RolesAsync(id)).ShouldBe([(Harbourside, StaffRole.FrontDesk), (Other, StaffRole.PracticeManager)], ignoreOrder: true);
        var trail = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.StaffChanged && a.Detail.Contains("Ivo Upward"))
            .Select(a => new { a.PracticeId, a.Detail }).ToListAsync());
        trail.ShouldHaveSingleItem().PracticeId.ShouldBe(Other);
        using var promoted = await WebClient.SignedInAsync(fixture.App, email);
        (await promoted.Http.GetAsync($"/settings?practice={Other}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await promoted.Http.GetAsync($"/settings?practice={Harbourside}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var staff = await promoted.GetPageAsync("/staff");
        staff.QuerySelector($"[data-testid=staff] tr[data-email='{TestWorld.FrontDesk}']").ShouldBeNull("Harbourside's staff are not hers to manage");
    }

    [Fact]
    public async Task Front_desk_opens_any_case_of_its_practice_but_takes_over_only_unassigned_cases_or_its_own()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var managerId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.Manager).Select(u => u.Id).SingleAsync());
        var deskId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        var managersCase = await CasePage.OpenAsync(manager, "Rosa Owned");
        await managersCase.SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = managerId });

        // The patient rings the front desk: the case opens for them ...
        var asDesk = new CasePage(frontDesk, managersCase.Url);
        (await asDesk.LoadAsync()).QuerySelector("h1").ShouldNotBeNull();
        // ... but a colleague's case is not theirs to take.
        var taken = await asDesk.SubmitExpectingMessagesAsync("#owner-form", new() { ["Owner.OwnerId"] = deskId });
        taken.QuerySelector("#error-summary")!.TextContent.ShouldContain(RecoveryCase.OnlyOwnerOrManagerReassigns);
        (await OwnerAsync(managersCase.CaseId)).ShouldBe(managerId);

        var unassigned = await CasePage.OpenAsync(manager, "Ugo Nobody");
        await unassigned.SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = "" });
        (await OwnerAsync(unassigned.CaseId)).ShouldBeNull();
        await new CasePage(frontDesk, unassigned.Url).SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = deskId });
        (await OwnerAsync(unassigned.CaseId)).ShouldBe(deskId);
        // Their own case they may hand on.
        await new CasePage(frontDesk, unassigned.Url).SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = managerId });
        (await OwnerAsync(unassigned.CaseId)).ShouldBe(managerId);
    }

    [Fact]
    public async Task A_manager_exports_and_is_on_record_only_where_they_manage()
    {
        var (id, email) = await fixture.App.NewStaffAsync("Cal Export", (Harbourside, StaffRole.PracticeManager), (Other, StaffRole.FrontDesk));
        using var split = await WebClient.SignedInAsync(fixture.App, email);
        var otherTrail = await TrailCountAsync(Other);

        (await split.Http.GetAsync($"/queue?handler=Csv&includeContacts=true&Filter.PracticeId={Other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var all = await split.Http.GetAsync("/queue?handler=Csv&includeContacts=true");

        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TrailCountAsync(Other)).ShouldBe(otherTrail, "she exports nothing of Other Street Dental, where she is front desk");
        var exports = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.Export && a.ActorId == id).Select(a => a.PracticeId).ToListAsync());
        exports.ShouldBe([Harbourside]);
    }

    private static string RoleField(Guid practiceId) => $"Input.Roles[{practiceId}]";

    private async Task<List<(Guid, StaffRole)>> RolesAsync(string id) =>
        (await fixture.App.WithDbAsync(db => db.Memberships.Where(m => m.UserId == id).ToListAsync())).Select(m => (m.PracticeId, m.Role)).ToList();

    private Task<int> TrailCountAsync(Guid practiceId) => fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.PracticeId == practiceId));

    private Task<string?> OwnerAsync(Guid caseId) =>
        fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.OwnerId).SingleAsync());

    /// <summary>A form's fields (with its antiforgery token) and the given values, posted to any address: what a forged request looks like.</summary>
    internal static Task<HttpResponseMessage> PostAsync(WebClient client, IHtmlDocument page, string formSelector, string url, Dictionary<string, string> values)
    {
        var fields = WebClient.FieldsOf((IHtmlFormElement)page.QuerySelector(formSelector)!);
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        return client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
