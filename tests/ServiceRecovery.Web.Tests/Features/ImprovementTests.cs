using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class ImprovementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Two_people_changing_one_improvements_status_at_once_never_overwrite_each_other()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var url = await ImprovementAsync(manager, "Call ahead when running late");
        var managersPage = await manager.GetPageAsync(url);
        var adminsPage = await admin.GetPageAsync(url);

        (await manager.SubmitAsync(managersPage, "#improvement-status-form", new() { ["Change.Status"] = nameof(ImprovementStatus.InProgress) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await admin.SubmitAsync(adminsPage, "#improvement-status-form", new() { ["Change.Status"] = nameof(ImprovementStatus.Done) });

        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = await WebClient.ParseAsync(stale);
        conflict.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain($"This improvement was changed by {TestWorld.ManagerName}");
        conflict.QuerySelector("[data-testid=improvement-status]")!.TextContent.ShouldContain("In progress");
        conflict.QuerySelector("#Change_Status option[selected]")!.GetAttribute("value").ShouldBe(((int)ImprovementStatus.Done).ToString(System.Globalization.CultureInfo.InvariantCulture), "the choice is kept");
        (await StatusAsync("Call ahead when running late")).ShouldBe(ImprovementStatus.InProgress);

        (await admin.SubmitAsync(conflict, "#improvement-status-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the fresh form saves");
        (await StatusAsync("Call ahead when running late")).ShouldBe(ImprovementStatus.Done);
    }

    [Fact]
    public async Task Each_status_change_is_on_the_practices_audit_trail_with_who_and_from_and_to()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var url = await ImprovementAsync(manager, "Check bills before printing");

        (await manager.SubmitAsync(url, "#improvement-status-form", new() { ["Change.Status"] = nameof(ImprovementStatus.InProgress) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.SubmitAsync(url, "#improvement-status-form", new() { ["Change.Status"] = nameof(ImprovementStatus.InProgress) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var entries = await fixture.App.WithDbAsync(db => db.Audit
            .Where(a => a.Kind == AuditKind.ImprovementChanged && a.Detail.Contains("Check bills before printing"))
            .Select(a => new { a.PracticeId, a.ActorName, a.Detail })
            .ToListAsync());
        entries.Count.ShouldBe(1, "choosing the status it already has changes nothing");
        entries[0].PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        entries[0].ActorName.ShouldBe(TestWorld.ManagerName);
        entries[0].Detail.ShouldBe("Improvement \"Check bills before printing\": Proposed → In progress");
        (await manager.GetPageAsync(url)).QuerySelector("[data-testid=improvement-status]")!.TextContent.ShouldContain($"changed by {TestWorld.ManagerName}");
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        (await admin.GetPageAsync("/audit")).QuerySelector("[data-testid=audit]")!.TextContent.ShouldContain("Proposed → In progress");
    }

    [Fact]
    public async Task Front_desk_staff_change_the_status_of_their_own_improvement_only_even_by_posting_the_form()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var frontDeskId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        var theirs = await ImprovementAsync(frontDesk, "Offer a coffee after 15 minutes", frontDeskId);
        var managers = await ImprovementAsync(manager, "Text patients when the doctor runs late");

        (await frontDesk.SubmitAsync(theirs, "#improvement-status-form", new() { ["Change.Status"] = nameof(ImprovementStatus.InProgress) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await frontDesk.GetPageAsync(managers);
        page.QuerySelector("#improvement-status-form").ShouldBeNull();
        page.QuerySelector("[data-testid=improvement-status]")!.TextContent.ShouldContain("Proposed");

        // The form the page does not offer, posted with the antiforgery token of the page's sign-out form.
        var version = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == "Text patients when the doctor runs late").Select(i => i.Version).SingleAsync());
        var forged = await frontDesk.Http.PostAsync(managers, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("#sign-out-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Change.Status"] = nameof(ImprovementStatus.Done),
            ["Change.Version"] = version.ToString(),
        }));

        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(forged)).QuerySelector("#error-summary")!.TextContent.ShouldContain("Only the improvement's owner or a practice manager can change its status.");
        (await StatusAsync("Offer a coffee after 15 minutes")).ShouldBe(ImprovementStatus.InProgress);
        (await StatusAsync("Text patients when the doctor runs late")).ShouldBe(ImprovementStatus.Proposed);
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.ImprovementChanged && a.Detail.Contains("Text patients")))).ShouldBe(0);
    }

    /// <summary>Proposes an improvement from a new case's Implement step and returns its page's address.</summary>
    private async Task<string> ImprovementAsync(WebClient client, string title, string? ownerId = null)
    {
        var page = await CasePage.OpenAsync(client, "Improvement Patient");
        await page.SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = title, ["Improvement.OwnerId"] = ownerId ?? "" });
        var id = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == title).Select(i => i.Id).SingleAsync());
        return $"/improvements/{id}";
    }

    private Task<ImprovementStatus> StatusAsync(string title) =>
        fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == title).Select(i => i.Status).SingleAsync());
}
