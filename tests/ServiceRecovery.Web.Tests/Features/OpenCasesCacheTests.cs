using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The home page's open cases and counts are kept per practice for a few seconds; a committed change is on the next page
/// at once, a case falls overdue on the page the moment it is due, and a practice's cases are never shown to another's staff.
/// </summary>
public sealed class OpenCasesCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_case_opened_after_the_home_page_was_read_is_on_the_next_home_page()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept Cases Dental");
        await p.OpenCaseAsync(2, TimeSpan.FromHours(2), patientName: "Earlier Patient");
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        (await frontDesk.GetPageAsync("/")).QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("1 open");

        var reference = await p.OpenCaseAsync(2, TimeSpan.FromMinutes(5), patientName: "Newer Patient");

        var home = await frontDesk.GetPageAsync("/");
        home.QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("2 open", customMessage: "the kept cases are dropped by the new case");
        home.QuerySelector("table")!.TextContent.ShouldContain(reference);
        home.QuerySelector("table")!.TextContent.ShouldContain("Newer Patient");
    }

    [Fact]
    public async Task A_case_falls_overdue_on_the_home_page_the_moment_it_is_due_while_its_practices_cases_are_kept()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Due Soon Dental");
        var reference = await p.OpenCaseAsync(2, TimeSpan.FromMinutes(1), patientName: "Due Patient");
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        var due = DateTimeOffset.UtcNow.AddSeconds(5);
        // Written past the app, as the clock moves past a due time: nothing is saved, so nothing drops what is kept.
        await p.WithDbAsync(db => db.Cases.Where(c => c.PracticeId == p.Id && c.Reference == reference)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextDueAt, due)));
        (await frontDesk.GetPageAsync("/")).QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("0 overdue");
        DateTimeOffset.UtcNow.ShouldBeLessThan(due, "the first page must be read before the case is due");

        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        var home = await frontDesk.GetPageAsync("/");
        home.QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("1 overdue", customMessage: "a kept count is not used past the soonest due time");
        home.QuerySelector("table .badge.text-bg-danger")!.TextContent.ShouldBe("Overdue");
    }

    [Fact]
    public async Task Another_practices_front_desk_never_sees_this_practices_open_cases_even_while_they_are_kept()
    {
        var ours = await HuddlePractice.CreateAsync(fixture, "Our Cases Dental");
        var theirs = await HuddlePractice.CreateAsync(fixture, "Their Cases Dental");
        await ours.OpenCaseAsync(2, TimeSpan.FromHours(1), patientName: "Oscar Ours");
        await theirs.OpenCaseAsync(2, TimeSpan.FromHours(1), patientName: "Tina Theirs");
        using var ourDesk = await fixture.SignInAsync(ours.FrontDeskEmail);
        using var theirDesk = await fixture.SignInAsync(theirs.FrontDeskEmail);

        var ourPage = await ourDesk.GetPageAsync("/");
        var theirPage = await theirDesk.GetPageAsync("/");

        ourPage.QuerySelector("table")!.TextContent.ShouldContain("Oscar Ours");
        theirPage.QuerySelector("table")!.TextContent.ShouldContain("Tina Theirs");
        theirPage.Body!.TextContent.ShouldNotContain("Oscar Ours", customMessage: "each practice's cases are kept under its own key");
        theirPage.QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("1 open");
    }
}
