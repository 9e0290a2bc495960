using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Four eyes on money: the giver never approves their own gesture, and no one raises their own limit.</summary>
public sealed class FourEyesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string SettingsUrl => $"/settings?practice={fixture.World.Harbourside.Id}";

    [Fact]
    public async Task A_manager_cannot_approve_their_own_gesture_above_the_manager_limit_and_another_can()
    {
        await SetLimitsAsync(new GestureLimits(100m, 500m, null));
        try
        {
            using var manager = await fixture.SignInAsync(TestWorld.Manager);
            using var admin = await fixture.SignInAsync(TestWorld.Administrator);
            var page = await CasePage.OpenAsync(manager, "Quinn Generous");
            await page.SubmitAsync("#gesture-form", new() { ["Gesture.Kind"] = nameof(GestureKind.Refund), ["Gesture.Amount"] = "800" });
            var gestureId = await fixture.App.WithDbAsync(db => db.Set<Gesture>().Where(g => g.CaseId == page.CaseId).Select(g => g.Id).SingleAsync());
            (await GestureStateAsync(gestureId)).ShouldBe(GestureState.PendingApproval, "above the manager limit it waits, even for a manager");

            var own = await page.LoadAsync();
            own.QuerySelector(".decision-form").ShouldBeNull();
            own.QuerySelector("[data-testid=own-gesture]")!.TextContent.ShouldBe("Given by you; another manager must decide.");
            var approvals = await manager.GetPageAsync("/approvals");
            var row = approvals.QuerySelectorAll("[data-testid=approvals] tbody tr").Single(r => r.TextContent.Contains(Reference(own)));
            row.QuerySelector("form").ShouldBeNull();
            row.QuerySelector("[data-testid=own-gesture]")!.TextContent.ShouldBe("Given by you; another manager must decide.");

            // A hand-made post with the page's own token and version is refused by the rule itself.
            var forged = await PostDecisionAsync(manager, page, gestureId);
            forged.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await WebClient.ParseAsync(forged)).QuerySelector("#error-summary")!.TextContent.ShouldContain("You gave this gesture; another manager must decide.");
            (await GestureStateAsync(gestureId)).ShouldBe(GestureState.PendingApproval);

            var asAdmin = await admin.GetPageAsync(page.Url);
            (await admin.SubmitAsync(asAdmin, ".decision-form", new() { ["Decision.Approve"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await GestureStateAsync(gestureId)).ShouldBe(GestureState.Given);
        }
        finally
        {
            await SetLimitsAsync(GestureLimits.Default);
        }
    }

    [Fact]
    public async Task A_manager_sees_the_manager_limit_as_read_only_and_cannot_raise_it()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var settings = await manager.GetPageAsync(SettingsUrl);
        settings.QuerySelector("input[type=text][name='Limits.PracticeManager']").ShouldBeNull();
        settings.QuerySelector("input[type=text][name='Limits.Administrator']").ShouldBeNull();
        settings.QuerySelector("[data-testid=limit-PracticeManager]")!.TextContent.ShouldBe("No limit");
        settings.QuerySelector("#limits-form")!.TextContent.ShouldContain("Only an administrator changes this limit: no one sets their own.");

        var response = await manager.SubmitAsync(settings, "#limits-form", new() { ["Limits.PracticeManager"] = "5000" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent
            .ShouldContain("You cannot change the practice manager limit. Only an administrator changes this limit");
        (await StoredLimitsAsync()).PracticeManager.ShouldBeNull();
    }

    [Fact]
    public async Task A_manager_changes_the_front_desk_limit_and_the_audit_trail_has_old_and_new_values()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        try
        {
            var response = await manager.SubmitAsync(SettingsUrl, "#limits-form", new() { ["Limits.FrontDesk"] = "150" });

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await StoredLimitsAsync()).FrontDesk.ShouldBe(150m);
            var audit = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.SettingsChanged && a.PracticeId == fixture.World.Harbourside.Id)
                .OrderByDescending(a => a.At).Select(a => a.Detail).FirstAsync());
            audit.ShouldContain("gesture limits changed: front desk 100.00 → 150.00");
        }
        finally
        {
            await SetLimitsAsync(GestureLimits.Default);
        }
    }

    [Fact]
    public async Task An_administrator_changes_the_manager_limit()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        try
        {
            var settings = await admin.GetPageAsync(SettingsUrl);
            settings.QuerySelector("input[type=text][name='Limits.PracticeManager']").ShouldNotBeNull();

            (await admin.SubmitAsync(settings, "#limits-form", new() { ["Limits.PracticeManager"] = "2000" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

            (await StoredLimitsAsync()).PracticeManager.ShouldBe(2000m);
        }
        finally
        {
            await SetLimitsAsync(GestureLimits.Default);
        }
    }

    private static string Reference(AngleSharp.Html.Dom.IHtmlDocument casePage) => casePage.QuerySelector("[data-testid=case-reference]")!.TextContent.Trim();

    /// <summary>A decision posted by hand: the case page's token and version, with the gesture the page offers no form for.</summary>
    private static async Task<HttpResponseMessage> PostDecisionAsync(WebClient client, CasePage page, Guid gestureId)
    {
        var loaded = await page.LoadAsync();
        return await client.Http.PostAsync($"{page.Url}?handler=Decision", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = loaded.QuerySelector("#gesture-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = loaded.QuerySelector("#gesture-form input[name=Version]")!.GetAttribute("value")!,
            ["Decision.GestureId"] = gestureId.ToString(),
            ["Decision.Approve"] = "true",
        }));
    }

    private Task<GestureState> GestureStateAsync(Guid gestureId) =>
        fixture.App.WithDbAsync(db => db.Set<Gesture>().Where(g => g.Id == gestureId).Select(g => g.State).SingleAsync());

    private Task<GestureLimits> StoredLimitsAsync() =>
        fixture.App.WithDbAsync(db => db.Practices.AsNoTracking().Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => p.GestureLimits).SingleAsync());

    private Task<int> SetLimitsAsync(GestureLimits limits) => fixture.App.WithDbAsync(async db =>
    {
        var practice = await db.Practices.SingleAsync(p => p.Id == fixture.World.Harbourside.Id);
        practice.ChangeGestureLimits(limits, new Actor("test-setup", "Test setup", StaffRole.Administrator));
        return await db.SaveChangesAsync();
    });
}
