using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Surveys;
using ServiceRecovery.Web.Infrastructure.Auth;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// Saying it to the patient, as the practice and the patient live it: the front desk writes an apology email and prints
/// the outcome letter from the case by keyboard; the patient answers the recovery survey on a phone by keyboard; staff
/// see the answer on the case and in the report. Every screen of it is checked with axe.
/// </summary>
public sealed partial class PatientLettersJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task The_front_desk_sends_an_edited_apology_by_email_and_prints_the_outcome_letter_with_nothing_of_the_app_on_paper()
    {
        fixture.RequireBrowser();
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        var keys = page.Keyboard;
        await SignInAsync(page, TestWorld.FrontDesk);
        await page.GotoAsync("/defects/log");
        await page.GetByLabel("Patient's name").FillAsync("Margaret Holloway");
        await page.GetByLabel("Email").FillAsync("margaret.holloway@example.test");
        await page.GetByLabel("Stage of the visit").SelectOptionAsync(new SelectOptionValue { Label = "Arrival & reception" });
        await page.GetByLabel("What happened, in the patient's words").FillAsync("Kept waiting an hour with nobody saying why.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await ShouldBeAcceptedAsync(page, page.GetByTestId("case-reference"));
        var caseUrl = page.Url;

        // Respond: from the checklist to the step's section, then Tab to "Write to the patient".
        var write = page.GetByTestId("contact-letters").GetByTestId("write-to-patient");
        await OpenRespondAsync(page);
        await TabToAsync(page, write, maxPresses: 8);
        await keys.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Write to the patient" })).ToBeVisibleAsync();

        // The apology template, filled in from the picker by keyboard.
        await TabToAsync(page, page.GetByLabel("Template"), maxPresses: 20);
        await ChooseByTypingAsync(page, "We a", "We are sorry");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Fill in from this template" }), maxPresses: 2);
        await keys.PressAsync("Enter");
        var text = page.GetByLabel("Text", new() { Exact = true });
        await Expect(text).ToHaveValueAsync(new Regex("^Dear Margaret,"));
        await Expect(text).ToHaveValueAsync(new Regex("We are sorry\\."));

        // Edited: a line added at the end, then sent.
        await TabToAsync(page, text, maxPresses: 30);
        await keys.PressAsync("Control+End");
        await keys.TypeAsync("\n\nI have booked you in first thing on Monday, with no wait.");
        violations.AddRange(await SeriousViolationsAsync(page));
        await ScreenshotAsync(page, "write-to-patient", fullPage: true);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send email" }), maxPresses: 4);
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Email to the patient queued");

        var email = page.GetByTestId("contact-letters").GetByTestId("patient-letter");
        await Expect(email).ToHaveCountAsync(1);
        await Expect(email).ToContainTextAsync("Email to the patient");
        await Expect(email.GetByTestId("delivery")).ToContainTextAsync("waiting to be sent");
        await Expect(email.Locator("[letter-words]")).ToContainTextAsync("I have booked you in first thing on Monday, with no wait.", new() { UseInnerText = false });

        // The outcome, printed: the letter alone on paper.
        await OpenRespondAsync(page);
        await TabToAsync(page, write, maxPresses: 12);
        await keys.PressAsync("Enter");
        await TabToAsync(page, page.GetByLabel("Template"), maxPresses: 20);
        await ChooseByTypingAsync(page, "The o", "The outcome of your concern");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Fill in from this template" }), maxPresses: 2);
        await keys.PressAsync("Enter");
        await Expect(text).ToHaveValueAsync(new Regex("Thank you for raising your concern"));
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Print letter" }), maxPresses: 30);
        await keys.PressAsync("Enter");
        await ShouldBeSavedAsync(page, "Letter recorded on the case. Print it now.");
        violations.AddRange(await SeriousViolationsAsync(page));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByTestId("letterhead")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("letterhead")).ToContainTextAsync(fixture.App.World.Harbourside.Name);
        await Expect(page.GetByTestId("letter-to")).ToHaveTextAsync("Margaret Holloway");
        await Expect(page.GetByTestId("letter-text")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("letter-text")).ToContainTextAsync("Thank you for raising your concern");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Expect(page.Locator("body > footer")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("letter-actions")).ToBeHiddenAsync();
        await Expect(page.Locator("button:visible")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "printed-letter", fullPage: true);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.GetByTestId("letter-actions")).ToBeVisibleAsync();

        await page.GotoAsync(caseUrl);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Letter printed: The outcome of your concern");
        violations.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_patient_answers_the_survey_on_a_phone_by_keyboard_and_staff_see_it_on_the_case_and_in_the_report()
    {
        fixture.RequireBrowser();
        var violations = new List<string>();
        var (caseId, token) = await ResolvedCaseWithSurveyAsync();

        var patient = await fixture.NewPageAsync(Phone);
        var keys = patient.Keyboard;
        await patient.GotoAsync($"/survey/{token}");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Hello Theodora, how did we do?" })).ToBeVisibleAsync();
        violations.AddRange(await SeriousViolationsAsync(patient));

        // Each question is one stop of Tab: Space chooses the first answer, the arrow keys move along to the one meant.
        await TabToAsync(patient, patient.Locator("#Input_OutcomeFair"), maxPresses: 10);
        await ChooseAsync(patient, "Input.OutcomeFair", arrows: 3, expected: "4");
        await keys.PressAsync("Tab");
        await ChooseAsync(patient, "Input.EasyAndQuick", arrows: 4, expected: "5");
        await keys.PressAsync("Tab");
        await ChooseAsync(patient, "Input.TreatedWithRespect", arrows: 4, expected: "5");
        await keys.PressAsync("Tab");
        await ChooseAsync(patient, "Input.Recommend", arrows: 9, expected: "9");
        await keys.PressAsync("Tab");
        await Expect(patient.GetByLabel("Anything you would like to tell us? (optional)")).ToBeFocusedAsync();
        await keys.TypeAsync("Thank you for calling me back so quickly.");
        await ScreenshotAsync(patient, "survey-phone", fullPage: true);
        await keys.PressAsync("Tab");
        await Expect(patient.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send to ") })).ToBeFocusedAsync();
        await keys.PressAsync("Enter");

        await Expect(patient.GetByTestId("survey-thanks")).ToHaveTextAsync("Thank you for your answers");
        violations.AddRange(await SeriousViolationsAsync(patient));

        var manager = await fixture.NewPageAsync();
        await SignInAsync(manager, TestWorld.Manager);
        await manager.GotoAsync($"/cases/{caseId}");
        await Expect(manager.GetByTestId("timeline")).ToContainTextAsync("Survey answered: outcome 4/5, ease 5/5, respect 5/5, recommend 9/10");
        await manager.GotoAsync("/reports");
        var whole = manager.GetByTestId("table-survey-months").Locator("tfoot tr");
        await Expect(whole.Locator("th, td")).ToHaveTextAsync(["Whole period", "1", "1", "100.0%", "4.0", "100.0%", "5.0", "100.0%", "5.0", "100.0%", "100.0"]);
        await Expect(manager.GetByTestId("table-survey-comments")).ToContainTextAsync("Thank you for calling me back so quickly.");
        violations.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", violations));
        await patient.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task The_letter_templates_list_and_edit_page_have_no_serious_or_critical_accessibility_violations()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, TestWorld.Manager);
        var found = new List<string>();

        await page.GotoAsync($"/settings/letters?practice={fixture.App.World.Harbourside.Id}");
        var templates = page.GetByTestId("templates");
        await Expect(templates).ToContainTextAsync("We are sorry");
        found.AddRange(await SeriousViolationsAsync(page));

        await templates.GetByRole(AriaRole.Link, new() { Name = "We are sorry" }).ClickAsync();
        await Expect(page.GetByTestId("current-version")).ToContainTextAsync("version 1");
        found.AddRange(await SeriousViolationsAsync(page));

        found.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    /// <summary>To Respond's section by the checklist; its heading opens it with Enter when it is not the current step.</summary>
    private static async Task OpenRespondAsync(IPage page)
    {
        await JumpToStepAsync(page, "Respond to the patient");
        var section = page.Locator("#step-Respond");
        await TabToAsync(page, section.Locator("> summary"), maxPresses: 2);
        if (!await section.EvaluateAsync<bool>("d => d.open"))
        {
            await page.Keyboard.PressAsync("Enter");
        }

        await Expect(section).ToHaveAttributeAsync("open", "");
    }

    /// <summary>Space on the focused first answer, then the right arrow along the row; the answer meant is the one chosen.</summary>
    private static async Task ChooseAsync(IPage page, string name, int arrows, string expected)
    {
        await Expect(page.Locator($"input[name='{name}']").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < arrows; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator($"input[name='{name}']:checked")).ToHaveValueAsync(expected);
    }

    /// <summary>A Harbourside case with a patient email, every step settled so it is resolved, and the survey the sweep issues for it.</summary>
    private async Task<(Guid CaseId, string Token)> ResolvedCaseWithSurveyAsync()
    {
        var app = fixture.App;
        var caseId = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestWorld.Manager);
            var manager = new Actor(user.Id, user.DisplayName, StaffRole.PracticeManager);
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == app.World.Harbourside.Id);
            var at = DateTimeOffset.UtcNow.AddMinutes(-10);
            var patient = Patient.Create(practice.Id, "Theodora Finch", "0412 555 222", "theodora.finch@example.test", null, at, "AU");
            var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], practice.Categories[0], Severity.Moderate, DefectChannel.InPerson,
                at.AddMinutes(-5), "The hygienist was rushed and rough.", manager, at);
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(at.Year, 9001), defect, manager, at);
            foreach (var step in ServiceSteps.InOrder)
            {
                recoveryCase.Skip(step, "Handled at the desk", manager, at);
            }

            db.Patients.Add(patient);
            db.Defects.Add(defect);
            db.Cases.Add(recoveryCase);
            await db.SaveChangesAsync();
            return recoveryCase.Id;
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            (await scope.ServiceProvider.GetRequiredService<SurveyIssuer>().RunAsync(CancellationToken.None)).ShouldBe(1);
        }

        // The single-use link waits on the outbox row until the sender puts it in the email.
        var link = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == EmailKind.RecoverySurvey).Select(m => m.SecretLink).SingleAsync());
        return (caseId, SurveyToken().Match(link!).Groups[1].Value);
    }

    [GeneratedRegex(@"/survey/([A-Za-z0-9_\-]+)")]
    private static partial Regex SurveyToken();
}
