using System.Globalization;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The queue's kept counts (QueueCounts) are exactly what a recount of the case rows gives, after cases change every
/// way the app changes them, and the queue shows them.
/// </summary>
public sealed class QueueCountTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_kept_counts_equal_a_recount_after_cases_change_every_way()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept Counts Dental");
        (await KeptAsync()).ShouldBe(await RecountAsync(), "the world the fixture seeds is counted");

        // Logged through the form (a command in the transaction behaviour), and saved outside any command.
        var a = await p.IdOfAsync(await p.OpenCaseAsync(1, TimeSpan.FromHours(3)));
        var b = await p.IdOfAsync(await p.OpenCaseAsync(2, TimeSpan.FromHours(2)));
        var c = await p.IdOfAsync(await p.OpenCaseAsync(3, TimeSpan.FromHours(1)));
        var closed = await p.IdOfAsync(await p.CloseHistoricCaseAsync(TimeSpan.FromDays(3)));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        var logged = Defects.CaseIdOf(await Defects.LogAsync(frontDesk, "Kept Patient"));
        (await KeptAsync()).ShouldBe(await RecountAsync(), "after logging");

        // Steps, a gesture over the front desk's limit approved and another declined, ownership.
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
        });
        (await KeptAsync()).ShouldBe(await RecountAsync(), "after steps and gestures");

        // Withdrawn, reinstated, withdrawn again; a closed case reopened.
        await p.ChangeCaseAsync(c, (rc, now) => rc.Withdraw(p.Manager, "Logged twice.", now));
        await p.ChangeCaseAsync(c, (rc, now) => rc.Reinstate(p.Manager, "It was not a duplicate.", now));
        await p.ChangeCaseAsync(logged, (rc, now) => rc.Withdraw(p.Manager, "Wrong patient.", now));
        await p.ChangeCaseAsync(closed, (rc, now) => rc.Reopen(p.Manager, "The patient rang again.", now));
        (await KeptAsync()).ShouldBe(await RecountAsync(), "after withdraw, reinstate and reopen");

        // Two changes of one case in one save, and a save that changes no counted column.
        await p.ChangeCaseAsync(b, (rc, now) =>
        {
            rc.RecordApology(p.FrontDesk, "Front desk", ApologyMethod.Phone, now, now);
            rc.RecordFix(p.FrontDesk, "Refunded the parking.", now);
        });
        await p.ChangeCaseAsync(b, (rc, now) => rc.RecordLesson(p.Manager, "Tell patients when we run late.", now));
        (await KeptAsync()).ShouldBe(await RecountAsync(), "after the last changes");
    }

    [Fact]
    public async Task The_backfill_gives_the_counts_that_were_kept()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Backfill Counts Dental");
        var id = await p.IdOfAsync(await p.OpenCaseAsync(1, TimeSpan.FromHours(1)));
        await p.ChangeCaseAsync(id, (rc, now) => rc.RecordApology(p.FrontDesk, "Front desk", ApologyMethod.InPerson, now, now));
        var kept = await KeptAsync();

        await fixture.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(QueueCountSql.Backfill));

        (await KeptAsync()).ShouldBe(kept);
        kept.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_managers_queue_shows_the_kept_counts_and_a_stage_filter_counts_the_rows()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Queue Counts Dental");
        await p.OpenCaseAsync(1, TimeSpan.FromHours(2));
        await p.OpenCaseAsync(1, TimeSpan.FromHours(1));
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        var queue = $"/queue?Filter.PracticeId={p.Id}";
        Total(await manager.GetPageAsync(queue)).ShouldBe("2");

        // Cells the rows do not have: only a page that reads the kept counts shows them.
        await AddToKeptAsync(p.Id, 40);
        try
        {
            Total(await manager.GetPageAsync(queue)).ShouldBe("42");

            var stage = await p.WithDbAsync(db => db.Stages.Where(s => s.PracticeId == p.Id && s.Position == 1).Select(s => s.Id).SingleAsync());
            Total(await manager.GetPageAsync($"{queue}&Filter.StageId={stage}")).ShouldBe("2", "a stage filter is counted from the case rows");

            using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
            Total(await frontDesk.GetPageAsync(queue)).ShouldBe("2", "a front desk's work list is counted from the case rows");
        }
        finally
        {
            await AddToKeptAsync(p.Id, -40);
        }
    }

    [Fact]
    public async Task Every_case_is_listed_once_across_the_pages_in_the_queue_order()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Queue Pages Dental");
        for (var i = 0; i < 20; i++)
        {
            await p.OpenCaseAsync(1 + (i % 3), TimeSpan.FromHours(1 + (i * 7 % 20)));
        }

        for (var i = 0; i < 12; i++)
        {
            await p.CloseHistoricCaseAsync(TimeSpan.FromDays(2 + i));
        }

        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        var listed = new List<string?>();
        foreach (var page in new[] { 1, 2 })
        {
            var queue = await manager.GetPageAsync($"/queue?Filter.Status=&Filter.PracticeId={p.Id}&Filter.Page={page}");
            listed.AddRange(queue.QuerySelectorAll("[data-testid=queue] tbody tr").Select(tr => tr.GetAttribute("data-case")));
        }

        var expected = await p.WithDbAsync(db => Web.Features.Queue.CaseQueue.Ordered(db.Cases.Where(c => c.PracticeId == p.Id))
            .Select(c => c.Reference).ToListAsync());
        listed.Count.ShouldBe(32);
        listed.ShouldBe(expected.Cast<string?>().ToList(), "cases with a due time by due time, then the settled ones newest first, page after page");
    }

    private Task<int> AddToKeptAsync(Guid practiceId, int count) => fixture.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        QueueCountSql.Increment(ServiceRecovery.Data.DatabaseProvider.Sqlite), [practiceId, (int)CaseStatus.Open, (int)ServiceStep.SaySorry, (int)Severity.Major, count]));

    private static string Total(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("[data-testid=queue-counts] .badge")!.TextContent.Trim().Split(' ')[0];

    private Task<List<string>> KeptAsync() => fixture.App.WithDbAsync(async db =>
        (await db.QueueCounts.IgnoreQueryFilters().AsNoTracking().Where(q => q.Count != 0).ToListAsync())
            .Select(q => Cell(q.PracticeId, (int)q.Status, q.Step, (int)q.Severity, q.Count)).Order().ToList());

    private Task<List<string>> RecountAsync() => fixture.App.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = QueueCountSql.Recount;
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<string>();
        while (await reader.ReadAsync())
        {
            cells.Add(Cell(Guid.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return cells.Order().ToList();
    });

    private static string Cell(Guid practice, int status, int step, int severity, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{practice} status {status} step {step} severity {severity}: {count}");
}
