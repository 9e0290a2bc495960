using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>Which reminder email is queued, to whom, and when — on a fake clock, in the practice's own time zone.</summary>
public sealed class ReminderTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    // Monday 2 November 2026, 12:00 in Sydney (AEDT, UTC+11): after the default digest hour, so a digest may be planned too.
    private static readonly DateTimeOffset Midday = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Say_sorry_overdue_emails_the_owner_and_the_managers_at_once_and_only_once()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        var recoveryCase = await test.OpenCaseAsync(TestWorld.FrontDesk);
        var version = recoveryCase.Version;

        test.Clock.Advance(TimeSpan.FromMinutes(59));
        (await test.PlanAsync()).Escalations.ShouldBe(0, "Say sorry is due an hour after the case was logged");

        test.Clock.Advance(TimeSpan.FromMinutes(2));
        (await test.PlanAsync()).Escalations.ShouldBe(1);
        (await test.PlanAsync()).Escalations.ShouldBe(0, "an escalation is sent once");
        test.Clock.Advance(TimeSpan.FromHours(3));
        (await test.PlanAsync()).Escalations.ShouldBe(0, "an escalation is sent once");

        var escalations = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Escalation).ToList();
        escalations.Select(m => m.RecipientAddress).Order().ShouldBe([TestWorld.Administrator, TestWorld.FrontDesk, TestWorld.Manager]);
        foreach (var email in escalations)
        {
            email.Subject.ShouldBe($"Overdue apology: {recoveryCase.Reference} at Harbourside Dental");
            email.TextBody.ShouldContain($"http://localhost:5080/cases/{recoveryCase.Id}");
            email.TextBody.ShouldContain("is overdue by 1 min.");
            email.HtmlBody.ShouldContain($"href=\"http://localhost:5080/cases/{recoveryCase.Id}\"");
            NoPatientDetailsIn(email);
        }

        var (timeline, storedVersion) = await test.WithDbAsync(async db => (
            await db.Timeline.Where(t => t.CaseId == recoveryCase.Id && t.Kind == TimelineEventKind.ApologyEscalated).ToListAsync(),
            await db.Cases.Where(c => c.Id == recoveryCase.Id).Select(c => c.Version).SingleAsync()));
        timeline.ShouldHaveSingleItem().Detail.ShouldContain(TestWorld.FrontDeskName);
        timeline[0].Detail.ShouldContain(TestWorld.ManagerName);
        storedVersion.ShouldBe(version, "escalating leaves the case as it was, so no one's open form goes stale");
    }

    [Fact]
    public async Task Say_sorry_only_requested_to_be_skipped_still_escalates_when_overdue()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        var frontDesk = await test.ActorAsync(TestWorld.FrontDesk);
        var recoveryCase = await test.OpenCaseAsync(TestWorld.FrontDesk, work: (c, at) =>
            c.RequestSkip(ServiceStep.SaySorry, frontDesk, "The patient left before we could apologise", at.AddMinutes(5)));

        test.Clock.Advance(TimeSpan.FromMinutes(61));
        (await test.PlanAsync()).Escalations.ShouldBe(1, "a request is not a skip: until a manager approves it, Say sorry is still due");

        (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Escalation).Select(m => m.RecipientAddress).Order()
            .ShouldBe([TestWorld.Administrator, TestWorld.FrontDesk, TestWorld.Manager]);
        (await test.WithDbAsync(db => db.Set<CaseRequest>().Where(r => r.CaseId == recoveryCase.Id).Select(r => r.State).SingleAsync()))
            .ShouldBe(CaseRequestState.Pending);
    }

    [Fact]
    public async Task No_escalation_when_the_apology_came_in_time_when_escalation_is_off_or_when_it_is_long_overdue()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        var apologised = await test.OpenCaseAsync(TestWorld.FrontDesk, work: (c, at) =>
            c.RecordApology(new Actor("x", "Mia Chen", StaffRole.FrontDesk), "Front desk", ApologyMethod.InPerson, at.AddMinutes(20), at.AddMinutes(20)));
        var longOverdue = await test.OpenCaseAsync(TestWorld.FrontDesk, age: TimeSpan.FromHours(30));
        await test.WithDbAsync(async db =>
        {
            var other = await db.Practices.SingleAsync(p => p.Id == test.World.Other.Id);
            other.ChangeReminders(new ReminderSettings(7, ownersGetDigest: true, managersGetDigest: true, escalateOverdueApology: false));
            return await db.SaveChangesAsync();
        });
        var inPracticeWithoutEscalation = await test.OpenCaseAsync(TestWorld.Administrator, practiceId: test.World.Other.Id);

        test.Clock.Advance(TimeSpan.FromHours(2));
        (await test.PlanAsync()).Escalations.ShouldBe(0);

        var escalated = await test.WithDbAsync(db => db.Timeline.Where(t => t.Kind == TimelineEventKind.ApologyEscalated).Select(t => t.CaseId).ToListAsync());
        escalated.ShouldNotContain(apologised.Id);
        escalated.ShouldNotContain(longOverdue.Id, "an apology overdue for more than a day when first noticed is the digest's business");
        escalated.ShouldNotContain(inPracticeWithoutEscalation.Id);
    }

    [Fact]
    public async Task The_digest_goes_out_once_a_day_at_the_practice_hour_across_the_daylight_saving_change()
    {
        // Sydney moves from AEST (UTC+10) to AEDT (UTC+11) at 2 a.m. on Sunday 4 October 2026; Perth has no daylight saving.
        await using var test = await EmailTestApp.StartAsync(new DateTimeOffset(2026, 10, 1, 18, 0, 0, TimeSpan.Zero));
        await test.OpenCaseAsync(TestWorld.FrontDesk);

        await test.PlanEveryAsync(TimeSpan.FromMinutes(15), new DateTimeOffset(2026, 10, 5, 22, 0, 0, TimeSpan.Zero));

        var runs = await test.WithDbAsync(db => db.DigestRuns.AsNoTracking().ToListAsync());
        var harbourside = runs.Where(r => r.PracticeId == test.World.Harbourside.Id).OrderBy(r => r.LocalDate).ToList();
        harbourside.Select(r => (r.LocalDate, r.RanAt)).ShouldBe([
            (new DateOnly(2026, 10, 2), new DateTimeOffset(2026, 10, 1, 21, 0, 0, TimeSpan.Zero)),
            (new DateOnly(2026, 10, 3), new DateTimeOffset(2026, 10, 2, 21, 0, 0, TimeSpan.Zero)),
            (new DateOnly(2026, 10, 4), new DateTimeOffset(2026, 10, 3, 20, 0, 0, TimeSpan.Zero)),
            (new DateOnly(2026, 10, 5), new DateTimeOffset(2026, 10, 4, 20, 0, 0, TimeSpan.Zero)),
            (new DateOnly(2026, 10, 6), new DateTimeOffset(2026, 10, 5, 20, 0, 0, TimeSpan.Zero)),
        ]);
        harbourside.ShouldAllBe(r => TimeZoneInfo.ConvertTime(r.RanAt, Sydney).Hour == 7 && TimeZoneInfo.ConvertTime(r.RanAt, Sydney).Minute == 0);

        var perth = runs.Where(r => r.PracticeId == test.World.Other.Id).OrderBy(r => r.LocalDate).ToList();
        perth.Select(r => r.RanAt.UtcDateTime.Hour).Distinct().ShouldBe([23], "Perth's 7 a.m. is 23:00 UTC all year");
        perth.Select(r => r.LocalDate.Day).ShouldBe([2, 3, 4, 5]);

        var digests = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Digest && m.RecipientAddress == TestWorld.FrontDesk).ToList();
        digests.Count.ShouldBe(5, "one digest a day for the owner of an open case");
        digests.Select(d => d.DedupKey).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task A_digest_hour_the_clocks_skip_is_sent_at_the_next_hour_and_a_repeated_hour_sends_once()
    {
        // Spring forward: 2 a.m. on 4 October 2026 does not exist in Sydney (02:00 AEST is 03:00 AEDT).
        await using (var spring = await EmailTestApp.StartAsync(new DateTimeOffset(2026, 10, 3, 12, 0, 0, TimeSpan.Zero)))
        {
            await SetDigestHourAsync(spring, 2);
            await spring.PlanEveryAsync(TimeSpan.FromMinutes(15), new DateTimeOffset(2026, 10, 4, 0, 0, 0, TimeSpan.Zero));
            var run = await spring.WithDbAsync(db => db.DigestRuns.SingleAsync(r => r.PracticeId == spring.World.Harbourside.Id && r.LocalDate == new DateOnly(2026, 10, 4)));
            run.RanAt.ShouldBe(new DateTimeOffset(2026, 10, 3, 16, 0, 0, TimeSpan.Zero), "03:00 AEDT, the first moment at or after the digest hour");
        }

        // Fall back: 2 a.m. on 5 April 2026 happens twice in Sydney (at 15:00 and 16:00 UTC).
        await using var autumn = await EmailTestApp.StartAsync(new DateTimeOffset(2026, 4, 4, 12, 0, 0, TimeSpan.Zero));
        await SetDigestHourAsync(autumn, 2);
        await autumn.PlanEveryAsync(TimeSpan.FromMinutes(15), new DateTimeOffset(2026, 4, 4, 20, 0, 0, TimeSpan.Zero));
        var runs = await autumn.WithDbAsync(db => db.DigestRuns.Where(r => r.PracticeId == autumn.World.Harbourside.Id && r.LocalDate == new DateOnly(2026, 4, 5)).ToListAsync());
        runs.ShouldHaveSingleItem().RanAt.ShouldBe(new DateTimeOffset(2026, 4, 4, 15, 0, 0, TimeSpan.Zero), "the first 2 a.m.");
    }

    [Fact]
    public async Task Owners_get_their_own_steps_managers_the_practice_overview_and_opted_out_people_nothing()
    {
        // 06:50 in Sydney on Tuesday 3 November 2026.
        var start = new DateTimeOffset(2026, 11, 2, 19, 50, 0, TimeSpan.Zero);
        await using var test = await EmailTestApp.StartAsync(start);
        var frontDesk = await test.ActorAsync(TestWorld.FrontDesk);
        var overdue = await test.OpenCaseAsync(TestWorld.FrontDesk, age: TimeSpan.FromDays(3), work: (c, at) =>
            c.GiveGesture(frontDesk, GestureKind.Refund, 250m, null, GestureLimits.Default, at.AddMinutes(30)));
        var dueToday = await test.OpenCaseAsync(TestWorld.FrontDesk, age: TimeSpan.FromMinutes(20));
        var managers = await test.OpenCaseAsync(TestWorld.Manager, age: TimeSpan.FromDays(2));
        await test.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == TestWorld.Administrator)).NonEssentialMailOptOut = true;
            return await db.SaveChangesAsync();
        });

        (await test.PlanAsync()).Digests.ShouldBe(0, "before 7 a.m.");
        test.Clock.Advance(TimeSpan.FromMinutes(10));
        (await test.PlanAsync()).Digests.ShouldBe(2);

        var digests = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Digest && m.PracticeId == test.World.Harbourside.Id).ToList();
        digests.Select(d => d.RecipientAddress).Order().ShouldBe(new[] { TestWorld.FrontDesk, TestWorld.Manager }); // the administrator opted out

        var own = digests.Single(d => d.RecipientAddress == TestWorld.FrontDesk);
        own.Subject.ShouldBe("Harbourside Dental: your service recovery digest for Tue 3 Nov");
        own.TextBody.ShouldContain($"{overdue.Reference} — Say sorry overdue since");
        own.TextBody.ShouldContain($"{dueToday.Reference} — Say sorry due at");
        own.TextBody.ShouldNotContain(managers.Reference); // front desk hears about their own cases only
        own.TextBody.ShouldNotContain("awaiting your approval");

        var manager = digests.Single(d => d.RecipientAddress == TestWorld.Manager);
        manager.TextBody.ShouldContain($"{managers.Reference} — Say sorry overdue since", customMessage: "the manager's own case");
        manager.TextBody.ShouldContain("Overdue in the practice: 2 case(s)");
        manager.TextBody.ShouldContain($"{overdue.Reference} — Say sorry overdue by 2 d 23 h");
        manager.TextBody.ShouldContain("Gestures awaiting your approval: 1");
        manager.TextBody.ShouldContain($"{overdue.Reference} — $250.00 asked by {TestWorld.FrontDeskName}");
        manager.TextBody.ShouldContain("http://localhost:5080/approvals");
        manager.TextBody.ShouldContain("http://localhost:5080/Account/Email");
        foreach (var digest in digests)
        {
            NoPatientDetailsIn(digest);
        }

        test.Clock.Advance(TimeSpan.FromHours(5));
        (await test.PlanAsync()).Digests.ShouldBe(0, "one digest a day");
    }

    [Fact]
    public async Task An_escalation_and_the_record_of_it_commit_together_or_not_at_all()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        await SetDigestHourAsync(test, 23);
        var recoveryCase = await test.OpenCaseAsync(TestWorld.FrontDesk);
        test.Clock.Advance(TimeSpan.FromMinutes(70));

        test.Commits.Refuse = true;
        await Should.ThrowAsync<InvalidOperationException>(test.PlanAsync());
        test.Commits.Refuse = false;
        (await test.OutboxAsync()).ShouldBeEmpty("the emails were written, then the commit failed");
        (await test.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == recoveryCase.Id && t.Kind == TimelineEventKind.ApologyEscalated))).ShouldBe(0);

        (await test.PlanAsync()).Escalations.ShouldBe(1, "the next run tries again");
        (await test.OutboxAsync()).Count(m => m.Kind == EmailKind.Escalation).ShouldBe(3);
        (await test.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == recoveryCase.Id && t.Kind == TimelineEventKind.ApologyEscalated))).ShouldBe(1);
    }

    [Fact]
    public async Task A_practice_with_many_managers_with_long_names_still_gets_its_escalation_and_the_timeline_entry_fits_its_column()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        await SetDigestHourAsync(test, 23);
        const int extraManagers = 30;
        await using (var scope = test.App.Services.CreateAsyncScope())
        {
            for (var i = 0; i < extraManagers; i++)
            {
                var name = $"Manager {i:00} " + new string('x', Limits.Name - 11);
                await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, $"manager{i}@harbourside.test", name, Roles.PracticeManager, TestWorld.Password,
                    Midday, test.World.Harbourside.Id);
            }
        }

        var recoveryCase = await test.OpenCaseAsync(TestWorld.FrontDesk);
        test.Clock.Advance(TimeSpan.FromMinutes(61));

        (await test.PlanAsync()).Escalations.ShouldBe(1);

        var recipients = 3 + extraManagers;
        (await test.OutboxAsync()).Count(m => m.Kind == EmailKind.Escalation).ShouldBe(recipients, "every manager is still emailed");
        var (detail, maxLength) = await test.WithDbAsync(async db => (
            await db.Timeline.Where(t => t.CaseId == recoveryCase.Id && t.Kind == TimelineEventKind.ApologyEscalated).Select(t => t.Detail).SingleAsync(),
            db.Model.FindEntityType(typeof(TimelineEvent))!.FindProperty(nameof(TimelineEvent.Detail))!.GetMaxLength()!.Value));
        detail.Length.ShouldBeLessThanOrEqualTo(maxLength);
        detail.ShouldStartWith("Say sorry overdue by 1 min: emailed ");
        var others = System.Text.RegularExpressions.Regex.Match(detail, @" and (\d+) others$");
        others.Success.ShouldBeTrue(detail);
        var named = detail.Count(c => c == ',') + 1;
        (named + int.Parse(others.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(recipients, "the names shown and the others add up");
    }

    [Fact]
    public async Task A_failed_save_that_is_not_a_clash_is_logged_as_an_error_and_tried_again()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        await SetDigestHourAsync(test, 23);
        var recoveryCase = await test.OpenCaseAsync(TestWorld.FrontDesk);
        test.Clock.Advance(TimeSpan.FromMinutes(61));
        var before = test.Saves.Attempts;
        test.Saves.Error = new SqliteException("database is locked", 5);
        test.Saves.FailNext = 1;

        (await test.PlanAsync()).Escalations.ShouldBe(1, "the second attempt saved it");

        (test.Saves.Attempts - before).ShouldBe(2);
        (await test.OutboxAsync()).Count(m => m.Kind == EmailKind.Escalation).ShouldBe(3);
        (await test.WithDbAsync(db => db.Timeline.CountAsync(t => t.CaseId == recoveryCase.Id && t.Kind == TimelineEventKind.ApologyEscalated))).ShouldBe(1);
        var errors = await test.LogEventsAsync("Error");
        var error = errors.ShouldHaveSingleItem();
        error.GetProperty("@mt").GetString()!.ShouldStartWith("Planning reminders failed");
        error.GetProperty("ExceptionType").GetString().ShouldBe("SqliteException");
        error.GetRawText().ShouldNotContain("database is locked", customMessage: "the exception's type only, never its message");
        (await test.LogEventsAsync("Information")).ShouldNotContain(e => e.GetProperty("@mt").GetString()!.StartsWith("Reminders already planned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unique_key_clash_means_another_instance_planned_it_and_is_neither_retried_nor_an_error()
    {
        await using var test = await EmailTestApp.StartAsync(Midday);
        await SetDigestHourAsync(test, 23);
        await test.OpenCaseAsync(TestWorld.FrontDesk);
        test.Clock.Advance(TimeSpan.FromMinutes(61));
        var before = test.Saves.Attempts;
        test.Saves.Error = new SqliteException("UNIQUE constraint failed: Outbox.DedupKey", 19, 2067);
        test.Saves.FailNext = 1;

        (await test.PlanAsync()).Escalations.ShouldBe(0);

        (test.Saves.Attempts - before).ShouldBe(1, "not tried again: the other instance has it");
        (await test.LogEventsAsync("Error")).ShouldBeEmpty();
        (await test.LogEventsAsync("Information")).ShouldContain(e => e.GetProperty("@mt").GetString()!.StartsWith("Reminders already planned", StringComparison.Ordinal));
    }

    private static void NoPatientDetailsIn(OutboxMessage email)
    {
        foreach (var text in new[] { email.Subject, email.TextBody, email.HtmlBody })
        {
            text.ShouldNotContain("Zephyrine");
            text.ShouldNotContain("Quillfeather");
            // The phone as typed and as stored (E.164); a bare "876" could turn up in any case id of a link.
            text.ShouldNotContain("876 543");
            text.ShouldNotContain("499876543");
            text.ShouldNotContain("ninety-three");
        }
    }

    private static Task<int> SetDigestHourAsync(EmailTestApp test, int hour) => test.WithDbAsync(async db =>
    {
        var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
        practice.ChangeReminders(new ReminderSettings(hour, ownersGetDigest: true, managersGetDigest: true, escalateOverdueApology: true));
        return await db.SaveChangesAsync();
    });
}
