using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class SettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string Url => $"/settings?practice={fixture.World.Harbourside.Id}";

    [Fact]
    public async Task Front_desk_cannot_open_settings_and_another_practice_is_not_found()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        (await frontDesk.Http.GetAsync(Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.Http.GetAsync($"/settings?practice={fixture.World.Other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Due_times_change_for_new_cases_only_and_the_page_says_so()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await CasePage.OpenAsync(manager, "Before Change");
        var page = await manager.GetPageAsync(Url);
        page.QuerySelector("[data-testid=due-note]")!.TextContent.ShouldContain("cases opened from now on");

        var response = await manager.SubmitAsync(page, "#due-form", new() { ["Due.SaySorry"] = "2" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await CasePage.OpenAsync(manager, "After Change");

        var dues = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == before.CaseId || c.Id == after.CaseId)
            .Select(c => new { c.Id, c.Steps.SaySorry.DueAt, c.OpenedAt }).ToListAsync());
        var hours = dues.ToDictionary(d => d.Id, d => (d.DueAt - d.OpenedAt).TotalHours);
        hours[before.CaseId].ShouldBe(1, 0.01);
        hours[after.CaseId].ShouldBe(2, 0.01);
        await fixture.App.WithDbAsync(async db => { (await db.Audit.AnyAsync(a => a.Kind == AuditKind.SettingsChanged && a.Detail.Contains("due times"))).ShouldBeTrue(); return 0; });

        var restore = await manager.SubmitAsync(await manager.GetPageAsync(Url), "#due-form", new() { ["Due.SaySorry"] = "1" });
        restore.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("Due.Respond", "0", "Enter between 1 and 8784 hours (a year).")]
    [InlineData("Due.Respond", "lots", "Enter a valid value for Respond (hours).")]
    [InlineData("Limits.FrontDesk", "-1", "Enter an amount from 0 to 100,000, or leave it empty for no limit.")]
    public async Task Bad_settings_get_a_message_and_change_nothing(string field, string value, string message)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync(Url);
        var form = field.StartsWith("Due", StringComparison.Ordinal) ? "#due-form" : "#limits-form";

        var response = await manager.SubmitAsync(page, form, new() { [field] = value });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("#error-summary")!.TextContent.ShouldContain(message);
        result.QuerySelector($"[name='{field}']")!.GetAttribute("value").ShouldBe(value);
    }

    [Fact]
    public async Task A_retired_stage_stays_on_old_cases_but_is_not_offered_for_new_ones()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var add = await manager.SubmitAsync(await manager.GetPageAsync(Url), ".add-stage-form", new() { ["Item.Name"] = "Parking", ["Item.Action"] = "Add" });
        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stageId = await fixture.App.WithDbAsync(db => db.Stages.Where(s => s.Name == "Parking").Select(s => s.Id).SingleAsync());
        var log = await manager.GetPageAsync("/defects/log");
        var form = Defects.Form(log, "Parking Patient");
        form["Input.StageId"] = stageId.ToString();
        var logged = await manager.SubmitAsync(log, "#log-defect-form", form);
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var settings = await manager.GetPageAsync(Url);
        var retireForm = settings.QuerySelectorAll("[data-testid=stage-list] li").Single(li => li.QuerySelector("input[name='Item.Name']")?.GetAttribute("value") == "Parking").QuerySelector("form")!;
        retireForm.SetAttribute("id", "retire-parking");
        (await manager.SubmitAsync(settings, "#retire-parking", new() { ["Item.Action"] = "Retire" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await manager.GetPageAsync("/defects/log")).QuerySelectorAll("#Input_StageId option").Select(o => o.TextContent).ShouldNotContain("Parking");
        var oldCase = await manager.GetPageAsync(logged.Headers.Location!.OriginalString);
        oldCase.QuerySelector("#defect-title")!.ParentElement!.TextContent.ShouldContain("Parking");
    }

    [Fact]
    public async Task Two_managers_saving_settings_at_once_do_not_overwrite_each_other()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var managerPage = await manager.GetPageAsync(Url);
        var adminPage = await admin.GetPageAsync(Url);

        (await manager.SubmitAsync(managerPage, "#limits-form", new() { ["Limits.FrontDesk"] = "150" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await admin.SubmitAsync(adminPage, "#limits-form", new() { ["Limits.FrontDesk"] = "80" });

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(second);
        result.QuerySelector("#error-summary")!.TextContent.ShouldContain("changed by another manager");
        result.QuerySelector("[name='Limits.FrontDesk']")!.GetAttribute("value").ShouldBe("80");
        (await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => p.GestureLimits.FrontDesk).SingleAsync())).ShouldBe(150m);

        (await admin.SubmitAsync(result, "#limits-form", new() { ["Limits.FrontDesk"] = "100" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
