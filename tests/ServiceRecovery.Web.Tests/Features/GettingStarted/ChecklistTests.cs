using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.GettingStarted;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Seeding;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.GettingStarted;

/// <summary>The getting-started checklist on the home page: each item done from its own fact, for its own practice, for managers only.</summary>
public sealed class ChecklistTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_new_practice_shows_its_manager_seven_items_to_do_each_linking_to_its_page()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        var home = await manager.GetPageAsync("/");

        var checklist = practice.ChecklistOn(home).ShouldNotBeNull();
        checklist.QuerySelector("h2")!.TextContent.ShouldBe($"Getting started at {practice.Name}");
        checklist.QuerySelector("[data-testid=checklist-progress]")!.TextContent.ShouldBe("0 of 7 done");
        var items = practice.ItemsOn(home);
        items.Keys.ShouldBe(Enum.GetNames<ChecklistItem>());
        items.Values.ShouldAllBe(i => !i.Done && i.State == "To do");
        var links = checklist.QuerySelectorAll("[data-testid=checklist-item] a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe([
            $"/settings?practice={practice.Id}#Stage-title", $"/settings?practice={practice.Id}#limits-title", "/staff/new",
            $"/patients/import?practice={practice.Id}", $"/settings/comment-card?practice={practice.Id}",
            $"/settings?practice={practice.Id}#test-email-title", $"/huddle/display-link?practice={practice.Id}",
        ]);
        checklist.QuerySelectorAll("[data-testid=checklist-item] a .visually-hidden").Select(s => s.TextContent).ShouldAllBe(t => t == " (To do)");
    }

    [Fact]
    public async Task Looks_right_marks_stages_and_categories_done_and_says_who_and_when()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);
        var home = await manager.GetPageAsync("/");

        var response = await manager.SubmitAsync(home, $"[data-practice='{practice.Id}'] form:has([data-testid=looks-right])", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetPageAsync("/");
        practice.ItemsOn(after)[nameof(ChecklistItem.StagesAndCategories)].ShouldBe((true, "Done"));
        practice.ChecklistOn(after)!.QuerySelector("[data-testid=looks-right]").ShouldBeNull();
        practice.ChecklistOn(after)!.QuerySelector("[data-item=StagesAndCategories] a .visually-hidden")!.TextContent.ShouldBe(" (Done)");
        var mark = await fixture.App.WithDbAsync(db => db.ChecklistMarks.SingleAsync(m => m.PracticeId == practice.Id));
        mark.Kind.ShouldBe(ChecklistMarkKind.StagesLookRight);
        mark.ActorName.ShouldStartWith("Manager ");
    }

    [Fact]
    public async Task Saving_the_gesture_limits_marks_limits_and_due_times_done()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        var saved = await manager.SubmitAsync($"/settings?practice={practice.Id}", "#limits-form", []);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var items = practice.ItemsOn(await manager.GetPageAsync("/"));
        items[nameof(ChecklistItem.LimitsAndDueTimes)].Done.ShouldBeTrue();
        items.Count(i => i.Value.Done).ShouldBe(1, "saving the limits says nothing about the other items");
    }

    [Fact]
    public async Task Saving_the_due_times_marks_limits_and_due_times_done()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        (await manager.SubmitAsync($"/settings?practice={practice.Id}", "#due-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.LimitsAndDueTimes)].Done.ShouldBeTrue();
    }

    [Fact]
    public async Task A_second_member_marks_invite_staff_done()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);
        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.InviteStaff)].Done.ShouldBeFalse("the manager alone is not a team");

        await AddStaffAsync(practice.Id);

        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.InviteStaff)].Done.ShouldBeTrue();
    }

    [Fact]
    public async Task A_patient_marks_import_patients_done()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        await fixture.App.WithDbAsync(async db =>
        {
            db.Patients.Add(Patient.Create(practice.Id, "Ottoline Brackenridge", "0412 111 222", null, null, DateTimeOffset.UtcNow, "AU"));
            return await db.SaveChangesAsync();
        });

        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.ImportPatients)].Done.ShouldBeTrue();
    }

    [Fact]
    public async Task Opening_the_printable_comment_card_marks_it_done_once()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        await manager.GetPageAsync($"/settings/comment-card?practice={practice.Id}");
        await manager.GetPageAsync($"/settings/comment-card?practice={practice.Id}");

        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.PrintCommentCard)].Done.ShouldBeTrue();
        (await fixture.App.WithDbAsync(db => db.ChecklistMarks.CountAsync(m => m.PracticeId == practice.Id && m.Kind == ChecklistMarkKind.CommentCardOpened)))
            .ShouldBe(1, "opening it again records nothing new");
    }

    [Fact]
    public async Task Issuing_the_display_link_marks_the_huddle_item_done()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);

        var issued = await manager.SubmitAsync($"/huddle/display-link?practice={practice.Id}", "#issue-form", []);

        issued.IsSuccessStatusCode.ShouldBeTrue();
        practice.ItemsOn(await manager.GetPageAsync("/"))[nameof(ChecklistItem.HuddleDisplayLink)].Done.ShouldBeTrue();
    }

    [Fact]
    public async Task Dismissing_hides_the_checklist_is_audited_and_settings_shows_it_again()
    {
        var practice = await NewPractice.CreateAsync(fixture.App);
        using var manager = await fixture.SignInAsync(practice.Manager);
        var home = await manager.GetPageAsync("/");

        var dismissed = await manager.SubmitAsync(home, $"[data-practice='{practice.Id}'] form:has([data-testid=dismiss-checklist])", []);

        dismissed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        practice.ChecklistOn(await manager.GetPageAsync("/")).ShouldBeNull();
        var audit = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.PracticeId == practice.Id && a.Kind == AuditKind.SettingsChanged).Select(a => new { a.Detail, a.ActorName }).ToListAsync());
        audit.ShouldHaveSingleItem().Detail.ShouldBe($"{practice.Name}: getting-started checklist dismissed");
        audit[0].ActorName.ShouldStartWith("Manager ");

        var settings = await manager.GetPageAsync($"/settings?practice={practice.Id}");
        settings.QuerySelector("[data-testid=checklist-settings-state]")!.TextContent.ShouldContain("Dismissed");
        (await manager.SubmitAsync(settings, "#show-checklist-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        practice.ChecklistOn(await manager.GetPageAsync("/")).ShouldNotBeNull();
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.PracticeId == practice.Id && a.Detail.EndsWith("getting-started checklist shown again")))).ShouldBe(1);
    }

    [Fact]
    public async Task Front_desk_never_sees_the_checklist_and_cannot_dismiss_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var managersHome = await manager.GetPageAsync("/");
        managersHome.QuerySelector($"[data-practice='{fixture.World.Harbourside.Id}']").ShouldNotBeNull("the manager of the same practice sees it");

        var home = await frontDesk.GetPageAsync("/");

        home.QuerySelector("[data-testid=checklist]").ShouldBeNull();
        var form = (IHtmlFormElement)managersHome.QuerySelector($"[data-practice='{fixture.World.Harbourside.Id}'] form:has([data-testid=dismiss-checklist])")!;
        var token = home.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement;
        var post = await frontDesk.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token?.Value ?? "" }));
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.App.WithDbAsync(db => db.ChecklistMarks.AnyAsync(m => m.PracticeId == fixture.World.Harbourside.Id && m.Kind == ChecklistMarkKind.Dismissed))).ShouldBeFalse();
    }

    [Fact]
    public async Task Another_practices_facts_do_not_count_even_for_someone_who_manages_both()
    {
        var mine = await NewPractice.CreateAsync(fixture.App);
        var theirs = await NewPractice.CreateAsync(fixture.App);
        using var theirManager = await fixture.SignInAsync(theirs.Manager);
        await theirManager.SubmitAsync(await theirManager.GetPageAsync("/"), $"[data-practice='{theirs.Id}'] form:has([data-testid=looks-right])", []);
        await theirManager.SubmitAsync($"/settings?practice={theirs.Id}", "#limits-form", []);
        await theirManager.GetPageAsync($"/settings/comment-card?practice={theirs.Id}");
        await theirManager.SubmitAsync($"/huddle/display-link?practice={theirs.Id}", "#issue-form", []);
        await fixture.App.WithDbAsync(async db =>
        {
            db.Patients.Add(Patient.Create(theirs.Id, "Ottoline Brackenridge", null, "ottoline@example.test", null, DateTimeOffset.UtcNow, "AU"));
            // My manager manages their practice too (which so has a second member); mine still has only me.
            var me = await db.Users.SingleAsync(u => u.Email == mine.Manager);
            db.Memberships.Add(new PracticeMembership { UserId = me.Id, PracticeId = theirs.Id, Role = StaffRole.PracticeManager });
            return await db.SaveChangesAsync();
        });
        using var myManager = await fixture.SignInAsync(mine.Manager);

        var home = await myManager.GetPageAsync("/");

        theirs.ItemsOn(home).Where(i => i.Value.Done).Select(i => i.Key).Order().ShouldBe(
            Enum.GetNames<ChecklistItem>().Where(n => n != nameof(ChecklistItem.SendTestEmail)).Order(), "everything but the test email is done there");
        mine.ItemsOn(home).Values.ShouldAllBe(i => !i.Done);
        using var other = await fixture.SignInAsync(TestWorld.OtherManager);
        theirs.ChecklistOn(await other.GetPageAsync("/")).ShouldBeNull("a manager sees only the checklists of practices they manage");
    }

    [Fact]
    public async Task An_administrator_of_two_practices_sees_each_practices_own_checklist()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var home = await admin.GetPageAsync("/");

        var practices = home.QuerySelectorAll("[data-testid=checklist]").Select(c => c.GetAttribute("data-practice")).ToList();
        practices.ShouldContain(fixture.World.Harbourside.Id.ToString());
        practices.ShouldContain(fixture.World.Other.Id.ToString());
    }

    [Fact]
    public async Task The_demo_practice_starts_with_the_checklist_dismissed()
    {
        // An app of its own, without the test practices: the demo's practice takes the same address name as theirs.
        await using var app = new AppFactory();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(TestWorld.Password);
        }

        using var manager = await WebClient.SignedInAsync(app, "manager@harbourside.example");
        var home = await manager.GetPageAsync("/");

        home.QuerySelector("[data-testid=open-counts]").ShouldNotBeNull();
        home.QuerySelector("[data-testid=checklist]").ShouldBeNull();
        var settings = await manager.GetPageAsync("/settings");
        settings.QuerySelector("[data-testid=checklist-settings-state]")!.TextContent.ShouldContain("Dismissed");
    }

    private async Task AddStaffAsync(Guid practiceId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, $"desk-{Guid.NewGuid():N}@new.test", "Desk Person", Roles.FrontDesk, TestWorld.Password, DateTimeOffset.UtcNow, practiceId);
    }
}
