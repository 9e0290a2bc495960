using System.Globalization;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The reports keep a practice's figures for a minute; every committed change of the practice still shows at once.</summary>
public sealed class ReportCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_report_read_again_shows_every_committed_change_at_once()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Report Cache Dental");
        var reference = await p.OpenCaseAsync(1, TimeSpan.FromMinutes(40));
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"/reports?from={HuddlePractice.Today.AddDays(-30):yyyy-MM-dd}&to={HuddlePractice.Today:yyyy-MM-dd}&practice={p.Id}");

        var first = await manager.GetPageAsync(url);
        Total(first).ShouldBe("1");
        Recovered(first).ShouldBe("0");
        Total(await manager.GetPageAsync(url)).ShouldBe("1");

        // A command from the case page, saved and committed inside the transaction behaviour.
        var caseId = await p.WithDbAsync(db => db.Cases.Where(c => c.PracticeId == p.Id && c.Reference == reference).Select(c => c.Id).SingleAsync());
        await new CasePage(manager, $"/cases/{caseId}").SubmitAsync("#follow-up-form", new()
        {
            ["FollowUp.PlannedFor"] = HuddlePractice.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["FollowUp.Method"] = "Call",
        });
        Recovered(await manager.GetPageAsync(url)).ShouldBe("1");

        // A save outside any command.
        await p.OpenCaseAsync(2, TimeSpan.FromMinutes(20));
        var last = await manager.GetPageAsync(url);
        Total(last).ShouldBe("2");
        Recovered(last).ShouldBe("1");
    }

    private static string Total(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=table-stages] tfoot tr")!.Children[1].TextContent.Trim();

    /// <summary>How many cases had a gesture given or a follow-up planned.</summary>
    private static string Recovered(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=table-recovery] tbody tr")!.Children[1].TextContent.Trim();
}
