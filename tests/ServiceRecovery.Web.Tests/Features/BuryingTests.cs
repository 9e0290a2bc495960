using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// A complaint cannot be buried: front desk may only ask a practice manager to withdraw a case or skip Say sorry;
/// a manager decides, and can bring a withdrawn case back.
/// </summary>
public sealed class BuryingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Front_desk_posting_a_withdrawal_is_refused_and_the_case_is_unchanged()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Wren Buried");
        var loaded = await page.LoadAsync();
        loaded.QuerySelector("#withdraw-form").ShouldBeNull("front desk is offered Request withdrawal, not Withdraw");

        // The request form's token and version, sent to the manager's handler as a hand-made post would be.
        var response = await PostToHandlerAsync(frontDesk, loaded, page.CaseId, "#withdrawal-request-form", "Withdraw",
            new() { ["Withdraw.Reason"] = "Logged twice.", ["WithdrawalRequest.Reason"] = null });

        // Refused before the handler runs: the command requires a practice manager of the case's practice (the domain refuses it too).
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = await StoredAsync(page.CaseId);
        stored.Status.ShouldBe(CaseStatus.Open);
        stored.Version.ShouldBe(await VersionOf(loaded));
        (await fixture.App.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == page.CaseId && t.Kind == TimelineEventKind.Withdrawn))).ShouldBe(0);
    }

    [Fact]
    public async Task Front_desk_posting_a_skip_of_say_sorry_is_refused_and_the_case_is_unchanged()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Wren Unapologised");
        var loaded = await page.LoadAsync();
        loaded.QuerySelectorAll("#skip-form option").Select(o => o.GetAttribute("value")).ShouldNotContain(((int)ServiceStep.SaySorry).ToString());

        var response = await frontDesk.SubmitAsync(loaded, "#skip-form", new() { ["Skip.Step"] = ((int)ServiceStep.SaySorry).ToString(), ["Skip.Reason"] = "Patient left." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent.ShouldContain("Only a practice manager can skip Say sorry");
        var stored = await StoredAsync(page.CaseId);
        stored.SaySorrySettledAt.ShouldBeNull();
        stored.Version.ShouldBe(await VersionOf(loaded));
        (await page.StateOfAsync(nameof(ServiceStep.SaySorry))).ShouldNotBe(nameof(StepState.Skipped));
    }

    [Fact]
    public async Task Front_desk_requests_a_withdrawal_everyone_sees_it_and_a_manager_approves_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Wren Requested");

        var refused = await page.SubmitExpectingMessagesAsync("#withdrawal-request-form", new() { ["WithdrawalRequest.Reason"] = "" });
        refused.QuerySelector("[data-valmsg-for='WithdrawalRequest.Reason']")!.TextContent.ShouldBe("Enter the reason for withdrawing.");
        await page.SubmitAsync("#withdrawal-request-form", new() { ["WithdrawalRequest.Reason"] = "Logged twice: see the other case." });

        var asFrontDesk = await page.LoadAsync();
        asFrontDesk.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Open");
        var pending = asFrontDesk.QuerySelector("[data-testid=pending-requests]")!.TextContent;
        pending.ShouldContain($"{TestWorld.FrontDeskName} asked to withdraw the case");
        pending.ShouldContain("Logged twice: see the other case.");
        pending.ShouldContain("A practice manager will approve or decline it.");
        asFrontDesk.QuerySelector(".request-decision-form").ShouldBeNull();
        asFrontDesk.QuerySelector("#withdrawal-request-form").ShouldBeNull("one request at a time");

        var queue = await manager.GetPageAsync("/queue");
        queue.QuerySelector("[data-testid=queue-request-count]")!.TextContent.ShouldContain("(");
        queue.QuerySelector("[data-testid=queue-requests]")!.TextContent.ShouldContain(Reference(asFrontDesk));
        (await manager.GetPageAsync("/approvals")).QuerySelector("[data-testid=requests]")!.TextContent.ShouldContain(Reference(asFrontDesk));

        var asManager = await manager.GetPageAsync(page.Url);
        asManager.QuerySelector("#withdraw-form").ShouldBeNull("the manager decides the request rather than acting around it");
        var approved = await manager.SubmitAsync(asManager, ".request-decision-form", new() { ["RequestDecision.Approve"] = "true" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await manager.GetPageAsync(page.Url);
        after.QuerySelector("#flash")!.TextContent.ShouldContain("Request approved");
        after.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Withdrawn");
        after.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain($"Case withdrawn at {TestWorld.FrontDeskName}'s request: Logged twice: see the other case.");
        after.QuerySelector("[data-testid=pending-requests]").ShouldBeNull();
    }

    [Fact]
    public async Task A_manager_declines_a_skip_request_with_a_reason_and_say_sorry_stays_due()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Wren Declined");
        await page.SubmitAsync("#skip-request-form", new() { ["SkipRequest.Reason"] = "The patient did not want an apology." });
        (await page.StateOfAsync(nameof(ServiceStep.SaySorry))).ShouldNotBe(nameof(StepState.Skipped));

        var asManager = await manager.GetPageAsync(page.Url);
        var noReason = await manager.SubmitAsync(asManager, ".request-decision-form", new() { ["RequestDecision.Approve"] = "false", ["RequestDecision.Reason"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(noReason)).QuerySelector("#error-summary")!.TextContent.ShouldContain("Enter the reason for declining.");

        var declined = await manager.SubmitAsync(await manager.GetPageAsync(page.Url), ".request-decision-form",
            new() { ["RequestDecision.Approve"] = "false", ["RequestDecision.Reason"] = "Call the patient and say sorry." });
        declined.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await page.LoadAsync();
        after.QuerySelector("[data-testid=pending-requests]").ShouldBeNull();
        after.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain($"Declined {TestWorld.FrontDeskName}'s request to skip Say sorry: Call the patient and say sorry.");
        (await page.StateOfAsync(nameof(ServiceStep.SaySorry))).ShouldNotBe(nameof(StepState.Skipped));
        after.QuerySelector("#skip-request-form").ShouldNotBeNull("front desk may ask again");
    }

    [Fact]
    public async Task A_manager_reinstates_a_withdrawn_case_and_it_is_back_in_the_queue_and_on_the_home_page()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(manager, "Wren Reinstated");
        var reference = Reference(await page.LoadAsync());
        await page.SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Logged twice." });
        (await manager.GetPageAsync("/queue")).QuerySelector($"tr[data-case='{reference}']").ShouldBeNull();
        (await frontDesk.GetPageAsync("/")).QuerySelector($"a[href='/cases/{page.CaseId}']").ShouldBeNull();
        (await frontDesk.GetPageAsync(page.Url)).QuerySelector("#reinstate-form").ShouldBeNull("only a manager reinstates");

        var refused = await page.SubmitExpectingMessagesAsync("#reinstate-form", new() { ["Reinstate.Reason"] = " " });
        refused.QuerySelector("[data-valmsg-for='Reinstate.Reason']")!.TextContent.ShouldBe("Enter the reason for reinstating.");
        await page.SubmitAsync("#reinstate-form", new() { ["Reinstate.Reason"] = "Not a duplicate: a second visit." });

        var after = await page.LoadAsync();
        after.QuerySelector("#flash")!.TextContent.ShouldContain("Case reinstated");
        after.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Open");
        var timeline = after.QuerySelector("[data-testid=timeline]")!.TextContent;
        timeline.ShouldContain("Case withdrawn: Logged twice.");
        timeline.ShouldContain("Case reinstated: Not a duplicate: a second visit.");
        (await manager.GetPageAsync("/queue")).QuerySelector($"tr[data-case='{reference}']").ShouldNotBeNull();
        (await frontDesk.GetPageAsync("/")).QuerySelector($"a[href='/cases/{page.CaseId}']").ShouldNotBeNull();
        after.QuerySelector("#fix-form").ShouldNotBeNull("the case can be worked again");
    }

    [Fact]
    public async Task Front_desk_posting_a_reinstatement_is_refused()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(manager, "Wren Staying Withdrawn");
        await page.SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Not a defect." });
        var asManager = await manager.GetPageAsync(page.Url);
        var version = await VersionOf(asManager);

        var asFrontDesk = await frontDesk.GetPageAsync(page.Url);
        var token = asFrontDesk.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var response = await frontDesk.Http.PostAsync($"{page.Url}?handler=Reinstate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token ?? await TokenFromAnotherPageAsync(frontDesk),
            ["Version"] = version.ToString(),
            ["Reinstate.Reason"] = "Please",
        }));

        // Refused before the handler runs: the command requires a practice manager of the case's practice (the domain refuses it too).
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredAsync(page.CaseId)).Status.ShouldBe(CaseStatus.Withdrawn);
    }

    private static string Reference(IHtmlDocument casePage) => casePage.QuerySelector("[data-testid=case-reference]")!.TextContent.Trim();

    private static Task<Guid> VersionOf(IHtmlDocument casePage) =>
        Task.FromResult(Guid.Parse(casePage.QuerySelector("input[name=Version]")!.GetAttribute("value")!));

    /// <summary>An antiforgery token of this user, from a page with a form (the log-a-defect page).</summary>
    private static async Task<string> TokenFromAnotherPageAsync(WebClient client) =>
        (await client.GetPageAsync("/defects/log")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>Posts a form's fields (its antiforgery token and version) to another handler of the case page.</summary>
    private static Task<HttpResponseMessage> PostToHandlerAsync(
        WebClient client, IHtmlDocument page, Guid caseId, string formSelector, string handler, Dictionary<string, string?> values)
    {
        page.QuerySelector(formSelector)!.SetAttribute("action", $"/cases/{caseId}?handler={handler}");
        return client.SubmitAsync(page, formSelector, values);
    }

    private sealed record Stored(CaseStatus Status, Guid Version, DateTimeOffset? SaySorrySettledAt);

    private Task<Stored> StoredAsync(Guid caseId) => fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId)
        .Select(c => new Stored(c.Status, c.Version, c.Steps.SaySorry.SettledAt)).SingleAsync());
}
