using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>The outbox sender against a real SMTP server on 127.0.0.1 (and, without one configured, the pickup folder).</summary>
public sealed class OutboxSenderTests
{
    [Fact]
    public async Task Queued_email_is_delivered_by_SMTP_and_marked_sent()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        var ids = await QueueAsync(test, 3);

        (await test.SendAsync()).ShouldBe(new SendReport(3, 0));

        var received = sink.Messages();
        received.Count.ShouldBe(3);
        received.Select(m => m.MessageId).Order().ShouldBe(ids.Select(id => $"{id:N}@servicerecovery").Order());
        received[0].From.ToString().ShouldContain("reminders@harbourside.test");
        received.Select(m => m.To.ToString()).ShouldAllBe(to => to == TestWorld.Manager);
        received.Select(m => m.Subject ?? "").ShouldAllBe(s => s.StartsWith("Test email ", StringComparison.Ordinal));
        (received[0].TextBody ?? "").ShouldContain("http://localhost:5080/queue");
        (received[0].HtmlBody ?? "").ShouldContain("<p>");
        received[0].Headers["Auto-Submitted"].ShouldBe("auto-generated");

        var stored = await test.OutboxAsync();
        stored.ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.SentAt != null && m.Attempts == 1 && m.LastError == null);
        (await test.SendAsync()).ShouldBe(new SendReport(0, 0), "nothing is sent twice");
        sink.Messages().Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_refusing_server_is_retried_with_growing_pauses_and_the_email_arrives_once()
    {
        await using var sink = await SmtpSink.StartAsync(failFirst: 2);
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        var id = (await QueueAsync(test, 1))[0];
        var start = test.Clock.GetUtcNow();

        (await test.SendAsync()).ShouldBe(new SendReport(0, 1));
        var first = (await test.OutboxAsync()).Single();
        first.Status.ShouldBe(OutboxStatus.Pending);
        first.Attempts.ShouldBe(1);
        first.LastError.ShouldBe("The mail server refused the message (451 MessageNotAccepted)");
        first.NextAttemptAt.ShouldBe(start + TimeSpan.FromSeconds(30));
        first.ClaimedUntil.ShouldBeNull();

        (await test.SendAsync()).ShouldBe(new SendReport(0, 0), "not before the pause is over");
        test.Clock.Advance(TimeSpan.FromSeconds(30));
        (await test.SendAsync()).ShouldBe(new SendReport(0, 1));
        (await test.OutboxAsync()).Single().NextAttemptAt.ShouldBe(test.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), "the pause doubles");

        test.Clock.Advance(TimeSpan.FromMinutes(1));
        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));
        var sent = (await test.OutboxAsync()).Single();
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.Attempts.ShouldBe(3);
        sent.LastError.ShouldBeNull();
        sink.Messages().ShouldHaveSingleItem().MessageId.ShouldBe($"{id:N}@servicerecovery");
    }

    [Fact]
    public async Task After_the_last_attempt_the_email_stays_failed_until_an_administrator_sends_it_again()
    {
        await using var sink = await SmtpSink.StartAsync(failFirst: OutboxMessage.MaxAttempts);
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        await QueueAsync(test, 1);
        for (var attempt = 1; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            (await test.SendAsync()).Failed.ShouldBe(1, $"attempt {attempt}");
            test.Clock.Advance(TimeSpan.FromHours(1));
        }

        (await test.SendAsync()).ShouldBe(new SendReport(0, 0));
        var failed = (await test.OutboxAsync()).Single();
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(OutboxMessage.MaxAttempts);

        using var admin = await WebClient.SignedInAsync(test.App, TestWorld.Administrator);
        var page = await admin.GetPageAsync("/outbox?Filter.Status=Failed");
        page.QuerySelector("[data-testid=transport]")!.TextContent.ShouldBe($"SMTP server 127.0.0.1:{sink.Port}");
        var row = page.QuerySelector("[data-testid=outbox] tbody tr")!;
        row.GetAttribute("data-status").ShouldBe("Failed");
        row.TextContent.ShouldContain("The mail server refused the message (451");
        var response = await admin.SubmitAsync(page, "[data-testid=outbox] tbody tr form", []);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await test.SendAsync()).ShouldBe(new SendReport(1, 0), "the sink accepts from now on");
        sink.Messages().Count.ShouldBe(1);
        (await test.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.EmailResent))).ShouldBe(1);

        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        (await manager.Http.GetAsync("/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_app_instances_sending_from_one_database_never_send_the_same_email_twice()
    {
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>(sink.Settings) { ["Email:BatchSize"] = "4" };
        await using var first = new AppFactory(extraSettings: settings);
        await first.StartAsync();
        var connectionString = DatabaseOptions.DefaultSqliteConnectionString(first.DataFolder);
        // A second instance of the app on the same database file (its schema and people are already there).
        await using var second = new AppFactory(connectionString: connectionString, extraSettings: settings);
        _ = second.Services;

        const int count = 60;
        await first.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Outbox.Add(OutboxMessage.Create(first.World.Harbourside.Id, EmailKind.Digest, $"two-senders:{i}", null, TestWorld.Manager,
                    $"Email {i}", "Plain text", "<p>HTML</p>", DateTimeOffset.UtcNow));
            }

            return await db.SaveChangesAsync();
        });

        var sentBy = await Task.WhenAll(SendAllAsync(first), SendAllAsync(second));

        sentBy.Sum().ShouldBe(count);
        var received = sink.Messages();
        received.Count.ShouldBe(count);
        received.Select(m => m.MessageId).Distinct().Count().ShouldBe(count);
        (await first.WithDbAsync(db => db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1))).ShouldBe(count);
        TestContext.Current.TestOutputHelper?.WriteLine($"first instance sent {sentBy[0]}, second sent {sentBy[1]}");

        static async Task<int> SendAllAsync(AppFactory app)
        {
            var total = 0;
            for (var round = 0; round < 100; round++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
                var report = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
                total += report.Sent;
                if (!await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AnyAsync(m => m.Status == OutboxStatus.Pending))
                {
                    break;
                }
            }

            return total;
        }
    }

    [Fact]
    public async Task An_email_the_server_accepted_is_not_sent_again_when_marking_it_sent_fails_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        var id = (await QueueAsync(test, 1))[0];
        test.SentMarks.FailNext = 1;

        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));

        test.SentMarks.Refused.ShouldBe(1, "the first save of the mark was refused");
        var stored = (await test.OutboxAsync()).Single();
        stored.Status.ShouldBe(OutboxStatus.Sent);
        stored.Attempts.ShouldBe(1);
        stored.LastError.ShouldBeNull();
        test.Clock.Advance(TimeSpan.FromHours(2));
        (await test.SendAsync()).ShouldBe(new SendReport(0, 0));
        sink.Messages().ShouldHaveSingleItem().MessageId.ShouldBe($"{id:N}@servicerecovery", "the server received it once");
    }

    [Fact]
    public async Task An_email_whose_sent_mark_cannot_be_saved_for_a_while_is_marked_on_a_later_run_and_never_sent_twice()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        await QueueAsync(test, 1);
        test.SentMarks.FailNext = OutboxSender.MarkAttempts;

        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));

        test.SentMarks.Refused.ShouldBe(OutboxSender.MarkAttempts);
        (await test.OutboxAsync()).Single().Status.ShouldBe(OutboxStatus.Pending, "the database would not take the mark");
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Degraded"));

        // Long after the claim ran out, the database answers again.
        test.Clock.Advance(TimeSpan.FromHours(2));
        (await test.SendAsync()).ShouldBe(new SendReport(0, 0));

        sink.Messages().Count.ShouldBe(1, "the server received it once");
        var stored = (await test.OutboxAsync()).Single();
        stored.Status.ShouldBe(OutboxStatus.Sent);
        stored.Attempts.ShouldBe(1);
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task Readiness_is_degraded_but_answers_200_while_an_email_waits_too_long_and_healthy_once_it_is_sent()
    {
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow());
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));
        await QueueAsync(test, 1);

        test.Clock.Advance(TimeSpan.FromMinutes(29));
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"), "waiting under 30 minutes is normal");
        test.Clock.Advance(TimeSpan.FromMinutes(2));
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Degraded"), "a load balancer keeps the instance; monitoring sees the word");

        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task Readiness_is_degraded_after_three_failed_send_attempts_in_a_row_and_healthy_after_a_success()
    {
        await using var sink = await SmtpSink.StartAsync(failFirst: 3);
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow(), sink.Settings);
        await QueueAsync(test, 1);

        (await test.SendAsync()).Failed.ShouldBe(1);
        test.Clock.Advance(TimeSpan.FromSeconds(30));
        (await test.SendAsync()).Failed.ShouldBe(1);
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"), "two failures may be a passing hiccup");
        test.Clock.Advance(TimeSpan.FromMinutes(1));
        (await test.SendAsync()).Failed.ShouldBe(1);
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Degraded"));

        test.Clock.Advance(TimeSpan.FromMinutes(2));
        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));
        (await test.ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));
        sink.Messages().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_file_each_running_the_planner_and_the_sender_send_every_reminder_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>(sink.Settings) { ["Email:BackgroundServices"] = "true", ["Email:PollSeconds"] = "1", ["Email:BatchSize"] = "3" };
        await using var first = new AppFactory(extraSettings: settings);
        await first.StartAsync();
        // A second host of the app on the same SQLite file, with its own background planner and sender.
        await using var second = new AppFactory(connectionString: DatabaseOptions.DefaultSqliteConnectionString(first.DataFolder), extraSettings: settings);
        _ = second.Services;

        const int cases = 6;
        var references = await first.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).SingleAsync(p => p.Id == first.World.Harbourside.Id);
            var owner = await db.Users.SingleAsync(u => u.Email == TestWorld.FrontDesk);
            var actor = new Actor(owner.Id, owner.DisplayName, StaffRole.FrontDesk);
            var openedAt = DateTimeOffset.UtcNow.AddMinutes(-65);
            var opened = new List<string>();
            for (var i = 0; i < cases; i++)
            {
                var patient = Patient.Create(practice.Id, EmailTestApp.PatientName, EmailTestApp.PatientPhone, null, null, openedAt, "AU");
                var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], null, Severity.Major, DefectChannel.Phone, openedAt.AddMinutes(-1),
                    EmailTestApp.Description, actor, openedAt);
                var recoveryCase = RecoveryCase.Open(practice, new CaseReference(openedAt.Year, 9100 + i), defect, actor, openedAt);
                db.AddRange(patient, defect, recoveryCase);
                opened.Add(recoveryCase.Reference);
            }

            await db.SaveChangesAsync();
            return opened;
        });

        var expected = cases * 3; // the owner, the manager and the administrator for each case
        await sink.WaitForAsync(expected, m => (m.Subject ?? "").StartsWith("Overdue apology: ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        // A few more rounds of both instances: nothing more may arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var received = sink.Messages().Where(m => (m.Subject ?? "").StartsWith("Overdue apology: ", StringComparison.Ordinal)).ToList();
        received.Count.ShouldBe(expected);
        received.Select(m => (m.Subject, To: m.To.ToString())).Distinct().Count().ShouldBe(expected, "each person hears about each case once");
        received.Select(m => m.MessageId).Distinct().Count().ShouldBe(expected);
        received.Select(m => m.Subject![("Overdue apology: ".Length)..].Split(' ')[0]).Distinct().Order().ShouldBe(references.Order());
        var (events, stored) = await first.WithDbAsync(async db => (
            await db.Timeline.CountAsync(t => t.Kind == TimelineEventKind.ApologyEscalated),
            await db.Outbox.Where(m => m.Kind == EmailKind.Escalation).Select(m => new { m.Status, m.Attempts }).ToListAsync()));
        events.ShouldBe(cases, "one escalation per case on the timeline");
        stored.Count.ShouldBe(expected);
        stored.ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task Without_SMTP_settings_email_is_written_to_the_pickup_folder()
    {
        await using var test = await EmailTestApp.StartAsync(WholeSecondNow());
        var id = (await QueueAsync(test, 1))[0];

        (await test.SendAsync()).ShouldBe(new SendReport(1, 0));

        var file = Directory.GetFiles(Path.Combine(test.App.DataFolder, "mail-pickup"), "*.eml").ShouldHaveSingleItem();
        file.ShouldEndWith($"-{id:N}.eml");
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        message.Subject.ShouldBe("Test email 0");
        message.To.ToString().ShouldBe(TestWorld.Manager);

        using var admin = await WebClient.SignedInAsync(test.App, TestWorld.Administrator);
        var page = await admin.GetPageAsync("/outbox");
        page.QuerySelector("[data-testid=transport]")!.TextContent.ShouldContain("pickup folder");
        page.QuerySelector("[data-testid=outbox] tbody tr")!.GetAttribute("data-status").ShouldBe("Sent");
    }

    [Fact]
    public async Task The_background_service_escalates_an_overdue_apology_and_delivers_it_unasked()
    {
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>(sink.Settings) { ["Email:BackgroundServices"] = "true", ["Email:PollSeconds"] = "1" };
        await using var app = new AppFactory(extraSettings: settings);
        await app.StartAsync();
        var reference = await app.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).SingleAsync(p => p.Id == app.World.Harbourside.Id);
            var owner = await db.Users.SingleAsync(u => u.Email == TestWorld.FrontDesk);
            var actor = new Actor(owner.Id, owner.DisplayName, StaffRole.FrontDesk);
            var openedAt = DateTimeOffset.UtcNow.AddMinutes(-65);
            var patient = Patient.Create(practice.Id, EmailTestApp.PatientName, EmailTestApp.PatientPhone, null, null, openedAt, "AU");
            var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], null, Severity.Major, DefectChannel.Phone, openedAt.AddMinutes(-1),
                EmailTestApp.Description, actor, openedAt);
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(openedAt.Year, 9001), defect, actor, openedAt);
            db.AddRange(patient, defect, recoveryCase);
            await db.SaveChangesAsync();
            return recoveryCase.Reference;
        });

        var escalations = await sink.WaitForAsync(3, m => (m.Subject ?? "").StartsWith("Overdue apology: " + reference, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        escalations.Select(m => m.To.ToString()).Order().ShouldBe([TestWorld.Administrator, TestWorld.FrontDesk, TestWorld.Manager]);
        escalations.ShouldAllBe(m => !(m.TextBody ?? "").Contains("Zephyrine") && !(m.TextBody ?? "").Contains(EmailTestApp.Description));
    }

    /// <summary>Now, to the second: stored times keep whole milliseconds, and the test compares them exactly.</summary>
    private static DateTimeOffset WholeSecondNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }

    private static async Task<List<Guid>> QueueAsync(EmailTestApp test, int count)
    {
        var now = test.Clock.GetUtcNow();
        return await test.WithDbAsync(async db =>
        {
            var messages = Enumerable.Range(0, count).Select(i => OutboxMessage.Create(test.World.Harbourside.Id, EmailKind.Digest, $"test:{Guid.NewGuid():N}",
                null, TestWorld.Manager, $"Test email {i}", "The queue: http://localhost:5080/queue", "<p>The queue</p>", now)).ToList();
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });
    }
}
