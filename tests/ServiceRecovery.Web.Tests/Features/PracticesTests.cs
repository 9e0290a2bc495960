using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Practices;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class PracticesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string?> NewPractice(string name, string slug) => new()
    {
        ["Input.Name"] = name,
        ["Input.Address"] = "9 Quay St\nSydney NSW 2000",
        ["Input.Phone"] = "02 9111 2222",
        ["Input.TimeZoneId"] = "Australia/Sydney",
        ["Input.Culture"] = "en-AU",
        ["Input.Currency"] = "AUD",
        ["Input.Slug"] = slug,
    };

    private async Task<(WebClient Admin, Guid PracticeId)> CreateAsync(string name, string slug)
    {
        var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var response = await admin.SubmitAsync("/Practices/Create", "#practice-form", NewPractice(name, slug));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        return (admin, id);
    }

    [Fact]
    public async Task An_administrator_creates_a_practice_with_the_default_stages_and_becomes_its_administrator()
    {
        var (admin, id) = await CreateAsync("Quayside Dental", "quayside");

        var list = await admin.GetPageAsync("/Practices");
        list.QuerySelector("#flash")!.TextContent.ShouldContain("Quayside Dental created");
        list.QuerySelector("#current-practices")!.TextContent.ShouldContain("Quayside Dental");
        var practice = await fixture.App.WithDbAsync(db => db.Practices.Include(p => p.Stages).SingleAsync(p => p.Id == id));
        practice.Stages.Count.ShouldBe(CxStage.DefaultNames.Count);
        practice.Address.ShouldBe("9 Quay St\nSydney NSW 2000");
        var membership = await fixture.App.WithDbAsync(db => db.Memberships.SingleAsync(m => m.PracticeId == id));
        membership.Role.ShouldBe(StaffRole.Administrator);
        (await admin.GetPageAsync("/defects/log")).QuerySelector("#Input_PracticeId")!.TextContent.ShouldContain("Quayside Dental");
    }

    [Fact]
    public async Task A_comment_card_address_name_in_use_is_refused_beside_its_field_and_what_was_typed_is_kept()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var response = await admin.SubmitAsync("/Practices/Create", "#practice-form", NewPractice("Second Harbourside", "harbourside"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent.ShouldBe(PracticeForm.SlugClash);
        page.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("Second Harbourside");
        (await fixture.App.WithDbAsync(db => db.Practices.CountAsync(p => p.Name == "Second Harbourside"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_administrator_edits_a_practice_and_a_second_save_from_an_older_form_shows_the_conflict_keeping_its_entries()
    {
        var (admin, id) = await CreateAsync("Pier Dental", "pier");
        using var other = await fixture.SignInAsync(TestWorld.Administrator);
        var mine = await admin.GetPageAsync($"/Practices/Edit?practice={id}");
        var theirs = await other.GetPageAsync($"/Practices/Edit?practice={id}");

        var saved = await admin.SubmitAsync(mine, "#practice-form", new() { ["Input.Name"] = "Pier Family Dental", ["Input.Phone"] = "02 9333 4444" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflicted = await other.SubmitAsync(theirs, "#practice-form", new() { ["Input.Name"] = "Pier Street Dental" });

        conflicted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(conflicted);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("changed by another administrator");
        page.QuerySelector("#Input_Name")!.GetAttribute("value").ShouldBe("Pier Street Dental");
        var practice = await fixture.App.WithDbAsync(db => db.Practices.SingleAsync(p => p.Id == id));
        practice.Name.ShouldBe("Pier Family Dental");
        practice.Phone.ShouldBe("02 9333 4444");
    }

    [Fact]
    public async Task Archiving_needs_the_confirm_box_and_is_audited()
    {
        var (admin, id) = await CreateAsync("Jetty Dental", "jetty");

        var unconfirmed = await admin.SubmitAsync($"/Practices/Edit?practice={id}", "#archive-form", []);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(unconfirmed)).QuerySelector("[data-valmsg-for='ArchiveInput.Confirmed']")!.TextContent.ShouldContain("Tick the box");
        (await fixture.App.WithDbAsync(db => db.Practices.SingleAsync(p => p.Id == id))).IsArchived.ShouldBeFalse();

        var archived = await admin.SubmitAsync($"/Practices/Edit?practice={id}", "#archive-form", new() { ["ArchiveInput.Confirmed"] = "true" });

        archived.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var practice = await fixture.App.WithDbAsync(db => db.Practices.SingleAsync(p => p.Id == id));
        practice.ArchivedBy.ShouldBe("Alex Morgan");
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.PracticeId == id && a.Kind == AuditKind.PracticeArchived))).ShouldBe(1);
        (await admin.GetPageAsync("/Practices")).QuerySelector("#archived-practices")!.TextContent.ShouldContain("Jetty Dental");
    }

    [Fact]
    public async Task An_archived_practice_is_gone_from_the_log_form_and_the_queue_takes_no_defects_and_its_case_stays_readable_to_its_administrator()
    {
        var (admin, id) = await CreateAsync("Marina Dental", "marina");
        var stageId = await fixture.App.WithDbAsync(db => db.Stages.Where(s => s.PracticeId == id).OrderBy(s => s.Position).Select(s => s.Id).FirstAsync());
        var logPage = await admin.GetPageAsync("/defects/log");
        var form = Defects.Form(logPage);
        form["Input.PracticeId"] = id.ToString();
        form["Input.StageId"] = stageId.ToString();
        var logged = await admin.SubmitAsync(logPage, "#log-defect-form", form);
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect, await logged.Content.ReadAsStringAsync());
        var caseUrl = logged.Headers.Location!.OriginalString;

        (await admin.SubmitAsync($"/Practices/Edit?practice={id}", "#archive-form", new() { ["ArchiveInput.Confirmed"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var freshLog = await admin.GetPageAsync("/defects/log");
        freshLog.QuerySelector("#Input_PracticeId")!.TextContent.ShouldNotContain("Marina Dental");
        (await admin.GetPageAsync("/queue")).QuerySelector("#f-practice")!.TextContent.ShouldNotContain("Marina Dental");
        (await admin.GetPageAsync("/huddle")).QuerySelector("[data-testid=practice-chooser]")!.TextContent.ShouldNotContain("Marina Dental");
        var again = Defects.Form(freshLog);
        again["Input.PracticeId"] = id.ToString();
        again["Input.StageId"] = stageId.ToString();
        var refused = await admin.SubmitAsync(freshLog, "#log-defect-form", again);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.WithDbAsync(db => db.Cases.CountAsync(c => c.PracticeId == id))).ShouldBe(1);

        var casePage = await admin.GetPageAsync(caseUrl);
        casePage.QuerySelector("main")!.TextContent.ShouldContain("SR-");
        var reports = await admin.GetPageAsync($"/reports?practice={id}");
        reports.QuerySelector("#practice")!.TextContent.ShouldContain("Marina Dental", customMessage: "its reports stay readable to its administrator");
        reports.QuerySelector("[data-valmsg-for=practice], #error-summary").ShouldBeNull();
        (await fixture.Anonymous().Http.GetAsync("/feedback/marina")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(TestWorld.Manager)]
    [InlineData(TestWorld.FrontDesk)]
    public async Task Someone_who_is_not_an_administrator_is_refused_the_practice_pages(string email)
    {
        using var client = await fixture.SignInAsync(email);

        (await client.Http.GetAsync("/Practices")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.Http.GetAsync("/Practices/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.Http.GetAsync($"/Practices/Edit?practice={fixture.World.Harbourside.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetPageAsync("/")).QuerySelector("a[href='/practices']").ShouldBeNull();
    }
}
