using Microsoft.Playwright;
using ServiceRecovery.Testing;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>The front desk's main journey in a real browser, by keyboard where a user at the desk would use it.</summary>
public sealed class UserJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Front_desk_logs_a_defect_and_records_the_apology_by_keyboard_alone()
    {
        fixture.RequireBrowser();
        var page = await SignedInPageAsync();
        var keys = page.Keyboard;

        // "n" from the open cases opens Log a defect with the cursor in the patient's name.
        await keys.PressAsync("n");
        await Expect(page).ToHaveURLAsync(LogDefectUrl());
        await Expect(page.GetByLabel("Patient's name")).ToBeFocusedAsync();

        await keys.TypeAsync("Grace Hopper");
        await TabToAsync(page, page.GetByLabel("Phone"));
        await keys.TypeAsync("0412 345 678");
        await TabToAsync(page, page.GetByLabel("Stage of the visit")); // past Email: the phone is enough
        await ChooseByTypingAsync(page, "Wait", "Waiting");
        await TabToAsync(page, page.GetByLabel("Category (optional)"));
        await ChooseByTypingAsync(page, "Wait", "Waiting time");
        await TabToAsync(page, page.GetByLabel("What happened, in the patient's words"));
        await keys.TypeAsync("Waited 50 minutes past my appointment and nobody told me why.");
        await TabToAsync(page, page.GetByLabel("Severity"));
        await ChooseByTypingAsync(page, "Maj", "Major");
        await TabToAsync(page, page.GetByLabel("How it reached us"));
        await ChooseByTypingAsync(page, "Ph", "Phone");
        await TabToAsync(page, page.GetByLabel("When it happened"));
        await keys.PressAsync("Enter"); // "When it happened" keeps its default: now
        await ShouldBeAcceptedAsync(page, page.GetByTestId("case-reference"));

        await Expect(page).ToHaveURLAsync(CaseUrl());
        await Expect(page.GetByTestId("case-reference")).ToHaveTextAsync(CaseReference());
        var saySorry = page.Locator("[data-testid=steps] li[data-step=SaySorry]");
        (await saySorry.GetAttributeAsync("data-state")).ShouldBeOneOf("Pending", "DueSoon");
        await Expect(page.GetByTestId("time-to-apology")).ToContainTextAsync("Not apologised yet");

        // Tab from the top of the page to "Who apologised", as a keyboard user would.
        var apologyForm = page.Locator("#apology-form");
        await TabToAsync(page, apologyForm.GetByLabel("Who apologised"), maxPresses: 80);
        await keys.PressAsync("ControlOrMeta+a");
        await keys.TypeAsync("Dr Ada Lovelace");
        await TabToAsync(page, apologyForm.GetByLabel("How", new() { Exact = true }));
        await ChooseByTypingAsync(page, "Ph", "Phone");
        await TabToAsync(page, apologyForm.GetByLabel("When", new() { Exact = true }));
        await keys.PressAsync("Enter");
        await ShouldBeAcceptedAsync(page, page.Locator("#flash", new() { HasText = "Apology recorded" }));

        await Expect(saySorry).ToHaveAttributeAsync("data-state", "Done");
        await Expect(page.GetByTestId("time-to-apology")).ToContainTextAsync("Time to apology");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Apology recorded: Dr Ada Lovelace, phone", new() { IgnoreCase = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pressing_n_on_the_home_page_opens_log_a_defect_with_focus_in_the_patients_name()
    {
        fixture.RequireBrowser();
        var page = await SignedInPageAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("n");

        await Expect(page).ToHaveURLAsync(LogDefectUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log a defect" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Patient's name")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_missing_description_is_shown_beside_the_field_and_in_the_summary_and_the_rest_is_kept()
    {
        fixture.RequireBrowser();
        var page = await SignedInPageAsync();
        await page.GotoAsync("/defects/log");
        await page.GetByLabel("Patient's name").FillAsync("Grace Hopper");
        await page.GetByLabel("Phone").FillAsync("0412 345 678");
        await page.GetByLabel("Stage of the visit").SelectOptionAsync(new SelectOptionValue { Label = "Billing & payment" });
        await page.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "Minor" });

        await page.GetByLabel("Phone").PressAsync("Enter");

        const string message = "Describe what happened, in the patient's words.";
        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync(message);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Description']")).ToHaveTextAsync(message);
        await Expect(page.GetByLabel("Patient's name")).ToHaveValueAsync("Grace Hopper");
        await Expect(page.GetByLabel("Phone")).ToHaveValueAsync("0412 345 678");
        await Expect(page.GetByLabel("Stage of the visit").Locator("option:checked")).ToHaveTextAsync("Billing & payment");
        await Expect(page.GetByLabel("Severity").Locator("option:checked")).ToHaveTextAsync("Minor");

        // The summary's link takes the user to the field.
        await summary.GetByRole(AriaRole.Link, new() { Name = message }).PressAsync("Enter");
        await Expect(page.GetByLabel("What happened, in the patient's words")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_log_a_defect_and_the_case_page_have_no_serious_or_critical_accessibility_violations()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync("/Account/SignIn");
        found.AddRange(await SeriousViolationsAsync(page));

        await SignInAsync(page, TestWorld.FrontDesk);
        await page.GotoAsync("/defects/log");
        found.AddRange(await SeriousViolationsAsync(page));

        await page.GetByLabel("Patient's name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email").FillAsync("grace@example.com");
        await page.GetByLabel("Stage of the visit").SelectOptionAsync(new SelectOptionValue { Label = "Arrival & reception" });
        await page.GetByLabel("What happened, in the patient's words").FillAsync("The receptionist was short with me.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(CaseUrl());
        found.AddRange(await SeriousViolationsAsync(page));

        found.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, TestWorld.FrontDesk);
        return page;
    }
}
