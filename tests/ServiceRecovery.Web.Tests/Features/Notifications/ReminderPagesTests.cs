using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>The reminder settings of a practice and each person's email preferences, as users change them.</summary>
public sealed class ReminderPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_chooses_the_digest_hour_and_who_gets_what_and_the_change_is_audited()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var url = $"/settings?practice={fixture.World.Harbourside.Id}";
        var page = await manager.GetPageAsync(url);
        page.QuerySelector("#Reminders_DigestHour option[selected]")!.TextContent.ShouldBe("7:00 am");

        var response = await manager.SubmitAsync(page, "#reminders-form", new()
        {
            ["Reminders.DigestHour"] = "6",
            ["Reminders.OwnersGetDigest"] = "false",
            ["Reminders.ManagersGetDigest"] = "true",
            ["Reminders.EscalateOverdueApology"] = "false",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reminders = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => p.Reminders).SingleAsync());
        (reminders.DigestHour, reminders.OwnersGetDigest, reminders.ManagersGetDigest, reminders.EscalateOverdueApology).ShouldBe((6, false, true, false));
        (await fixture.App.WithDbAsync(db => db.Audit.AnyAsync(a => a.Kind == AuditKind.SettingsChanged && a.Detail.Contains("digest at 06:00, owners off")))).ShouldBeTrue();
        (await manager.GetPageAsync(url)).QuerySelector("#Reminders_EscalateOverdueApology")!.HasAttribute("checked").ShouldBeFalse();
    }

    [Theory]
    [InlineData("24")]
    [InlineData("-1")]
    [InlineData("seven")]
    [InlineData("")]
    public async Task A_bad_digest_hour_gets_a_message_and_changes_nothing(string hour)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var url = $"/settings?practice={fixture.World.Other.Id}";
        var before = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Other.Id).Select(p => p.Version).SingleAsync());
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var page = await admin.GetPageAsync(url);

        var response = await admin.SubmitAsync(page, "#reminders-form", new() { ["Reminders.DigestHour"] = hour });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await WebClient.ParseAsync(response);
        shown.QuerySelector("#error-summary")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        (await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Other.Id).Select(p => p.Version).SingleAsync())).ShouldBe(before);
        (await manager.Http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the manager of Harbourside has no say over another practice");
    }

    [Fact]
    public async Task Anyone_can_stop_and_restart_their_own_daily_digest()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await frontDesk.GetPageAsync("/Account/Email");
        page.QuerySelector("[data-testid=email-address]")!.TextContent.ShouldBe(TestWorld.FrontDesk);
        page.QuerySelector("#WantsDigest")!.HasAttribute("checked").ShouldBeTrue();

        var response = await frontDesk.SubmitAsync(page, "#email-preferences-form", new() { ["WantsDigest"] = "false" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await OptedOutAsync(TestWorld.FrontDesk)).ShouldBeTrue();
        (await OptedOutAsync(TestWorld.Manager)).ShouldBeFalse("only their own preference changes");
        var after = await frontDesk.GetPageAsync("/Account/Email");
        after.QuerySelector("#flash")!.TextContent.ShouldContain("no longer get the daily digest");
        after.QuerySelector("#WantsDigest")!.HasAttribute("checked").ShouldBeFalse();

        await frontDesk.SubmitAsync(after, "#email-preferences-form", new() { ["WantsDigest"] = "true" });
        (await OptedOutAsync(TestWorld.FrontDesk)).ShouldBeFalse();
    }

    private Task<bool> OptedOutAsync(string email) =>
        fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.NonEssentialMailOptOut).SingleAsync());
}
