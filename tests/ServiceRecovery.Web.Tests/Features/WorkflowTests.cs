using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Carrying a case through every SERVICE step in the browser's forms, as staff do.</summary>
public sealed class WorkflowTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_case_walks_through_all_seven_steps_to_resolved_and_a_manager_closes_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Grace Walker");

        await page.SubmitAsync("#apology-form", []);
        await page.SubmitAsync("#fix-form", new() { ["Fix.Description"] = "Rebooked for the first slot tomorrow." });
        await page.SubmitAsync("#contact-form", new() { ["Contact.Method"] = ((int)ContactMethod.Call).ToString(), ["Contact.Summary"] = "Called to check in; happy with the new time." });
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Kind"] = ((int)GestureKind.Discount).ToString(), ["Gesture.Amount"] = "40", ["Gesture.Note"] = "Off the next clean" });
        await page.SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = "Tell waiting patients at 15 minutes" });
        await page.SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Tell patients early when we run late." });
        await page.SubmitAsync("#shared-form", []);
        await page.SubmitAsync("#follow-up-form", new() { ["FollowUp.Method"] = ((int)FollowUpMethod.Call).ToString() });
        (await page.StateOfAsync(nameof(ServiceStep.ExtendOutcome))).ShouldBe(nameof(StepState.Pending));

        await page.SubmitAsync("#return-form", new() { ["Return.Reason"] = "Six-monthly check-up" });

        var resolved = await page.LoadAsync();
        resolved.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Resolved");
        resolved.QuerySelectorAll("[data-testid=steps] li").Select(li => li.GetAttribute("data-state")).ShouldAllBe(s => s == nameof(StepState.Done));
        resolved.QuerySelector("#close-form").ShouldBeNull("front desk cannot close");
        resolved.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Case resolved");
        resolved.QuerySelector("[data-testid=improvements]")!.TextContent.ShouldContain("Tell waiting patients at 15 minutes");
        resolved.QuerySelectorAll("#owner-form option").Select(o => o.TextContent).ShouldContain(TestWorld.ManagerName, "a resolved case can still change owner");

        var managerPage = new CasePage(manager, page.Url);
        await managerPage.SubmitAsync("#close-form", []);
        var closed = await managerPage.LoadAsync();
        closed.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Closed");
        closed.QuerySelector("[data-testid=improvements]")!.TextContent.ShouldContain("Tell waiting patients at 15 minutes", customMessage: "a closed case still shows what it improved");
        closed.QuerySelector("#improvement-form").ShouldBeNull();
        closed.QuerySelector("#owner-form").ShouldBeNull();

        await managerPage.SubmitAsync("#reopen-form", new() { ["Reopen.Reason"] = "Patient rang again about the bill." });
        (await managerPage.LoadAsync()).QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Open");
    }

    [Fact]
    public async Task A_front_desk_gesture_above_the_limit_waits_for_a_manager_who_approves_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk);

        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Kind"] = ((int)GestureKind.Refund).ToString(), ["Gesture.Amount"] = "150.00" });

        var waiting = await page.LoadAsync();
        waiting.QuerySelector("[data-testid=awaiting-approval]").ShouldNotBeNull();
        waiting.QuerySelector("[data-testid=gestures] [data-gesture-state=PendingApproval]").ShouldNotBeNull();
        waiting.QuerySelector(".decision-form").ShouldBeNull("front desk cannot approve");
        (await page.StateOfAsync(nameof(ServiceStep.Victory))).ShouldNotBe(nameof(StepState.Done));
        (await frontDesk.Http.GetAsync("/approvals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var approvals = await manager.GetPageAsync("/approvals");
        approvals.QuerySelector("[data-testid=approvals]")!.TextContent.ShouldContain(waiting.QuerySelector("[data-testid=case-reference]")!.TextContent);
        var decided = await manager.SubmitAsync(approvals, ".decision-form", new() { ["Decision.Approve"] = "true" });
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await page.LoadAsync();
        after.QuerySelector("[data-testid=gestures] [data-gesture-state=Given]")!.TextContent.ShouldContain("approved by " + TestWorld.ManagerName);
        after.QuerySelector("[data-testid=awaiting-approval]").ShouldBeNull();
        (await page.StateOfAsync(nameof(ServiceStep.Victory))).ShouldBe(nameof(StepState.Done));
    }

    [Fact]
    public async Task A_manager_declines_with_a_reason_and_the_giver_sees_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk);
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "250" });
        var managerPage = new CasePage(manager, page.Url);

        var noReason = await managerPage.SubmitExpectingMessagesAsync(".decision-form", new() { ["Decision.Approve"] = "false" });
        noReason.QuerySelector("#error-summary")!.TextContent.ShouldContain("Enter the reason for declining.");

        await managerPage.SubmitAsync(".decision-form", new() { ["Decision.Approve"] = "false", ["Decision.Reason"] = "A complimentary clean suits better." });

        var seen = await page.LoadAsync();
        seen.QuerySelector("[data-testid=gestures] [data-gesture-state=Declined]")!.TextContent.ShouldContain("A complimentary clean suits better.");
    }

    [Fact]
    public async Task A_front_desk_gesture_within_the_limit_is_given_at_once()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);

        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "100" });

        (await page.StateOfAsync(nameof(ServiceStep.Victory))).ShouldBe(nameof(StepState.Done));
        (await page.LoadAsync()).QuerySelector("[data-testid=gesture-total]")!.TextContent.ShouldBe("$100.00");
    }

    [Theory]
    [InlineData("-5", "The cost cannot be negative.")]
    [InlineData("1000000", "The cost must be at most 100,000.")]
    [InlineData("12.345", "Enter the cost in dollars and cents, e.g. 45.50.")]
    [InlineData("fifty", "Enter a valid value for Cost.")]
    [InlineData("", "Enter the cost to the practice (0 if it costs nothing).")]
    public async Task Bad_gesture_amounts_get_a_message_beside_the_field_and_store_nothing(string amount, string message)
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);

        var result = await page.SubmitExpectingMessagesAsync("#gesture-form", new() { ["Gesture.Amount"] = amount, ["Gesture.Note"] = "kept" });

        result.QuerySelector("[data-valmsg-for='Gesture.Amount']")!.TextContent.ShouldBe(message);
        result.QuerySelector("#Gesture_Note")!.GetAttribute("value").ShouldBe("kept");
        result.QuerySelector("#step-Victory")!.HasAttribute("open").ShouldBeTrue();
        (await fixture.App.WithDbAsync(db => db.Set<Gesture>().CountAsync(g => g.CaseId == page.CaseId))).ShouldBe(0);
    }

    [Fact]
    public async Task A_step_is_skipped_only_with_a_reason()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);

        var refused = await page.SubmitExpectingMessagesAsync("#skip-form", new() { ["Skip.Step"] = ((int)ServiceStep.Victory).ToString(), ["Skip.Reason"] = " " });
        refused.QuerySelector("[data-valmsg-for='Skip.Reason']")!.TextContent.ShouldBe("Enter the reason for skipping.");

        await page.SubmitAsync("#skip-form", new() { ["Skip.Step"] = ((int)ServiceStep.Victory).ToString(), ["Skip.Reason"] = "No gesture appropriate: patient declined." });

        var after = await page.LoadAsync();
        after.QuerySelector("[data-step=Victory]")!.GetAttribute("data-state").ShouldBe(nameof(StepState.Skipped));
        after.QuerySelector("[data-step=Victory]")!.TextContent.ShouldContain("No gesture appropriate: patient declined.");
    }

    [Fact]
    public async Task A_correction_keeps_the_original_visible_and_on_the_timeline()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);
        await page.SubmitAsync("#fix-form", new() { ["Fix.Description"] = "Rebooked for Tuesday." });

        await page.SubmitAsync(".correct-form", new() { ["Correct.Text"] = "Rebooked for Thursday." });

        var after = await page.LoadAsync();
        var fixes = after.QuerySelector("[data-testid=fixes]")!.TextContent;
        fixes.ShouldContain("Rebooked for Tuesday.");
        fixes.ShouldContain("Rebooked for Thursday.");
        after.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Fix corrected");
        (await fixture.App.WithDbAsync(db => db.Set<Fix>().CountAsync(f => f.CaseId == page.CaseId))).ShouldBe(2);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_stops_further_steps()
    {
        // Withdrawing needs a practice manager (front desk requests it: see BuryingTests).
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(manager);
        var open = await page.LoadAsync();

        var refused = await page.SubmitExpectingMessagesAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "" });
        refused.QuerySelector("[data-valmsg-for='Withdraw.Reason']")!.TextContent.ShouldBe("Enter the reason for withdrawing.");

        await page.SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Logged twice." });
        var withdrawn = await page.LoadAsync();
        withdrawn.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Withdrawn");
        withdrawn.QuerySelector("#fix-form").ShouldBeNull();

        // A stale form from before the withdrawal cannot add to the case.
        var stale = await manager.SubmitAsync(open, "#fix-form", new() { ["Fix.Description"] = "Too late" });
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(stale)).QuerySelector("[data-testid=conflict]").ShouldNotBeNull();
        (await fixture.App.WithDbAsync(db => db.Set<Fix>().CountAsync(f => f.CaseId == page.CaseId))).ShouldBe(0);
    }

    [Fact]
    public async Task The_owner_can_be_reassigned_to_staff_of_the_practice_only()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);
        var managerId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.Manager).Select(u => u.Id).SingleAsync());
        var outsiderId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.OtherFrontDesk).Select(u => u.Id).SingleAsync());

        var refused = await page.SubmitExpectingMessagesAsync("#owner-form", new() { ["Owner.OwnerId"] = outsiderId });
        refused.QuerySelector("[data-valmsg-for='Owner.OwnerId']")!.TextContent.ShouldBe("Choose an owner from the practice's staff.");

        await page.SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = managerId });
        var after = await page.LoadAsync();
        after.QuerySelector("[data-testid=case-owner]")!.TextContent.ShouldBe(TestWorld.ManagerName);
        after.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain($"Owner set to {TestWorld.ManagerName}");
    }

    [Fact]
    public async Task A_repeat_defect_attaches_to_the_patient_found_by_name()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var first = await CasePage.OpenAsync(frontDesk, "Henry Kelly");
        var log = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(log, "H. Kelly");
        form["Input.PatientPhone"] = "0412345678";
        form["Input.PatientEmail"] = "";

        var found = await frontDesk.SubmitAsync(log, "#log-defect-form", new(form) { ["handler"] = null });
        found.StatusCode.ShouldBe(HttpStatusCode.Redirect, "without choosing, the form opens a case for a new patient");

        var search = await frontDesk.GetPageAsync("/defects/log");
        var searchForm = Defects.Form(search, "henry kel");
        searchForm["Input.PatientPhone"] = "";
        searchForm["Input.PatientEmail"] = "";
        var response = await frontDesk.Http.PostAsync("/defects/log?handler=FindPatient", new FormUrlEncodedContent(
            WebClient.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)search.QuerySelector("#log-defect-form")!)
                .Concat(searchForm.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)))
                .GroupBy(kv => kv.Key).Select(g => g.Last())));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var withMatches = await WebClient.ParseAsync(response);
        var matches = withMatches.QuerySelectorAll("[data-testid=patient-matches] input[type=radio]").Select(r => r.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        matches.Count.ShouldBe(1, "the name search is case-insensitive and finds Henry Kelly only");
        var match = matches[0];
        withMatches.QuerySelector("#Input_Description")!.TextContent.ShouldBe(Defects.Description);

        var second = await frontDesk.SubmitAsync(withMatches, "#log-defect-form", new() { ["Input.PatientId"] = match });
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync());
        var secondCase = await frontDesk.GetPageAsync(second.Headers.Location!.OriginalString);
        secondCase.QuerySelector("[data-testid=repeat-defect]")!.TextContent.ShouldContain((await first.LoadAsync()).QuerySelector("[data-testid=case-reference]")!.TextContent);
    }

    [Fact]
    public async Task Front_desk_cannot_close_a_resolved_case_even_by_posting_the_form()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk);
        // Say sorry is done rather than skipped: only a practice manager skips it.
        await page.SubmitAsync("#apology-form", []);
        foreach (var step in ServiceSteps.InOrder.Where(s => s != ServiceStep.SaySorry))
        {
            await page.SubmitAsync("#skip-form", new() { ["Skip.Step"] = ((int)step).ToString(), ["Skip.Reason"] = "Not needed for this test case." });
        }

        var resolved = await page.LoadAsync();
        resolved.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Resolved");
        var version = resolved.QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        var response = await frontDesk.Http.PostAsync($"{page.Url}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = version,
            ["__RequestVerificationToken"] = resolved.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        // Refused before the handler runs: closing requires a practice manager of the case's practice (the domain refuses it too).
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await page.LoadAsync()).QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Resolved");
    }
}
