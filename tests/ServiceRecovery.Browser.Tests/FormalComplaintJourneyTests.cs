using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Auth;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// A formal complaint as a manager lives it, by keyboard alone: marked on the case with the date it was received, the
/// clocks the law gives shown as dates, paused while the practice waits for the patient and resumed, the acknowledgement
/// and the response written from the compose page as evidence, the outcome recorded. Harbourside is an England NHS
/// practice in London here, Other Street a Victorian one in Melbourne. Every state of the panel is checked with axe.
/// </summary>
public sealed class FormalComplaintJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Friday 6 November 2026: the clocks start after a weekend.
    private static readonly DateTimeOffset Happened = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_manager_marks_a_complaint_by_keyboard_pauses_and_resumes_its_clocks_writes_the_acknowledgement_and_records_the_outcome()
    {
        fixture.RequireBrowser();
        var (caseId, patientId) = await CaseAsync(fixture.App.World.Harbourside.Id, JurisdictionProfiles.EnglandNhs, "Europe/London", "en-GB", "GBP", 9101, "Rosalind Pike");
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        var keys = page.Keyboard;
        await SignInAsync(page, TestWorld.Manager);
        await page.GotoAsync($"/cases/{caseId}");
        var panel = page.GetByTestId("complaint");
        await Expect(panel.GetByTestId("complaint-empty")).ToContainTextAsync("Not a formal complaint.");
        violations.AddRange(await SeriousViolationsAsync(page));

        // Marked: received on Friday 6 November 2026, in writing.
        await SkipToMainAsync(page);
        await TabToAsync(page, panel.Locator("summary", new() { HasText = "Mark as a formal complaint" }), maxPresses: 80);
        await keys.PressAsync("Enter");
        await keys.PressAsync("Tab");
        await Expect(page.GetByLabel("Received on")).ToBeFocusedAsync();
        await TypeDateAsync(page, page.GetByLabel("Received on"), new DateOnly(2026, 11, 6));
        await TabToAsync(page, page.GetByLabel("How it was made"), maxPresses: 4);
        await ChooseByTypingAsync(page, "Wr", "Written");
        await keys.PressAsync("Tab");
        await keys.TypeAsync("Kept waiting an hour, then told to rebook.");
        await TabToAsync(page, panel.GetByRole(AriaRole.Button, new() { Name = "Mark as a formal complaint" }), maxPresses: 2);
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, panel.GetByTestId("complaint-rules"));

        // England NHS: 3 working days after Friday (Monday, Tuesday, Wednesday); 6 calendar months, a Thursday.
        await Expect(panel.GetByTestId("complaint-rules")).ToContainTextAsync("England, NHS dental care");
        await Expect(panel.GetByTestId("complaint-received")).ToContainTextAsync("Received Fri 6 Nov 2026 (written)");
        await Expect(panel.GetByTestId("complaint-acknowledge")).ToContainTextAsync("Acknowledge by Wed 11 Nov 2026");
        await Expect(panel.GetByTestId("complaint-respond")).ToContainTextAsync("Respond by Thu 6 May 2027");
        await Expect(panel.GetByTestId("complaint-escalation")).ToContainTextAsync("Parliamentary and Health Service Ombudsman");
        violations.AddRange(await SeriousViolationsAsync(page));
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(Shot("complaint-england"));

        // Paused from Tuesday 10 November while the practice waits for the patient's consent.
        await SkipToMainAsync(page);
        await TabToAsync(page, panel.Locator("summary", new() { HasText = "Waiting for the patient" }), maxPresses: 80);
        await keys.PressAsync("Enter");
        await keys.PressAsync("Tab");
        await Expect(page.GetByLabel("Waiting from")).ToBeFocusedAsync();
        await TypeDateAsync(page, page.GetByLabel("Waiting from"), new DateOnly(2026, 11, 10));
        await TabToAsync(page, page.GetByLabel("What the practice is waiting for"), maxPresses: 4);
        await keys.TypeAsync("The patient's consent to ask the hospital for the notes");
        await keys.PressAsync("Tab");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Pause the clocks" })).ToBeFocusedAsync();
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, panel.GetByRole(AriaRole.Button, new() { Name = "Resume the clocks" }));
        await Expect(panel.GetByTestId("complaint-acknowledge")).ToHaveAttributeAsync("data-state", "paused");
        await Expect(panel.GetByTestId("complaint-acknowledge")).ToContainTextAsync("Paused since 2026-11-10: The patient's consent to ask the hospital for the notes");
        await Expect(panel.GetByTestId("complaint-respond")).ToHaveAttributeAsync("data-state", "paused");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Complaint clock paused from 2026-11-10: waiting for the patient");
        violations.AddRange(await SeriousViolationsAsync(page));
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(Shot("complaint-paused"));

        // Resumed on Thursday 12 November: the pause lasted two working days (Tuesday, Wednesday), so both dates move on by two.
        await SkipToMainAsync(page);
        await TabToAsync(page, page.GetByLabel("Resume on"), maxPresses: 80);
        await TypeDateAsync(page, page.GetByLabel("Resume on"), new DateOnly(2026, 11, 12));
        await TabToAsync(page, panel.GetByRole(AriaRole.Button, new() { Name = "Resume the clocks" }), maxPresses: 4);
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, panel.Locator("summary", new() { HasText = "Waiting for the patient" }));
        await Expect(panel.GetByTestId("complaint-acknowledge")).ToContainTextAsync("Acknowledge by Fri 13 Nov 2026");
        await Expect(panel.GetByTestId("complaint-respond")).ToContainTextAsync("Respond by Mon 10 May 2027");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Complaint clock resumed on 2026-11-12");
        violations.AddRange(await SeriousViolationsAsync(page));

        // The acknowledgement, written from the compose page the panel links to.
        await WriteComplaintLetterAsync(page, panel, "#purpose-acknowledgement", "The acknowledgement of the formal complaint");
        violations.AddRange(await SeriousViolationsAsync(page));
        await page.GotoAsync($"/cases/{caseId}");
        var acknowledged = panel.GetByTestId("complaint-acknowledge");
        await Expect(acknowledged).ToHaveAttributeAsync("data-state", "done");
        await Expect(acknowledged).ToContainTextAsync("Done on ");
        await Expect(acknowledged.GetByRole(AriaRole.Link, new() { Name = "the letter" })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("complaint-respond")).ToContainTextAsync("Respond by Mon 10 May 2027");
        violations.AddRange(await SeriousViolationsAsync(page));

        // The final response, then the outcome: upheld in part, not taken further.
        await WriteComplaintLetterAsync(page, panel, "#purpose-response", "The final response to the formal complaint");
        await page.GotoAsync($"/cases/{caseId}");
        await Expect(panel.GetByTestId("complaint-respond")).ToHaveAttributeAsync("data-state", "done");
        await Expect(panel.Locator("summary", new() { HasText = "Waiting for the patient" })).ToHaveCountAsync(0);
        violations.AddRange(await SeriousViolationsAsync(page));
        await SkipToMainAsync(page);
        await TabToAsync(page, panel.Locator("summary", new() { HasText = "Record the outcome" }), maxPresses: 80);
        await keys.PressAsync("Enter");
        await keys.PressAsync("Tab");
        await Expect(page.GetByLabel("What the practice found")).ToBeFocusedAsync();
        await ChooseByTypingAsync(page, "Pa", "Partly upheld");
        await TabToAsync(page, panel.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }), maxPresses: 8);
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, panel.GetByTestId("complaint-outcome"));
        await Expect(panel.GetByTestId("complaint-outcome")).ToContainTextAsync("Outcome: Partly upheld");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Complaint outcome: Partly upheld");
        violations.AddRange(await SeriousViolationsAsync(page));

        // The patient's record, with the right-of-access export, from the case page's patient card.
        await SkipToMainAsync(page);
        await TabToAsync(page, page.GetByTestId("patient-record-link"), maxPresses: 80);
        await keys.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/patients/{patientId}$"));
        await Expect(page.GetByTestId("patient-name")).ToHaveTextAsync("Rosalind Pike");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export everything we hold about this patient" })).ToBeVisibleAsync();
        violations.AddRange(await SeriousViolationsAsync(page));
        await ScreenshotAsync(page, "patient-record");

        violations.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_victorian_practice_sees_its_own_clocks_and_its_own_escalation_body_on_the_complaint_panel()
    {
        fixture.RequireBrowser();
        var (caseId, _) = await CaseAsync(fixture.App.World.Other.Id, JurisdictionProfiles.Victoria, "Australia/Melbourne", "en-AU", "AUD", 9102, "Callum Reyes");
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, TestWorld.OtherManager);
        await page.GotoAsync($"/cases/{caseId}");
        var panel = page.GetByTestId("complaint");
        await panel.Locator("summary", new() { HasText = "Mark as a formal complaint" }).ClickAsync();
        await page.GetByLabel("Received on").FillAsync("2026-11-06");
        await page.GetByLabel("How it was made").SelectOptionAsync(new SelectOptionValue { Label = "Email" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark as a formal complaint" }).ClickAsync();
        await ShouldBeAcceptedAsync(page, panel.GetByTestId("complaint-rules"));

        // Victoria: 3 working days after Friday; 90 calendar days, Thursday 4 February 2027.
        await Expect(panel.GetByTestId("complaint-rules")).ToContainTextAsync("Victoria");
        await Expect(panel.GetByTestId("complaint-acknowledge")).ToContainTextAsync("Acknowledge by Wed 11 Nov 2026");
        await Expect(panel.GetByTestId("complaint-respond")).ToContainTextAsync("Respond by Thu 4 Feb 2027");
        await Expect(panel.GetByTestId("complaint-escalation")).ToContainTextAsync("Health Complaints Commissioner");
        var violations = await SeriousViolationsAsync(page);
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(Shot("complaint-victoria"));
        violations.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    /// <summary>From the panel's "Write to the patient" link: a template filled in, the letter's purpose chosen by the arrow keys, printed.</summary>
    private static async Task WriteComplaintLetterAsync(IPage page, ILocator panel, string purpose, string purposeLabel)
    {
        var keys = page.Keyboard;
        await SkipToMainAsync(page);
        await TabToAsync(page, panel.GetByRole(AriaRole.Link, new() { Name = "Write to the patient" }), maxPresses: 80);
        await keys.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Write to the patient" })).ToBeVisibleAsync();
        await TabToAsync(page, page.GetByLabel("Template"), maxPresses: 20);
        await ChooseByTypingAsync(page, "We a", "We are sorry");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Fill in from this template" }), maxPresses: 2);
        await keys.PressAsync("Enter");
        await Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("We are sorry"));

        // The purposes are one radio group: Tab enters it on the checked one, the arrow keys move to the one meant.
        await TabToAsync(page, page.Locator("#purpose-contact"), maxPresses: 20);
        for (var i = 0; i < 4 && !await page.Locator(purpose).IsCheckedAsync(); i++)
        {
            await keys.PressAsync("ArrowDown");
        }

        await Expect(page.GetByLabel(purposeLabel)).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Print letter" }), maxPresses: 10);
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Letter recorded on the case. Print it now.");
    }

    /// <summary>
    /// Types a date into the focused date field as a keyboard user does, digits only. The field's order of day and month
    /// is the browser's own (not the page's), so if day first did not give the date, the left arrow goes back to the
    /// field's first part and month first is typed (the dates here have a day of 12 or less, so either order is a date).
    /// </summary>
    private static async Task TypeDateAsync(IPage page, ILocator field, DateOnly date)
    {
        await Expect(field).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(date.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture));
        var wanted = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (await field.InputValueAsync() != wanted)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
            await page.Keyboard.PressAsync("ArrowLeft");
            await page.Keyboard.TypeAsync(date.ToString("MMddyyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        await Expect(field).ToHaveValueAsync(wanted);
    }

    /// <summary>The page opens after each save: the first Tab reaches "Skip to main content".</summary>
    private static async Task SkipToMainAsync(IPage page)
    {
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" }), maxPresses: 1);
        await page.Keyboard.PressAsync("Enter");
    }

    private static LocatorScreenshotOptions Shot(string name)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable);
        return new() { Path = string.IsNullOrWhiteSpace(folder) ? null : Path.Combine(folder, $"{name}.png"), Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide };
    }

    /// <summary>A case of the practice (set to the profile's country and rules) whose defect happened on Thursday 5 November 2026.</summary>
    private async Task<(Guid CaseId, Guid PatientId)> CaseAsync(Guid practiceId, JurisdictionProfile profile, string timeZone, string culture, string currency, int number, string name)
    {
        var app = fixture.App;
        return await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestWorld.Administrator);
            var by = new Actor(user.Id, user.DisplayName, StaffRole.PracticeManager);
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == practiceId);
            practice.ChangeLocale(timeZone, culture, currency);
            practice.ChangeWorkingDaysAndComplaints(
                [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], "",
                new ComplaintSettings(profile.Id, null, null, null));
            var region = culture[^2..];
            var patient = Patient.Create(practice.Id, name, region == "GB" ? "020 7946 0018" : "0412 555 333", null, null, Happened, region);
            var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], practice.Categories[0], Severity.Major, DefectChannel.Letter,
                Happened, "Kept waiting an hour, then told to rebook.", by, Happened);
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(Happened.Year, number), defect, by, Happened);
            db.Patients.Add(patient);
            db.Defects.Add(defect);
            db.Cases.Add(recoveryCase);
            await db.SaveChangesAsync();
            return (recoveryCase.Id, patient.Id);
        });
    }
}
