using System.Globalization;
using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Reports;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The report's kept months (ReportMonths, ReportTallies) are exactly what a recount of the case rows gives, after cases
/// change every way the app changes them; a report reads a month from them only while no change has come since.
/// </summary>
public sealed class ReportMonthTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_kept_months_equal_a_recount_after_cases_change_every_way()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept Months Dental");
        var improvement = await p.WithDbAsync(async db =>
        {
            var proposed = Improvement.Propose(p.Id, "Text patients when we run late", null, null, null, null, HuddlePractice.Locale, DateTimeOffset.UtcNow);
            db.Improvements.Add(proposed);
            await db.SaveChangesAsync();
            return proposed;
        });

        // Cases of three past months and of this month, at different stages and categories, some closed with every step.
        var a = await p.IdOfAsync(await p.OpenCaseAsync(1, TimeSpan.FromDays(40)));
        var b = await p.IdOfAsync(await p.OpenCaseAsync(2, TimeSpan.FromDays(41), categoryPosition: 2));
        var c = await p.IdOfAsync(await p.OpenCaseAsync(3, TimeSpan.FromDays(75)));
        var closed = await p.IdOfAsync(await p.CloseHistoricCaseAsync(TimeSpan.FromDays(100)));
        await p.CloseHistoricCaseAsync(TimeSpan.FromDays(101));
        await p.OpenCaseAsync(1, TimeSpan.FromHours(2));
        var pmsId = $"PMS-KEPT-{Guid.NewGuid():N}";
        await p.OpenCaseAsync(1, TimeSpan.FromDays(33), patientPmsId: pmsId);
        await KeepAllAsync();
        (await KeptAsync(p)).ShouldBe(await RecountAsync(p), "the months as first counted");

        // Steps, a gesture over the front desk's limit approved and another declined, a link to an improvement, a
        // follow-up, a return (what an attended visit from the practice-management system records), ownership.
        await p.ChangeCaseAsync(a, (rc, now) =>
        {
            rc.RecordApology(p.FrontDesk, "Front desk", ApologyMethod.InPerson, now, now);
            rc.RecordFix(p.FrontDesk, "Rebooked.", now);
            var approved = rc.GiveGesture(p.FrontDesk, GestureKind.Discount, 500m, null, GestureLimits.Default, now);
            rc.ApproveGesture(approved.Id, p.Manager, now);
            rc.AssignOwner(p.Manager.UserId, p.Manager.Name, p.Manager, now);
        });
        await p.ChangeCaseAsync(b, (rc, now) =>
        {
            var declined = rc.GiveGesture(p.FrontDesk, GestureKind.Discount, 400m, null, GestureLimits.Default, now);
            rc.DeclineGesture(declined.Id, p.Manager, "Too much for a short wait.", now);
            rc.LinkImprovement(improvement, p.Manager, now);
        });
        await p.ChangeCaseAsync(c, (rc, now) =>
        {
            rc.LinkImprovement(improvement, p.Manager, now);
            rc.PlanFollowUp(p.Manager, HuddlePractice.Locale.DateAt(now).AddDays(3), FollowUpMethod.Call, HuddlePractice.Locale, now);
            rc.RecordReturn(p.Manager, HuddlePractice.Locale.DateAt(rc.DefectOccurredAt).AddDays(20), "Check-up", HuddlePractice.Locale, now);
        });
        (await MarkedAsync(p)).ShouldNotBeEmpty("the changed cases' months are marked");
        await KeepAllAsync();
        (await KeptAsync(p)).ShouldBe(await RecountAsync(p), "after steps, gestures, links and returns");

        // Withdrawn, reinstated, withdrawn again; a closed case reopened.
        await p.ChangeCaseAsync(c, (rc, now) => rc.Withdraw(p.Manager, "Logged twice.", now));
        await p.ChangeCaseAsync(c, (rc, now) => rc.Reinstate(p.Manager, "It was not a duplicate.", now));
        await p.ChangeCaseAsync(a, (rc, now) => rc.Withdraw(p.Manager, "Wrong patient.", now));
        await p.ChangeCaseAsync(closed, (rc, now) => rc.Reopen(p.Manager, "The patient rang again.", now));
        await KeepAllAsync();
        (await KeptAsync(p)).ShouldBe(await RecountAsync(p), "after withdraw, reinstate and reopen");

        // An attended visit from the practice-management system, through the API (a CSV import sends the same command):
        // the import records the case's return, no person does.
        using (var manager = await fixture.SignInAsync(p.ManagerEmail))
        {
            var key = await ApiKeys.CreateAsync(manager, p.Id, "Kept months bridge", ApiScopes.AppointmentsWrite);
            using var pms = fixture.Anonymous();
            var visit = DateTimeOffset.UtcNow.AddDays(-20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var response = await pms.Http.SendAsync(ApiKeys.Post("/api/v1/appointments", key,
                $$"""{"appointments":[{"appointmentId":"APT-KEPT-1","pmsPatientId":"{{pmsId}}","start":"{{visit}}","status":"attended"}]}"""));
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            body.ShouldContain("\"returnsRecorded\":1");
        }

        (await MarkedAsync(p)).ShouldNotBeEmpty("the imported return marks its case's month");
        await KeepAllAsync();
        (await KeptAsync(p)).ShouldBe(await RecountAsync(p), "after an appointment import recorded a return");

        // The practice moves to another time zone: every month's boundaries move, so every month is counted again.
        await p.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(x => x.Id == p.Id);
            practice.ChangeLocale("Pacific/Auckland", practice.Culture, practice.Currency);
            return await db.SaveChangesAsync();
        });
        (await MarkedAsync(p)).Count.ShouldBe(await p.WithDbAsync(db => db.ReportMonths.IgnoreQueryFilters().CountAsync(m => m.PracticeId == p.Id)));
        await KeepAllAsync();
        (await KeptAsync(p)).ShouldBe(await RecountAsync(p), "after a change of time zone");
    }

    [Fact]
    public async Task A_report_reads_a_kept_month_only_while_nothing_changed_since()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept Report Dental");
        var id = await p.IdOfAsync(await p.OpenCaseAsync(1, TimeSpan.FromDays(45)));
        await KeepAllAsync();
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        var url = $"/reports?practice={p.Id}";
        Total(await manager.GetPageAsync(url)).ShouldBe("1");

        // A number the rows do not have, planted in the kept month: only a report that reads the kept month shows it.
        var month = await p.WithDbAsync(db => db.ReportTallies.IgnoreQueryFilters()
            .Where(t => t.PracticeId == p.Id && t.Figure == ReportFigure.Stage).Select(t => t.Month).SingleAsync());
        await p.WithDbAsync(db => db.ReportTallies.IgnoreQueryFilters()
            .Where(t => t.PracticeId == p.Id && t.Figure == ReportFigure.Stage)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, 41)));
        fixture.App.Services.GetRequiredService<ReportCache>().Invalidate(p.Id);
        Total(await manager.GetPageAsync(url)).ShouldBe("41", "a whole month kept and unchanged is read from its tallies");

        // A change of a case of that month marks it in the same save: the report reads the month from the rows at once,
        // before the keeper has counted it again.
        await p.ChangeCaseAsync(id, (rc, now) => rc.RecordApology(p.FrontDesk, "Front desk", ApologyMethod.Phone, now, now));
        (await MarkedAsync(p)).ShouldContain(month);
        var fresh = await manager.GetPageAsync(url);
        Total(fresh).ShouldBe("1", "a marked month is read from the case rows");
        fresh.QuerySelector("[data-testid=table-apology] tfoot tr")!.Children[1].TextContent.Trim().ShouldBe("1");

        await KeepAllAsync();
        (await MarkedAsync(p)).ShouldBeEmpty();
        Total(await manager.GetPageAsync(url)).ShouldBe("1", "counted again from the rows");
    }

    [Fact]
    public async Task The_keeper_counts_a_database_that_had_cases_before_months_were_kept()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept Backfill Dental");
        await p.CloseHistoricCaseAsync(TimeSpan.FromDays(70));
        await p.OpenCaseAsync(2, TimeSpan.FromDays(130));
        await KeepAllAsync();
        var kept = await KeptAsync(p);

        // As a database from before the kept months: no month, no tally. A new keeper (a new start) counts them all.
        await p.WithDbAsync(async db =>
        {
            await db.ReportTallies.IgnoreQueryFilters().Where(t => t.PracticeId == p.Id).ExecuteDeleteAsync();
            return await db.ReportMonths.IgnoreQueryFilters().Where(m => m.PracticeId == p.Id).ExecuteDeleteAsync();
        });
        var keeper = ActivatorUtilities.CreateInstance<ReportMonthKeeper>(fixture.App.Services);
        while (await keeper.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        (await KeptAsync(p)).ShouldBe(kept);
        kept.Count(row => row.StartsWith("Stage", StringComparison.Ordinal)).ShouldBe(2, "two months with a defect each");
    }

    private Task KeepAllAsync() => KeptReportMonths.KeepAllAsync(fixture.App);

    private Task<List<DateOnly>> MarkedAsync(HuddlePractice p) => KeptReportMonths.MarkedAsync(fixture.App, p.Id);

    private Task<List<string>> KeptAsync(HuddlePractice p) => KeptReportMonths.KeptAsync(fixture.App, p.Id);

    private Task<List<string>> RecountAsync(HuddlePractice p) => KeptReportMonths.RecountAsync(fixture.App, p.Id);

    private static string Total(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=table-stages] tfoot tr")!.Children[1].TextContent.Trim();
}
