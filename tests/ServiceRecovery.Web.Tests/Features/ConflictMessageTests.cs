using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Every page that edits tells a user whose save lost the same way: who changed what, and what the page now shows.</summary>
public sealed class ConflictMessageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Reassigning_a_case_from_an_older_queue_names_who_changed_the_case_and_keeps_their_owner()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var page = await CasePage.OpenAsync(manager, "Queue Conflict");
        var reference = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.Reference).SingleAsync());
        var ids = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk || u.Email == TestWorld.Administrator)
            .ToDictionaryAsync(u => u.Email!, u => u.Id));
        var managersQueue = await manager.GetPageAsync($"/queue?Filter.Reference={reference}");
        var adminsQueue = await admin.GetPageAsync($"/queue?Filter.Reference={reference}");

        (await manager.SubmitAsync(managersQueue, ".owner-form", new() { ["Owner.OwnerId"] = ids[TestWorld.FrontDesk] })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await admin.SubmitAsync(adminsQueue, ".owner-form", new() { ["Owner.OwnerId"] = ids[TestWorld.Administrator] });

        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = (await WebClient.ParseAsync(stale)).QuerySelector("[data-testid=conflict]")!.TextContent;
        conflict.ShouldContain($"This case was changed by {TestWorld.ManagerName} while you were editing.");
        conflict.ShouldContain("The page now shows the latest; make your change again if it is still needed.");
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.OwnerName).SingleAsync())).ShouldBe(TestWorld.FrontDeskName);
    }

    [Fact]
    public async Task Saving_a_practice_from_an_older_form_says_who_changed_it_and_that_the_entries_are_kept()
    {
        using var first = await fixture.SignInAsync(TestWorld.Administrator);
        using var second = await fixture.SignInAsync(TestWorld.Administrator);
        var url = $"/Practices/Edit?practice={fixture.World.Harbourside.Id}";
        var firstForm = await first.GetPageAsync(url);
        var secondForm = await second.GetPageAsync(url);

        (await first.SubmitAsync(firstForm, "#practice-form", new() { ["Input.Phone"] = "02 9111 2222" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await second.SubmitAsync(secondForm, "#practice-form", new() { ["Input.Phone"] = "02 9333 4444" });

        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(stale);
        var conflict = page.QuerySelector("[data-testid=conflict]")!.TextContent;
        conflict.ShouldContain("This practice was changed by another administrator while you were editing.");
        conflict.ShouldContain("The page now shows the latest; what you typed is still in the form below. Check it and save again.");
        page.QuerySelector("#Input_Phone")!.GetAttribute("value").ShouldBe("02 9333 4444");
    }
}
