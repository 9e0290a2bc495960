using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The formal complaint panel on the case page: marking, the clocks kept on the case row, pauses, letters and the outcome.</summary>
public sealed class FormalComplaintCaseTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Task<int> UseProfileAsync(string profileId) => fixture.App.WithDbAsync(async db =>
    {
        var practice = await db.Practices.SingleAsync(p => p.Id == fixture.World.Harbourside.Id);
        practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays, new ComplaintSettings(profileId, null, null, null));
        return await db.SaveChangesAsync();
    });

    private Task<(DateOnly? Received, DateOnly? Acknowledge, DateOnly? Respond)> KeptAsync(Guid caseId) =>
        fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId)
            .Select(c => new ValueTuple<DateOnly?, DateOnly?, DateOnly?>(c.ComplaintReceivedOn, c.ComplaintAcknowledgeDue, c.ComplaintRespondDue)).SingleAsync());

    private async Task<CasePage> MarkedAsync(WebClient client, string patient)
    {
        await UseProfileAsync(JurisdictionProfiles.UnitedKingdomPrivate.Id);
        var page = await CasePage.OpenAsync(client, patient);
        await page.SubmitAsync("#complaint-form", new() { ["Complaint.Channel"] = nameof(ComplaintChannel.Written), ["Complaint.Summary"] = "Unhappy with the wait" });
        return page;
    }

    private static async Task<HttpResponseMessage> PrintAsync(WebClient client, Guid caseId, LetterPurpose purpose)
    {
        var compose = await client.GetPageAsync($"/cases/{caseId}/write");
        var fields = WebClient.FieldsOf((IHtmlFormElement)compose.QuerySelector("#letter-form")!);
        fields["Letter.Purpose"] = purpose.ToString();
        return await client.Http.PostAsync($"/cases/{caseId}/write?handler=Print", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> PostWithTokenAsync(WebClient client, CasePage page, string handler, Dictionary<string, string> values, string? to = null)
    {
        var shown = await client.GetPageAsync(page.Url);
        var fields = new Dictionary<string, string>(values)
        {
            ["Version"] = shown.QuerySelector("#owner-form input[name=Version]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = shown.QuerySelector("#owner-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        return await client.Http.PostAsync($"{to ?? page.Url}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Front_desk_marks_a_formal_complaint_and_the_panel_shows_the_rules_kept_and_both_due_dates_from_the_case_row()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await MarkedAsync(frontDesk, "Ava Complaint");

        var shown = await page.LoadAsync();
        shown.QuerySelector("[data-testid=complaint-rules]")!.TextContent.ShouldContain("United Kingdom, private dental care: acknowledge within 2 working days, respond within 10 working days");
        shown.QuerySelector("[data-testid=complaint-received]")!.TextContent.ShouldContain("(written): Unhappy with the wait");
        shown.QuerySelector("[data-testid=complaint-escalation]")!.TextContent.ShouldContain("Dental Complaints Service");
        shown.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Marked as a formal complaint (written)");
        var (received, acknowledge, respond) = await KeptAsync(page.CaseId);
        var calendar = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => new { p.OpeningDays, p.ClosureDays, p.HolidayRegion }).SingleAsync());
        var rules = new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, null, null).Rules();
        var clock = new ComplaintClock(rules, received!.Value);
        var workingCalendar = new WorkingCalendar(WorkingDays.Days(calendar.OpeningDays), rules.Region, WorkingDays.ClosureDates(calendar.ClosureDays));
        acknowledge.ShouldBe(clock.Acknowledge(workingCalendar)!.Due);
        respond.ShouldBe(clock.Respond(workingCalendar)!.Due);
        shown.QuerySelector("[data-testid=complaint-acknowledge]")!.TextContent.ShouldContain($"Acknowledge by {acknowledge!.Value.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-AU"))}");
        shown.QuerySelector("[data-testid=complaint-respond]")!.GetAttribute("data-state").ShouldBe("due");
    }

    [Fact]
    public async Task Bad_marking_input_gets_a_message_beside_each_field_keeps_what_was_typed_and_saves_nothing()
    {
        await UseProfileAsync(JurisdictionProfiles.UnitedKingdomPrivate.Id);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Ben Complaint");

        var empty = await page.SubmitExpectingMessagesAsync("#complaint-form", new() { ["Complaint.ReceivedOn"] = "", ["Complaint.Channel"] = "", ["Complaint.Summary"] = "Kept words" });
        var future = await page.SubmitExpectingMessagesAsync("#complaint-form", new() { ["Complaint.ReceivedOn"] = "2099-01-01", ["Complaint.Channel"] = "Spoken" });
        var before = await page.SubmitExpectingMessagesAsync("#complaint-form", new() { ["Complaint.ReceivedOn"] = "2020-01-01", ["Complaint.Channel"] = "Spoken" });

        empty.QuerySelector("[data-valmsg-for='Complaint.ReceivedOn']")!.TextContent.ShouldBe("Enter the date the complaint was received.");
        empty.QuerySelector("[data-valmsg-for='Complaint.Channel']")!.TextContent.ShouldBe("Choose how the complaint was made.");
        empty.QuerySelector("#Complaint_Summary")!.TextContent.ShouldBe("Kept words");
        future.QuerySelector("[data-valmsg-for='Complaint.ReceivedOn']")!.TextContent.ShouldBe("The date received cannot be in the future.");
        future.QuerySelector("#Complaint_ReceivedOn")!.GetAttribute("value").ShouldBe("2099-01-01");
        before.QuerySelector("[data-valmsg-for='Complaint.ReceivedOn']")!.TextContent.ShouldStartWith("The date received cannot be before the defect happened");
        (await KeptAsync(page.CaseId)).ShouldBe((null, null, null));
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.Complaint).CountAsync(c => c != null))).ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_complaint_profile_the_panel_names_the_settings_section_and_a_forced_mark_is_refused_with_that_message()
    {
        using var otherFrontDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var page = await CasePage.OpenAsync(otherFrontDesk, "Cleo Complaint");

        var shown = await page.LoadAsync();
        shown.QuerySelector("#complaint-form").ShouldBeNull();
        shown.QuerySelector("[data-testid=complaint-empty]")!.TextContent.ShouldContain("Working days and complaint rules");
        var response = await PostWithTokenAsync(otherFrontDesk, page, "Complaint", new() { ["Complaint.ReceivedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"), ["Complaint.Channel"] = "Spoken" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent.ShouldContain("Settings, section \"Working days and complaint rules\"");
        (await KeptAsync(page.CaseId)).Received.ShouldBeNull();
    }

    [Fact]
    public async Task Front_desk_may_not_record_the_outcome_and_another_practice_cannot_find_the_case()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var otherFrontDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var page = await MarkedAsync(frontDesk, "Dan Complaint");
        (await PrintAsync(frontDesk, page.CaseId, LetterPurpose.ComplaintResponse)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var outcome = await PostWithTokenAsync(frontDesk, page, "ComplaintOutcome", new() { ["ComplaintOutcome.Finding"] = "Upheld" });
        // Another practice's front desk, with a good token and version from their own case page, posting to this case.
        var own = await CasePage.OpenAsync(otherFrontDesk, "Dan Elsewhere");
        var other = await PostWithTokenAsync(otherFrontDesk, own, "ComplaintPause", new() { ["ComplaintPause.PauseReason"] = "Not mine" }, page.Url);

        outcome.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.Complaint!.Finding).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task A_manager_records_the_outcome_after_the_final_response_and_it_shows_on_the_panel_and_the_timeline()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await MarkedAsync(manager, "Eve Complaint");
        (await page.LoadAsync()).QuerySelector("#complaint-outcome-form").ShouldBeNull();
        (await PrintAsync(manager, page.CaseId, LetterPurpose.ComplaintResponse)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var missing = await page.SubmitExpectingMessagesAsync("#complaint-outcome-form", new() { ["ComplaintOutcome.Finding"] = "PartlyUpheld", ["ComplaintOutcome.WentToEscalationBody"] = "true", ["ComplaintOutcome.EscalatedOn"] = "" });
        missing.QuerySelector("[data-valmsg-for='ComplaintOutcome.EscalatedOn']")!.TextContent.ShouldBe("Enter the date the patient went to the escalation body.");
        await page.SubmitAsync("#complaint-outcome-form", new() { ["ComplaintOutcome.Finding"] = "PartlyUpheld" });

        var shown = await page.LoadAsync();
        shown.QuerySelector("[data-testid=complaint-outcome]")!.TextContent.ShouldContain("Partly upheld");
        shown.QuerySelector("[data-testid=complaint-respond]")!.GetAttribute("data-state").ShouldBe("done");
        shown.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Complaint outcome: Partly upheld");
    }

    [Fact]
    public async Task A_pause_posted_from_a_stale_page_gets_the_conflict_message_and_pauses_nothing()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await MarkedAsync(frontDesk, "Finn Complaint");
        var stale = await manager.GetPageAsync(page.Url);
        await page.SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = "" });

        var response = await manager.SubmitAsync(stale, "#complaint-pause-form", new() { ["ComplaintPause.PauseReason"] = "Waiting for the patient's X-rays" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = await WebClient.ParseAsync(response);
        conflict.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain($"This case was changed by {TestWorld.FrontDeskName}");
        conflict.QuerySelector("#ComplaintPause_PauseReason")!.GetAttribute("value").ShouldBe("Waiting for the patient's X-rays");
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).SelectMany(c => c.Complaint!.Pauses).CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Pausing_clears_the_kept_due_dates_and_says_paused_with_the_reason_and_resuming_brings_them_back()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await MarkedAsync(frontDesk, "Gus Complaint");
        var before = await KeptAsync(page.CaseId);

        var noReason = await page.SubmitExpectingMessagesAsync("#complaint-pause-form", new() { ["ComplaintPause.PauseReason"] = "" });
        noReason.QuerySelector("[data-valmsg-for='ComplaintPause.PauseReason']")!.TextContent.ShouldBe("Say what the practice is waiting for from the patient.");
        await page.SubmitAsync("#complaint-pause-form", new() { ["ComplaintPause.PauseReason"] = "Waiting for the patient's X-rays" });
        var paused = await page.LoadAsync();
        paused.QuerySelector("[data-testid=complaint-acknowledge]")!.GetAttribute("data-state").ShouldBe("paused");
        paused.QuerySelector("[data-testid=complaint-acknowledge]")!.TextContent.ShouldContain("Waiting for the patient's X-rays");
        (await KeptAsync(page.CaseId)).ShouldBe((before.Received, null, null));

        await page.SubmitAsync("#complaint-resume-form", new());
        (await KeptAsync(page.CaseId)).Acknowledge.ShouldNotBeNull();
        (await page.LoadAsync()).QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Complaint clock resumed on");
    }

    [Fact]
    public async Task An_acknowledgement_letter_sets_the_acknowledged_date_and_the_badge_says_done_with_a_link_to_the_letter()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await MarkedAsync(frontDesk, "Hana Complaint");
        var compose = await frontDesk.GetPageAsync($"/cases/{page.CaseId}/write");
        compose.QuerySelector("#purpose-acknowledgement").ShouldNotBeNull();

        var printed = await PrintAsync(frontDesk, page.CaseId, LetterPurpose.ComplaintAcknowledgement);

        printed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => new { c.Complaint!.AcknowledgedOn, c.Complaint.AcknowledgementLetterId, c.ComplaintAcknowledgeDue }).SingleAsync());
        stored.AcknowledgedOn.ShouldNotBeNull();
        stored.ComplaintAcknowledgeDue.ShouldBeNull();
        var shown = await page.LoadAsync();
        var badge = shown.QuerySelector("[data-testid=complaint-acknowledge]")!;
        badge.GetAttribute("data-state").ShouldBe("done");
        badge.TextContent.ShouldContain($"Done on {stored.AcknowledgedOn:yyyy-MM-dd}");
        badge.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/cases/{page.CaseId}/letters/{stored.AcknowledgementLetterId}");
    }

    [Fact]
    public async Task The_compose_page_offers_complaint_letters_only_on_a_formal_complaint()
    {
        await UseProfileAsync(JurisdictionProfiles.UnitedKingdomPrivate.Id);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Ivy Complaint");

        (await frontDesk.GetPageAsync($"/cases/{page.CaseId}/write")).QuerySelector("#purpose-acknowledgement").ShouldBeNull();
        var forced = await PrintAsync(frontDesk, page.CaseId, LetterPurpose.ComplaintAcknowledgement);

        forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(forced)).QuerySelector("#error-summary")!.TextContent.ShouldContain("This case is not a formal complaint");
        (await fixture.App.WithDbAsync(db => db.Set<PatientLetter>().CountAsync(l => l.CaseId == page.CaseId))).ShouldBe(0);
    }

    [Fact]
    public async Task The_kept_rules_and_due_dates_stay_when_the_practice_changes_its_complaint_profile()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await MarkedAsync(frontDesk, "Jay Complaint");
        var before = await KeptAsync(page.CaseId);

        await UseProfileAsync(JurisdictionProfiles.EnglandNhs.Id);

        (await KeptAsync(page.CaseId)).ShouldBe(before);
        (await page.LoadAsync()).QuerySelector("[data-testid=complaint-rules]")!.TextContent.ShouldContain("United Kingdom, private dental care");
    }
}
