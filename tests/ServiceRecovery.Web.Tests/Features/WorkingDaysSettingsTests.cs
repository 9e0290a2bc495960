using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The settings section for the practice's working days and the complaint rules its formal complaints are counted by.</summary>
public sealed class WorkingDaysSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    private string Url => $"/settings?practice={fixture.World.Harbourside.Id}";

    private Task<(int OpeningDays, string ClosureDays, string? ProfileId, int? AcknowledgeWithin)> StoredAsync() =>
        fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id)
            .Select(p => new ValueTuple<int, string, string?, int?>(p.OpeningDays, p.ClosureDays, p.ComplaintProfileId, p.AcknowledgeWithin)).SingleAsync());

    /// <summary>Posts the section's form as a browser would: every ticked opening day, then the changed fields.</summary>
    private static Task<HttpResponseMessage> SaveAsync(WebClient client, IHtmlDocument page, Dictionary<string, string> values, IEnumerable<DayOfWeek>? open = null)
    {
        var form = (IHtmlFormElement)page.QuerySelector("#working-days-form")!;
        var ticked = open?.Select(d => d.ToString())
            ?? form.QuerySelectorAll("input[name='Complaints.OpeningDays']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value);
        var fields = WebClient.FieldsOf(form).Where(f => f.Key != "Complaints.OpeningDays").ToDictionary();
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        var pairs = fields.Concat(ticked.Select(day => KeyValuePair.Create("Complaints.OpeningDays", day))).ToList();
        return client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(pairs));
    }

    [Fact]
    public async Task A_manager_saves_opening_days_a_closure_week_and_the_Victorian_rules_and_the_page_shows_them()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync(Url);
        page.QuerySelector("[data-testid=complaint-profile-empty]")!.TextContent.ShouldContain("No complaint rules chosen yet");

        var saved = await SaveAsync(manager, page, new()
        {
            ["Complaints.ClosureDays"] = "2026-12-24 to 2026-12-31",
            ["Complaints.ProfileId"] = JurisdictionProfiles.Victoria.Id,
            ["Complaints.AcknowledgeWithin"] = "2",
        }, MondayToSaturday);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetPageAsync(Url);
        after.QuerySelector("[role=status], .alert-success")!.TextContent.ShouldContain("Open formal complaints keep the rules they were marked under.");
        after.QuerySelector("[data-testid=complaint-profile]")!.TextContent.ShouldContain("Health Complaints Commissioner");
        after.QuerySelector("[data-testid=complaint-rules-note]")!.TextContent.ShouldContain("Open formal complaints keep the rules they were marked under");
        after.QuerySelectorAll("input[name='Complaints.OpeningDays']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value)
            .ShouldBe(MondayToSaturday.Select(d => d.ToString()));
        after.QuerySelector("#Complaints_ClosureDays")!.TextContent.Trim().ShouldBe("2026-12-24 to 2026-12-31");
        (await StoredAsync()).ShouldBe((WorkingDays.Bits(MondayToSaturday), "2026-12-24 to 2026-12-31", JurisdictionProfiles.Victoria.Id, 2));
        (await fixture.App.WithDbAsync(db => db.Audit.AnyAsync(a => a.Kind == AuditKind.SettingsChanged && a.Detail.Contains("working days changed") && a.Detail.Contains("au-victoria"))))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_closure_list_with_garbage_gets_a_message_naming_the_line_keeps_the_input_and_saves_nothing()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await StoredAsync();
        var page = await manager.GetPageAsync(Url);

        var response = await SaveAsync(manager, page, new()
        {
            ["Complaints.ClosureDays"] = "2026-12-24\nboxing day",
            ["Complaints.ProfileId"] = JurisdictionProfiles.EnglandNhs.Id,
        }, [DayOfWeek.Monday]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("#working-days-form [data-valmsg-for='Complaints.ClosureDays']")!.TextContent.ShouldContain("Line 2, \"boxing day\", is not a date");
        result.QuerySelector("#Complaints_ClosureDays")!.TextContent.ShouldContain("boxing day");
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_legal_clock_set_longer_than_the_law_allows_is_refused_naming_the_legal_time()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await StoredAsync();

        var response = await SaveAsync(manager, await manager.GetPageAsync(Url), new()
        {
            ["Complaints.ProfileId"] = JurisdictionProfiles.UnitedKingdomPrivate.Id,
            ["Complaints.RespondWithin"] = "15",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("#working-days-form [data-valmsg-for='Complaints.RespondWithin']")!.TextContent
            .ShouldBe("United Kingdom, private dental care allows at most 10 working days to respond; the practice may set a shorter time, never a longer one.");
        result.QuerySelector("[name='Complaints.RespondWithin']")!.GetAttribute("value").ShouldBe("15");
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Front_desk_cannot_change_the_working_days()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await StoredAsync();
        var managerForm = (IHtmlFormElement)(await manager.GetPageAsync(Url)).QuerySelector("#working-days-form")!;
        // A token the front desk may hold, from a page it may open.
        var token = (await frontDesk.GetPageAsync("/defects/log")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = WebClient.FieldsOf(managerForm);
        fields["__RequestVerificationToken"] = token;
        fields["Complaints.ClosureDays"] = "2026-07-01";

        (await frontDesk.Http.GetAsync(Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.PostAsync(managerForm.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Two_managers_saving_the_working_days_at_once_do_not_overwrite_each_other()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var managerPage = await manager.GetPageAsync(Url);
        var adminPage = await admin.GetPageAsync(Url);

        (await SaveAsync(manager, managerPage, new() { ["Complaints.ClosureDays"] = "2027-01-04" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await SaveAsync(admin, adminPage, new() { ["Complaints.ClosureDays"] = "2027-02-01" });

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(second);
        result.QuerySelector("#error-summary")!.TextContent.ShouldContain("changed by another manager");
        result.QuerySelector("#Complaints_ClosureDays")!.TextContent.Trim().ShouldBe("2027-02-01");
        (await StoredAsync()).ClosureDays.ShouldBe("2027-01-04");
    }

    [Fact]
    public async Task A_closure_day_added_on_an_open_complaints_due_date_moves_its_kept_due_date_and_the_rules_stay()
    {
        // The other practice, so Harbourside keeps "no rules chosen" for the tests that start from it.
        var url = $"/settings?practice={fixture.World.Other.Id}";
        using var manager = await fixture.SignInAsync(TestWorld.OtherManager);
        (await SaveAsync(manager, await manager.GetPageAsync(url), new()
        {
            ["Complaints.ClosureDays"] = "",
            ["Complaints.ProfileId"] = JurisdictionProfiles.UnitedKingdomPrivate.Id,
            ["Complaints.AcknowledgeWithin"] = "",
            ["Complaints.RespondWithin"] = "",
        }, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var frontDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var casePage = await CasePage.OpenAsync(frontDesk, "Cal Complaint");
        await casePage.SubmitAsync("#complaint-form", new() { ["Complaint.Channel"] = nameof(ComplaintChannel.Written), ["Complaint.Summary"] = "Unhappy" });
        var before = await KeptAsync(casePage.CaseId);

        var closed = before.Acknowledge!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await SaveAsync(manager, await manager.GetPageAsync(url), new() { ["Complaints.ClosureDays"] = closed })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await KeptAsync(casePage.CaseId);
        var rules = new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, null, null).Rules();
        var calendar = new WorkingCalendar(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], rules.Region, WorkingDays.ClosureDates(closed));
        var clock = new ComplaintClock(rules, after.Received!.Value);
        after.Acknowledge.ShouldBe(clock.Acknowledge(calendar)!.Due);
        after.Acknowledge.ShouldNotBe(before.Acknowledge, "the closure day fell on the old due date");
        after.Respond.ShouldBe(clock.Respond(calendar)!.Due);
    }

    private Task<(DateOnly? Received, DateOnly? Acknowledge, DateOnly? Respond)> KeptAsync(Guid caseId) =>
        fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId)
            .Select(c => new ValueTuple<DateOnly?, DateOnly?, DateOnly?>(c.ComplaintReceivedOn, c.ComplaintAcknowledgeDue, c.ComplaintRespondDue)).SingleAsync());
}
