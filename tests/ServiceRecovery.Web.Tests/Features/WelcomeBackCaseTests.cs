using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The welcome back on the case page: a manager chooses the gesture ahead, the front desk records the moment.</summary>
public sealed class WelcomeBackCaseTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string SettingsUrl => $"/settings?practice={fixture.World.Harbourside.Id}";

    [Fact]
    public async Task A_manager_chooses_the_gesture_and_the_case_page_offers_it_as_chosen_for_this_patient()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(manager, "Grace Welcome");

        await page.SubmitAsync("#welcome-plan-form", new() { ["WelcomePlan.Gesture"] = "A card signed by the whole team" });

        var shown = await page.LoadAsync();
        var gesture = shown.QuerySelector("[data-testid=welcome-back-gesture]")!.TextContent;
        gesture.ShouldContain("A card signed by the whole team");
        gesture.ShouldContain("chosen for this patient");
        shown.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Welcome-back gesture chosen: A card signed by the whole team");
    }

    [Fact]
    public async Task The_front_desk_sees_the_suggestion_but_cannot_choose_the_gesture()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Henry Welcome");
        var shown = await page.LoadAsync();

        shown.QuerySelector("#welcome-plan-form").ShouldBeNull();
        // The practice's first gesture, whatever another test of this class saved as the practice's list.
        var stored = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => p.WelcomeGestures).SingleAsync());
        var suggestion = shown.QuerySelector("[data-testid=welcome-back-gesture]")!.TextContent;
        suggestion.ShouldContain(WelcomeGestureList.Parse(stored)[0]);
        suggestion.ShouldContain("the practice's first suggestion");

        // The form is not there, and the handler refuses the post all the same.
        var version = shown.QuerySelector("#welcome-form input[name=Version]")!.GetAttribute("value")!;
        var token = shown.QuerySelector("#welcome-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await frontDesk.Http.PostAsync($"{page.Url}?handler=WelcomePlan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = version,
            ["WelcomePlan.Gesture"] = "Chosen by the front desk",
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.WelcomeBackGesture).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task The_front_desk_records_the_welcome_back_on_the_timeline_of_extend_without_settling_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Isla Welcome");

        await page.SubmitAsync("#welcome-form", new() { ["Welcome.GreetedBy"] = "Maya at reception", ["Welcome.SaidOrGiven"] = "Apologised again for March; offered a coffee." });

        var shown = await page.LoadAsync();
        shown.QuerySelector("[data-testid=welcome-back-recorded]")!.TextContent.ShouldContain("Welcomed back by Maya at reception");
        shown.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Welcomed back by Maya at reception: Apologised again for March; offered a coffee.");
        (await page.StateOfAsync(nameof(ServiceStep.ExtendOutcome))).ShouldNotBe(nameof(StepState.Done));
        var stored = await fixture.App.WithDbAsync(db => db.Set<WelcomeBack>().Where(w => w.CaseId == page.CaseId).ToListAsync());
        stored.ShouldHaveSingleItem().RecordedByName.ShouldBe(TestWorld.FrontDeskName);
    }

    [Fact]
    public async Task A_welcome_back_without_who_or_what_gets_messages_beside_the_fields_and_keeps_what_was_typed()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Jack Welcome");

        var result = await page.SubmitExpectingMessagesAsync("#welcome-form", new() { ["Welcome.GreetedBy"] = "Maya", ["Welcome.SaidOrGiven"] = "" });

        result.QuerySelector("#error-summary")!.TextContent.ShouldContain("Enter what was said or given.");
        result.QuerySelector("#Welcome_GreetedBy")!.GetAttribute("value").ShouldBe("Maya");
        (await fixture.App.WithDbAsync(db => db.Set<WelcomeBack>().CountAsync(w => w.CaseId == page.CaseId))).ShouldBe(0);
    }

    [Fact]
    public async Task The_practices_own_list_is_saved_in_settings_and_its_first_gesture_is_suggested()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await manager.GetPageAsync(SettingsUrl);
        before.QuerySelector("#Welcome_WelcomeGestures")!.TextContent.ShouldContain(WelcomeGestureList.Defaults[0]);

        var saved = await manager.SubmitAsync(before, "#welcome-gestures-form", new() { ["Welcome.WelcomeGestures"] = "Priority parking\nA thank-you card" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await CasePage.OpenAsync(manager, "Kai Welcome");
        var shown = await page.LoadAsync();
        shown.QuerySelector("[data-testid=welcome-back-gesture]")!.TextContent.ShouldContain("Priority parking");
        shown.QuerySelectorAll("#welcome-gestures option").Select(o => o.GetAttribute("value")).ShouldBe(["Priority parking", "A thank-you card"]);
        await fixture.App.WithDbAsync(async db => { (await db.Audit.AnyAsync(a => a.Kind == AuditKind.SettingsChanged && a.Detail.Contains("welcome-back gestures"))).ShouldBeTrue(); return 0; });
    }

    [Fact]
    public async Task A_repeated_gesture_in_the_list_is_refused_with_the_lines_named_and_the_list_kept_as_typed()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var typed = "Coffee\nCard\ncoffee";

        var response = await manager.SubmitAsync(await manager.GetPageAsync(SettingsUrl), "#welcome-gestures-form", new() { ["Welcome.WelcomeGestures"] = typed });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("Line 3 repeats line 1.");
        page.QuerySelector("#Welcome_WelcomeGestures")!.TextContent.Trim().ReplaceLineEndings("\n").ShouldBe(typed);
    }
}
