using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>
/// Warnings and escalations of a formal complaint's clocks, on a fake clock at a practice in Victoria: received on
/// Friday 30 October 2026, acknowledged within 3 working days, so across the weekend and Melbourne Cup day (Tuesday
/// 3 November) the acknowledgement is due on Thursday 5 November and its warning day is Wednesday 4 November.
/// </summary>
public sealed class ComplaintReminderTests
{
    private static readonly DateOnly Received = new(2026, 10, 30);
    private static readonly DateOnly AcknowledgeDue = new(2026, 11, 5);

    /// <summary>10:00 in Sydney and Melbourne (AEDT, UTC+11) on <paramref name="date"/>.</summary>
    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(11));

    private static DateOnly Day(int november) => new(2026, 11, november);

    private static async Task<EmailTestApp> StartAsync(int? respondWithin = null)
    {
        var test = await EmailTestApp.StartAsync(At(Received));
        await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays,
                new ComplaintSettings(JurisdictionProfiles.Victoria.Id, null, null, respondWithin));
            return await db.SaveChangesAsync();
        });
        return test;
    }

    /// <summary>A case owned by <paramref name="owner"/> (none when null), marked as a formal complaint received today; then <paramref name="then"/>.</summary>
    private static async Task<RecoveryCase> ComplaintAsync(EmailTestApp test, string? owner = TestWorld.FrontDesk, Action<RecoveryCase, Practice, Actor, DateTimeOffset>? then = null)
    {
        var opened = await test.OpenCaseAsync(TestWorld.FrontDesk);
        var actor = await test.ActorAsync(TestWorld.FrontDesk);
        return await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
            var recoveryCase = await db.Cases.Include(c => c.Defect).SingleAsync(c => c.Id == opened.Id);
            var now = test.Clock.GetUtcNow();
            recoveryCase.MarkFormalComplaint(actor, practice.Locale.DateAt(now), ComplaintChannel.Written, null, practice, now);
            if (owner is null)
            {
                recoveryCase.AssignOwner(null, null, actor, now);
            }

            then?.Invoke(recoveryCase, practice, actor, now);
            await db.SaveChangesAsync();
            return recoveryCase;
        });
    }

    private static async Task<List<OutboxMessage>> ComplaintEmailsAsync(EmailTestApp test) =>
        (await test.OutboxAsync()).Where(m => m.Kind is EmailKind.ComplaintWarning or EmailKind.ComplaintEscalation).ToList();

    private static async Task PlanOnAsync(EmailTestApp test, DateOnly date)
    {
        test.Clock.SetUtcNow(At(date));
        await test.PlanAsync();
    }

    private static Task<List<TimelineEvent>> TimelineAsync(EmailTestApp test, Guid caseId, TimelineEventKind kind) =>
        test.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == caseId && t.Kind == kind).ToListAsync());

    [Fact]
    public async Task The_owner_is_warned_on_the_working_day_before_the_acknowledgement_is_due_not_over_the_weekend_or_on_Melbourne_Cup_day()
    {
        await using var test = await StartAsync();
        var complaint = await ComplaintAsync(test);
        complaint.ComplaintAcknowledgeDue.ShouldBe(AcknowledgeDue);

        await PlanOnAsync(test, Day(1));
        await PlanOnAsync(test, Day(2));
        await PlanOnAsync(test, Day(3));
        (await ComplaintEmailsAsync(test)).ShouldBeEmpty("the warning day is Wednesday 4 November: Monday and Melbourne Cup day are too early");

        await PlanOnAsync(test, Day(4));
        await PlanOnAsync(test, Day(4));
        var warning = (await ComplaintEmailsAsync(test)).ShouldHaveSingleItem("a warning is sent once, to the owner only");
        warning.Kind.ShouldBe(EmailKind.ComplaintWarning);
        warning.RecipientAddress.ShouldBe(TestWorld.FrontDesk);
        warning.Subject.ShouldBe($"{complaint.Reference}: the acknowledgement is due tomorrow (3 working days, Victoria, Australia)");
        warning.TextBody.ShouldContain("Thu 5 Nov 2026");
        warning.TextBody.ShouldContain($"http://localhost:5080/cases/{complaint.Id}");
        warning.HtmlBody.ShouldContain($"href=\"http://localhost:5080/cases/{complaint.Id}\"");
        (await TimelineAsync(test, complaint.Id, TimelineEventKind.ComplaintWarningSent)).ShouldHaveSingleItem()
            .Detail.ShouldBe($"Warning sent: the acknowledgement is due on 2026-11-05: emailed {TestWorld.FrontDeskName}");
    }

    [Fact]
    public async Task An_unacknowledged_complaint_is_escalated_to_the_managers_and_the_owner_on_the_next_working_day_once()
    {
        await using var test = await StartAsync();
        var complaint = await ComplaintAsync(test);
        test.Clock.SetUtcNow(At(Day(3)));
        var dueFriday = await ComplaintAsync(test);
        await PlanOnAsync(test, Day(4));

        await PlanOnAsync(test, AcknowledgeDue);
        (await ComplaintEmailsAsync(test)).Where(m => m.Kind == EmailKind.ComplaintEscalation).ShouldBeEmpty("on the due day it is not yet overdue");

        await PlanOnAsync(test, Day(6));
        // A second sweep sends nothing again, and another complaint reaching its warning day in a later sweep still gets its warning.
        var later = await ComplaintAsync(test);
        await PlanOnAsync(test, Day(6));
        await PlanOnAsync(test, Day(7));
        (await ComplaintEmailsAsync(test)).ShouldNotContain(m => m.Kind == EmailKind.ComplaintEscalation && m.Subject.StartsWith(dueFriday.Reference, StringComparison.Ordinal),
            "due on Friday 6 November, it is escalated on the next working day, Monday 9, not on the Saturday");
        await PlanOnAsync(test, Day(9));
        await PlanOnAsync(test, Day(10));

        var emails = await ComplaintEmailsAsync(test);
        var escalations = emails.Where(m => m.Kind == EmailKind.ComplaintEscalation && m.Subject.StartsWith(complaint.Reference, StringComparison.Ordinal)).ToList();
        escalations.Select(m => m.RecipientAddress).Order().ShouldBe([TestWorld.Administrator, TestWorld.FrontDesk, TestWorld.Manager]);
        escalations[0].Subject.ShouldBe($"{complaint.Reference}: the acknowledgement is overdue, it was due on Thu 5 Nov 2026 (3 working days, Victoria, Australia)");
        (await TimelineAsync(test, complaint.Id, TimelineEventKind.ComplaintEscalated)).ShouldHaveSingleItem()
            .Detail.ShouldStartWith("Escalated: the acknowledgement was due on 2026-11-05: emailed ");
        emails.Where(m => m.Kind == EmailKind.ComplaintEscalation && m.Subject.StartsWith(dueFriday.Reference, StringComparison.Ordinal))
            .Select(m => m.CreatedAt).Distinct().ShouldHaveSingleItem().ShouldBe(At(Day(9)));
        emails.ShouldContain(m => m.Kind == EmailKind.ComplaintWarning && m.Subject.StartsWith(later.Reference, StringComparison.Ordinal),
            "received Friday 6 November, due Wednesday 11: warned on Tuesday 10");
    }

    [Fact]
    public async Task A_paused_clock_sends_neither_warning_nor_escalation_and_without_an_owner_the_managers_are_warned()
    {
        await using var test = await StartAsync();
        var paused = await ComplaintAsync(test, then: (c, practice, actor, now) => c.PauseComplaintClock(actor, Received, "Waiting for the patient's account", practice, now));
        var unowned = await ComplaintAsync(test, owner: null);

        foreach (var day in new[] { 4, 5, 6, 9 })
        {
            await PlanOnAsync(test, Day(day));
        }

        var emails = await ComplaintEmailsAsync(test);
        emails.ShouldNotContain(m => m.Subject.StartsWith(paused.Reference, StringComparison.Ordinal), "a paused clock has no due date");
        emails.Where(m => m.Kind == EmailKind.ComplaintWarning).Select(m => m.RecipientAddress).Order().ShouldBe([TestWorld.Administrator, TestWorld.Manager]);
        emails.ShouldAllBe(m => m.Subject.StartsWith(unowned.Reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_acknowledged_complaint_is_not_warned_about_its_acknowledgement_but_is_about_its_response()
    {
        // Respond within 10 days (shorter than Victoria's 90, as a practice may): due Monday 9 November, warned on Friday 6.
        await using var test = await StartAsync(respondWithin: 10);
        var complaint = await ComplaintAsync(test);
        test.Clock.SetUtcNow(At(Day(2)));
        using (var frontDesk = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk))
        {
            var compose = await frontDesk.GetPageAsync($"/cases/{complaint.Id}/write");
            var fields = WebClient.FieldsOf((IHtmlFormElement)compose.QuerySelector("#letter-form")!);
            fields["Letter.Purpose"] = nameof(LetterPurpose.ComplaintAcknowledgement);
            (await frontDesk.Http.PostAsync($"/cases/{complaint.Id}/write?handler=Print", new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        }

        foreach (var day in new[] { 4, 5, 6, 9 })
        {
            await PlanOnAsync(test, Day(day));
        }

        var email = (await ComplaintEmailsAsync(test)).ShouldHaveSingleItem();
        email.Kind.ShouldBe(EmailKind.ComplaintWarning);
        email.Subject.ShouldBe($"{complaint.Reference}: the final response is due on Mon 9 Nov 2026 (10 days, Victoria, Australia)");
    }

    [Fact]
    public async Task No_complaint_warning_or_escalation_names_the_patient_in_the_email_or_the_logs()
    {
        await using var test = await StartAsync();
        await ComplaintAsync(test);
        await ComplaintAsync(test, owner: null);
        await PlanOnAsync(test, Day(4));
        await PlanOnAsync(test, Day(6));
        await test.SendAsync();

        var emails = await ComplaintEmailsAsync(test);
        emails.Select(m => m.Kind).Distinct().Order().ShouldBe([EmailKind.ComplaintWarning, EmailKind.ComplaintEscalation]);
        foreach (var text in emails.SelectMany(m => new[] { m.Subject, m.TextBody, m.HtmlBody }).Append(await test.App.ReadLogsAsync()))
        {
            text.ShouldNotContain("Zephyrine");
            text.ShouldNotContain("Quillfeather");
            text.ShouldNotContain("876 543");
            text.ShouldNotContain(EmailTestApp.Description);
        }
    }
}
