using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRecovery.Testing;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>A patient fills in the comment card on a phone, by keyboard; a manager finds it in the queue and takes it.</summary>
public sealed class CommentCardJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A common phone, in CSS pixels.</summary>
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_patient_sends_the_card_from_a_phone_by_keyboard_and_a_manager_takes_it_from_the_queue()
    {
        fixture.RequireBrowser();
        var phone = await fixture.NewPageAsync(Phone);
        var keys = phone.Keyboard;
        await phone.GotoAsync("/feedback/harbourside");
        await Expect(phone.GetByTestId("card-practice")).ToHaveTextAsync("Harbourside Dental");
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the card fits the phone's width");
        await ScreenshotAsync(phone, "comment-card-phone");

        // Into the rating with Tab, then the arrow keys choose, as in any radio group.
        await TabToAsync(phone, phone.GetByLabel("Very poor"));
        await keys.PressAsync("Space");
        await keys.PressAsync("ArrowDown");
        await Expect(phone.GetByLabel("Poor", new() { Exact = true })).ToBeCheckedAsync();
        await TabToAsync(phone, phone.GetByLabel("Which part of your visit was it about?"));
        await ChooseByTypingAsync(phone, "Wait", "Waiting");
        await TabToAsync(phone, phone.GetByLabel("What happened?"));
        await keys.TypeAsync("Keyboard card: sat in the waiting room for 45 minutes and nobody said why.");
        // Past the day of the visit (today), to the contact question.
        await TabToAsync(phone, phone.GetByLabel("Yes, please contact me"), maxPresses: 6);
        await keys.PressAsync("Space");
        await TabToAsync(phone, phone.GetByLabel("Your name"), maxPresses: 3);
        await keys.TypeAsync("Priya Patient");
        await TabToAsync(phone, phone.GetByLabel("Phone"));
        await keys.TypeAsync("0412 987 654");
        await TabToAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Send to Harbourside Dental" }), maxPresses: 3);
        await keys.PressAsync("Enter");

        await Expect(phone.GetByTestId("thanks-title")).ToHaveTextAsync("Thank you for telling us");
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/feedback/harbourside/thanks$"));
        await Expect(phone.Locator("body")).Not.ToContainTextAsync("SR-");
        await ScreenshotAsync(phone, "comment-card-thanks");
        await phone.Context.CloseAsync();

        var reference = await fixture.App.WithDbAsync(db => db.Cases
            .Where(c => c.Defect.Description.StartsWith("Keyboard card:")).Select(c => c.Reference).SingleAsync());
        var office = await fixture.NewPageAsync();
        await SignInAsync(office, TestWorld.Manager);
        await office.GotoAsync("/queue?Filter.Owner=none");
        var row = office.Locator("tbody tr", new() { HasText = reference });
        await Expect(row).ToContainTextAsync("Waiting");
        await row.GetByLabel($"Owner of {reference}").SelectOptionAsync(new SelectOptionValue { Label = TestWorld.ManagerName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Expect(office.Locator("#flash")).ToBeVisibleAsync();

        await office.GotoAsync("/queue?Filter.Owner=none");
        await Expect(office.Locator("tbody tr", new() { HasText = reference })).ToHaveCountAsync(0);
        await office.GotoAsync($"/queue?Filter.Reference={reference}");
        await office.Locator("tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(office.GetByTestId("patient-name")).ToHaveTextAsync("Priya Patient");
        await Expect(office.GetByTestId("defect-description")).ToContainTextAsync("45 minutes");
        await Expect(office.GetByTestId("timeline")).ToContainTextAsync("Case opened from the comment card");
        await office.Context.CloseAsync();
    }

    [Fact]
    public async Task A_patient_ticks_the_formal_complaint_box_with_space_by_keyboard_and_the_thanks_page_says_the_card_is_a_formal_complaint()
    {
        fixture.RequireBrowser();
        var phone = await fixture.NewPageAsync(Phone);
        var keys = phone.Keyboard;
        var found = new List<string>();
        await phone.GotoAsync("/feedback/harbourside");

        await TabToAsync(phone, phone.GetByLabel("Very poor"));
        await keys.PressAsync("Space");
        await TabToAsync(phone, phone.GetByLabel("Which part of your visit was it about?"));
        await ChooseByTypingAsync(phone, "Bill", "Billing & payment");
        await TabToAsync(phone, phone.GetByLabel("What happened?"));
        await keys.TypeAsync("Complaint card: charged twice for the same check-up.");
        await TabToAsync(phone, phone.GetByLabel("Yes, please contact me"), maxPresses: 6);
        await keys.PressAsync("Space");
        await TabToAsync(phone, phone.GetByLabel("Your name"), maxPresses: 3);
        await keys.TypeAsync("Ciaran Complainant");
        await TabToAsync(phone, phone.GetByLabel("Email", new() { Exact = true }), maxPresses: 2);
        await keys.TypeAsync("ciaran@example.test");
        // The box comes straight after the contact details, and Space ticks it, as any checkbox.
        var box = phone.GetByLabel("I want to make a formal complaint");
        await TabToAsync(phone, box, maxPresses: 1);
        await Expect(box).Not.ToBeCheckedAsync();
        await keys.PressAsync("Space");
        await Expect(box).ToBeCheckedAsync();
        await Expect(box).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("complaints procedure"));
        found.AddRange(await SeriousViolationsAsync(phone));
        await ScreenshotAsync(phone, "comment-card-formal-complaint");
        await TabToAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Send to Harbourside Dental" }), maxPresses: 1);
        await keys.PressAsync("Enter");

        await Expect(phone.GetByTestId("thanks-title")).ToHaveTextAsync("Thank you for telling us");
        await Expect(phone.GetByTestId("thanks-complaint")).ToContainTextAsync("You asked to make a formal complaint: the practice will treat your card as a formal complaint");
        await Expect(phone.Locator("body")).Not.ToContainTextAsync("SR-");
        found.AddRange(await SeriousViolationsAsync(phone));
        found.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", found));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task The_card_shows_what_is_missing_and_the_card_and_thank_you_pages_have_no_serious_accessibility_violations()
    {
        fixture.RequireBrowser();
        var phone = await fixture.NewPageAsync(Phone);
        var found = new List<string>();
        await phone.GotoAsync("/feedback/harbourside");
        found.AddRange(await SeriousViolationsAsync(phone));

        await phone.GetByRole(AriaRole.Button, new() { Name = "Send to Harbourside Dental" }).ClickAsync();
        var summary = phone.Locator("#error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Choose how your visit was.");
        await Expect(summary).ToContainTextAsync("Tell us what happened.");
        await ScreenshotAsync(phone, "comment-card-errors");
        found.AddRange(await SeriousViolationsAsync(phone));

        await summary.GetByRole(AriaRole.Link, new() { Name = "Tell us what happened." }).ClickAsync();
        await Expect(phone.GetByLabel("What happened?")).ToBeFocusedAsync();
        await phone.GetByLabel("Okay").CheckAsync();
        await phone.GetByLabel("What happened?").FillAsync("Browser card: the parking was hard to find.");
        await phone.GetByLabel("No, thank you").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send to Harbourside Dental" }).ClickAsync();
        await Expect(phone.GetByTestId("thanks-title")).ToBeVisibleAsync();
        found.AddRange(await SeriousViolationsAsync(phone));

        found.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", found));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_prints_the_card_with_its_qr_code()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, TestWorld.Manager);
        await page.GotoAsync("/settings");
        await page.Locator("#comment-card-link").ClickAsync();

        var card = page.GetByTestId("print-card");
        await Expect(card).ToContainTextAsync("Harbourside Dental");
        await Expect(page.GetByTestId("card-address")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("/feedback/harbourside$"));
        // The QR code is an image of its own: wait until it has loaded and has a size.
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('[data-testid=print-card] img'); return img.complete && img.naturalWidth > 100; }");
        await ScreenshotAsync(page, "comment-card-print");

        // Printed, the card stands alone: no menu, no buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("body > header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the card" })).ToBeHiddenAsync();
        await Expect(card).ToBeVisibleAsync();
        (await SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
