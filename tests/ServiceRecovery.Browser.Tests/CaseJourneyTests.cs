using Microsoft.Playwright;
using ServiceRecovery.Testing;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// A case from the first report to the end, as the people at the practice walk it: the front desk by keyboard,
/// the manager approving a larger gesture and closing the case, and two people saving the same case at once.
/// </summary>
public sealed class CaseJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] AllSteps =
        ["SaySorry", "ExpediteSolutions", "Respond", "Victory", "ImplementImprovements", "CommunicateResults", "ExtendOutcome"];

    [Fact]
    public async Task Front_desk_takes_a_case_through_all_seven_steps_by_keyboard_until_it_is_resolved()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var keys = page.Keyboard;
        var violations = new List<string>();
        await SignInAsync(page, TestWorld.FrontDesk, screenshot: "sign-in");

        // Log: "n" opens the form with the cursor in the patient's name.
        await keys.PressAsync("n");
        await Expect(page).ToHaveURLAsync(LogDefectUrl());
        await Expect(page.GetByLabel("Patient's name")).ToBeFocusedAsync();
        await keys.TypeAsync("Jordan Sample");
        await TabToAsync(page, page.GetByLabel("Email"));
        await keys.TypeAsync("jordan.sample@example.com");
        await TabToAsync(page, page.GetByLabel("Stage of the visit"));
        await ChooseByTypingAsync(page, "Bi", "Billing & payment");
        await TabToAsync(page, page.GetByLabel("Category (optional)"));
        await ChooseByTypingAsync(page, "Bi", "Billing & fees");
        await TabToAsync(page, page.GetByLabel("What happened, in the patient's words"));
        await keys.TypeAsync("Charged twice for the same filling, and told at the desk to sort it out with my bank.");
        await TabToAsync(page, page.GetByLabel("When it happened"), maxPresses: 4);
        await ScreenshotAsync(page, "log-defect");
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, page.GetByTestId("case-reference"));
        await Expect(page).ToHaveURLAsync(CaseUrl());
        await SectionShouldBeOpenAsync(page.Locator("#step-SaySorry"));

        // S: who apologised is already the user; say how, keep "now". Each step's name in the checklist is a link
        // to its section: the quickest way there by keyboard after "Skip to main content".
        var apology = page.Locator("#apology-form");
        await JumpToStepAsync(page, "Say sorry");
        await TabToAsync(page, apology.GetByLabel("Who apologised"), maxPresses: 4);
        await Expect(apology.GetByLabel("Who apologised")).ToHaveValueAsync(TestWorld.FrontDeskName);
        await TabToAsync(page, apology.GetByLabel("How", new() { Exact = true }));
        await ChooseByTypingAsync(page, "In", "In person");
        await TabToAsync(page, apology.GetByLabel("When", new() { Exact = true }));
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Apology recorded.");
        await StepShouldBeAsync(page, "SaySorry", "Done");

        // E: the next step's section opens by itself.
        await SectionShouldBeOpenAsync(page.Locator("#step-ExpediteSolutions"));
        var fix = page.Locator("#fix-form");
        await JumpToStepAsync(page, "Expedite solutions");
        await TabToAsync(page, fix.GetByLabel("What was done to fix the problem"), maxPresses: 4);
        await keys.TypeAsync("Refunded the second charge on the spot and printed a receipt showing it.");
        await TabToAsync(page, fix.GetByRole(AriaRole.Button, new() { Name = "Record the fix" }));
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Fix recorded.");
        await StepShouldBeAsync(page, "ExpediteSolutions", "Done");

        // R: a personal call, now.
        var contact = page.Locator("#contact-form");
        await JumpToStepAsync(page, "Respond to the patient");
        await TabToAsync(page, contact.GetByLabel("How", new() { Exact = true }), maxPresses: 4);
        await ChooseByTypingAsync(page, "Ca", "Call");
        await TabToAsync(page, contact.GetByLabel("Summary"), maxPresses: 8);
        await keys.TypeAsync("Called to say sorry again and check the refund had reached her account.");
        await TabToAsync(page, contact.GetByRole(AriaRole.Button, new() { Name = "Record the contact" }));
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Personal contact recorded.");
        await StepShouldBeAsync(page, "Respond", "Done");

        // V: $40 is within the front desk's $100 limit, so it is given at once.
        var gesture = page.Locator("#gesture-form");
        await Expect(page.GetByTestId("gesture-limit")).ToContainTextAsync("$100.00");
        await JumpToStepAsync(page, "Victory to the patient");
        await TabToAsync(page, gesture.GetByLabel("Kind of gesture"), maxPresses: 4);
        await ChooseByTypingAsync(page, "Dis", "Discount");
        await TabToAsync(page, gesture.GetByLabel("Cost"));
        await keys.TypeAsync("40");
        await TabToAsync(page, gesture.GetByLabel("Note"));
        await keys.TypeAsync("Off her next check-up");
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Gesture recorded.");
        await Expect(page.GetByTestId("gestures").Locator("tr[data-gesture-state]")).ToHaveAttributeAsync("data-gesture-state", "Given");
        await Expect(page.GetByTestId("gesture-total")).ToHaveTextAsync("$40.00");
        await Expect(page.GetByTestId("awaiting-approval")).ToHaveCountAsync(0);
        await StepShouldBeAsync(page, "Victory", "Done");

        // I: propose a new improvement, owned by the manager.
        var improvement = page.Locator("#improvement-form");
        await JumpToStepAsync(page, "Implement improvements");
        await TabToAsync(page, improvement.GetByLabel("Link an existing improvement"), maxPresses: 4);
        await Expect(improvement.GetByLabel("Link an existing improvement").Locator("option:checked")).ToHaveTextAsync("— Propose a new one (below) —");
        await TabToAsync(page, improvement.GetByLabel("Title"));
        await keys.TypeAsync("Check the terminal's last receipt before a second tap");
        await TabToAsync(page, improvement.GetByLabel("What changes"));
        await keys.TypeAsync("When a card payment seems to fail, look at the terminal's last receipt before asking the patient to tap again.");
        await TabToAsync(page, improvement.GetByLabel("Owner"));
        await ChooseByTypingAsync(page, "Sam", TestWorld.ManagerName);
        await TabToAsync(page, improvement.GetByRole(AriaRole.Button, new() { Name = "Link the improvement" }));
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Improvement linked.");
        await Expect(page.GetByTestId("improvements")).ToContainTextAsync($"Check the terminal's last receipt before a second tap · Proposed · {TestWorld.ManagerName}");
        await StepShouldBeAsync(page, "ImplementImprovements", "Done");

        // C: the lesson first; "Mark as shared" appears once there is one.
        await Expect(page.Locator("#shared-form")).ToHaveCountAsync(0);
        var lesson = page.Locator("#lesson-form");
        await JumpToStepAsync(page, "Communicate results");
        await TabToAsync(page, lesson.GetByLabel("The lesson, in one or two sentences"), maxPresses: 4);
        await keys.TypeAsync("A failed tap is not a failed payment: check before charging again.");
        await TabToAsync(page, lesson.GetByRole(AriaRole.Button, new() { Name = "Record the lesson" }));
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Lesson recorded.");
        await Expect(page.GetByTestId("lessons")).ToContainTextAsync("not yet shared");

        // Half-way: records in six sections, correction forms, the improvement link and two forms in C.
        await ScreenshotAsync(page, "case-midway", fullPage: true);
        violations.AddRange(await SeriousViolationsAsync(page));

        // The huddle date is today already: Enter in it marks the lesson shared.
        await JumpToStepAsync(page, "Communicate results");
        await TabToAsync(page, page.Locator("#shared-form").GetByLabel("Shared at the huddle on"), maxPresses: 6);
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Lesson marked as shared at the huddle.");
        await StepShouldBeAsync(page, "CommunicateResults", "Done");

        // E: plan a follow-up text a week from now, then record how it went.
        var followUp = page.Locator("#follow-up-form");
        await JumpToStepAsync(page, "Extend the outcome");
        await TabToAsync(page, followUp.GetByLabel("How", new() { Exact = true }), maxPresses: 6);
        await ChooseByTypingAsync(page, "Te", "Text");
        await TabToAsync(page, followUp.GetByRole(AriaRole.Button, new() { Name = "Plan the follow-up" }));
        await keys.PressAsync(" ");
        await ShouldBeSavedAsync(page, "Follow-up planned.");
        await Expect(page.GetByTestId("follow-ups")).ToContainTextAsync("Text planned for");

        await JumpToStepAsync(page, "Extend the outcome");
        await TabToAsync(page, page.GetByLabel("How it went"), maxPresses: 4);
        await keys.TypeAsync("Replied that she was happy and has booked her check-up.");
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Follow-up outcome recorded.");
        await Expect(page.GetByTestId("follow-ups")).ToContainTextAsync("Outcome: Replied that she was happy");

        // The patient came back today: the last step, and the case resolves itself.
        var comeBack = page.Locator("#return-form");
        await JumpToStepAsync(page, "Extend the outcome");
        await TabToAsync(page, comeBack.GetByLabel("What for"), maxPresses: 16);
        await keys.TypeAsync("Six-monthly check-up and clean");
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Patient's return recorded.");

        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Resolved");
        foreach (var step in AllSteps)
        {
            await StepShouldBeAsync(page, step, "Done");
        }

        await Expect(page.GetByTestId("patient-return")).ToContainTextAsync("Six-monthly check-up and clean");
        await Expect(page.Locator("#case-life")).ToContainTextAsync("A practice manager closes it after review.");
        await Expect(page.Locator("#close-form")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "case-resolved");

        // Every section is closed now; Space on a section's heading opens it.
        var communicate = page.Locator("#step-CommunicateResults");
        await Expect(communicate).ToHaveJSPropertyAsync("open", false);
        await JumpToStepAsync(page, "Communicate results");
        await TabToAsync(page, communicate.Locator("summary"), maxPresses: 1);
        await keys.PressAsync(" ");
        await SectionShouldBeOpenAsync(communicate);
        await Expect(communicate.GetByTestId("lessons")).ToContainTextAsync("shared at the huddle on");

        violations.ShouldBeEmpty("axe found serious or critical violations on the case page:\n" + string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_gesture_above_the_front_desk_limit_waits_for_the_manager_who_approves_it_and_closes_the_resolved_case()
    {
        fixture.RequireBrowser();
        var desk = await fixture.NewPageAsync();
        await SignInAsync(desk, TestWorld.FrontDesk);
        var caseUrl = await LogDefectAsync(desk, "Casey Example", "The new crown came loose two days after it was fitted; I had to take another day off work.", "Treatment (chairside)");
        var reference = await desk.GetByTestId("case-reference").InnerTextAsync();
        await desk.Locator("#apology-form").GetByRole(AriaRole.Button, new() { Name = "Record the apology" }).ClickAsync();
        await ShouldBeSavedAsync(desk, "Apology recorded.");

        // $150 is above the front desk's $100 limit: recorded, but waiting for a manager.
        await desk.Locator("#step-Victory > summary").ClickAsync();
        var gesture = desk.Locator("#gesture-form");
        await gesture.GetByLabel("Kind of gesture").SelectOptionAsync(new SelectOptionValue { Label = "Refund" });
        await gesture.GetByLabel("Cost").FillAsync("150");
        await gesture.GetByLabel("Note").FillAsync("The fitting fee, back to the patient");
        await gesture.GetByRole(AriaRole.Button, new() { Name = "Give the gesture" }).ClickAsync();
        await ShouldBeSavedAsync(desk, "Gesture recorded.");
        var deskGesture = desk.GetByTestId("gestures").Locator("tr[data-gesture-state]");
        await Expect(deskGesture).ToHaveAttributeAsync("data-gesture-state", "PendingApproval");
        await Expect(deskGesture).ToContainTextAsync("Pending approval");
        await Expect(desk.GetByTestId("awaiting-approval")).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-testid=steps] li[data-step=Victory]")).Not.ToHaveAttributeAsync("data-state", "Done");

        // The manager, in another browser, finds it on Approvals and approves it.
        var manager = await fixture.NewPageAsync();
        await SignInAsync(manager, TestWorld.Manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        var request = manager.GetByTestId("approvals").Locator("tbody tr", new() { HasText = reference });
        await Expect(request).ToContainTextAsync("Refund: The fitting fee, back to the patient");
        await Expect(request).ToContainTextAsync("$150.00");
        await Expect(request).ToContainTextAsync(TestWorld.FrontDeskName);
        await ScreenshotAsync(manager, "approvals");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await ShouldBeSavedAsync(manager, "Gesture approved.");
        await Expect(manager.GetByTestId("approvals").Locator("tbody tr", new() { HasText = reference })).ToHaveCountAsync(0);

        // The front desk reloads: given, approved by the manager, nothing waiting.
        await desk.ReloadAsync();
        await Expect(deskGesture).ToHaveAttributeAsync("data-gesture-state", "Given");
        await Expect(deskGesture).ToContainTextAsync($"approved by {TestWorld.ManagerName}");
        await Expect(desk.GetByTestId("awaiting-approval")).ToHaveCountAsync(0);
        await StepShouldBeAsync(desk, "Victory", "Done");

        // The manager settles the steps that do not apply, each with its reason, until the case resolves itself.
        await manager.GotoAsync(caseUrl);
        (string Step, string Value, string Reason)[] skips =
        [
            ("Expedite solutions", "ExpediteSolutions", "The lab refits the crown on Monday; the refund covers the lost day."),
            ("Respond to the patient", "Respond", "The patient asked for no more calls: the refund letter says it all."),
            ("Implement improvements", "ImplementImprovements", "A faulty batch of cement, already recalled by the supplier."),
            ("Communicate results", "CommunicateResults", "Nothing new for the team: the recall notice went round last week."),
            ("Extend the outcome", "ExtendOutcome", "Patient moved interstate; no return expected."),
        ];
        foreach (var (step, value, reason) in skips)
        {
            await manager.GetByText("Skip a step that does not apply").ClickAsync();
            var skip = manager.Locator("#skip-form");
            await skip.GetByLabel("Step", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = step });
            await skip.GetByLabel("Reason").FillAsync(reason);
            await skip.GetByRole(AriaRole.Button, new() { Name = "Skip the step" }).ClickAsync();
            await ShouldBeSavedAsync(manager, "Step skipped.");
            await StepShouldBeAsync(manager, value, "Skipped");
            await Expect(manager.Locator($"[data-testid=steps] li[data-step={value}]")).ToContainTextAsync(reason);
        }

        await Expect(manager.GetByTestId("case-status")).ToHaveTextAsync("Resolved");
        await StepShouldBeAsync(manager, "SaySorry", "Done");
        await Expect(manager.Locator("#skip-form")).ToHaveCountAsync(0);
        await manager.Locator("#close-form").GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();
        await ShouldBeSavedAsync(manager, "Case closed.");
        await Expect(manager.GetByTestId("case-status")).ToHaveTextAsync("Closed");
        await Expect(manager.Locator("#reopen-form")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("timeline")).ToContainTextAsync("Gesture approved: Refund, 150.00");

        await desk.ReloadAsync();
        await Expect(desk.GetByTestId("case-status")).ToHaveTextAsync("Closed");
        await Expect(desk.Locator("#reopen-form")).ToHaveCountAsync(0);
        await desk.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task When_two_people_record_a_fix_at_once_the_second_is_told_who_changed_the_case_keeps_their_words_and_saves_again()
    {
        fixture.RequireBrowser();
        var first = await fixture.NewPageAsync();
        await SignInAsync(first, TestWorld.FrontDesk);
        var caseUrl = await LogDefectAsync(first, "Robin Example", "The reminder text gave the wrong day, so I came in on Tuesday for a Wednesday visit.", "Booking & reminders");
        var second = await fixture.NewPageAsync();
        await SignInAsync(second, TestWorld.Manager);
        await second.GotoAsync(caseUrl);

        // Both have the case open; the front desk saves first.
        const string firstFix = "Rebooked for Wednesday at 9 am, the first slot of the day.";
        const string secondFix = "Checked the reminder template: it used the booking date, not the visit date.";
        await first.Locator("#step-ExpediteSolutions > summary").ClickAsync();
        await first.GetByLabel("What was done to fix the problem").FillAsync(firstFix);
        await first.GetByRole(AriaRole.Button, new() { Name = "Record the fix" }).ClickAsync();
        await ShouldBeSavedAsync(first, "Fix recorded.");

        // The manager's page is stale: the save is refused, with who changed the case, the fresh data and their words kept.
        await second.Locator("#step-ExpediteSolutions > summary").ClickAsync();
        var secondField = second.GetByLabel("What was done to fix the problem");
        await secondField.FillAsync(secondFix);
        await second.GetByRole(AriaRole.Button, new() { Name = "Record the fix" }).ClickAsync();
        var conflict = second.GetByTestId("conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync($"This case was changed by {TestWorld.FrontDeskName} at");
        await Expect(conflict).ToBeFocusedAsync();
        await Expect(second.Locator("#flash")).ToHaveCountAsync(0);
        await Expect(second.GetByTestId("fixes")).ToContainTextAsync(firstFix);
        await Expect(second.GetByTestId("fixes")).Not.ToContainTextAsync(secondFix);
        await Expect(secondField).ToHaveValueAsync(secondFix);

        // Checked: still needed. Saving again works, and nothing was overwritten.
        await second.GetByRole(AriaRole.Button, new() { Name = "Record the fix" }).ClickAsync();
        await ShouldBeSavedAsync(second, "Fix recorded.");
        var fixes = second.GetByTestId("fixes").Locator("> li");
        await Expect(fixes).ToHaveCountAsync(2);
        await Expect(fixes.Nth(0)).ToContainTextAsync(firstFix);
        await Expect(fixes.Nth(1)).ToContainTextAsync(secondFix);

        await first.ReloadAsync();
        await Expect(first.GetByTestId("fixes").Locator("> li")).ToHaveCountAsync(2);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static Task SectionShouldBeOpenAsync(ILocator details) => Expect(details).ToHaveJSPropertyAsync("open", true);

    private static Task StepShouldBeAsync(IPage page, string step, string state) =>
        Expect(page.Locator($"[data-testid=steps] li[data-step={step}]")).ToHaveAttributeAsync("data-state", state);
}
