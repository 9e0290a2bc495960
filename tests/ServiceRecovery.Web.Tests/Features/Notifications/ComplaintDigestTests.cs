using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>
/// The morning digest's "Formal complaint clocks", on a fake clock at a practice in Victoria: a complaint received on
/// Friday 30 October 2026 is to be acknowledged by Thursday 5 November (3 working days across the weekend and Melbourne
/// Cup day), so Wednesday 4 November is its warning day and Friday 6 November it is overdue.
/// </summary>
public sealed class ComplaintDigestTests
{
    private static readonly DateOnly Received = new(2026, 10, 30);

    /// <summary>10:00 in Sydney and Melbourne (AEDT, UTC+11) on <paramref name="date"/>, after the digest hour.</summary>
    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(11));

    private static DateOnly Day(int november) => new(2026, 11, november);

    private static async Task<EmailTestApp> StartAsync()
    {
        var test = await EmailTestApp.StartAsync(At(Received));
        await test.WithDbAsync(async db =>
        {
            foreach (var practice in await db.Practices.ToListAsync())
            {
                practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays,
                    new ComplaintSettings(JurisdictionProfiles.Victoria.Id, null, null, null));
            }

            return await db.SaveChangesAsync();
        });
        return test;
    }

    /// <summary>A case owned by <paramref name="owner"/> (none when null), marked as a formal complaint received today; then <paramref name="then"/>.</summary>
    private static async Task<RecoveryCase> ComplaintAsync(
        EmailTestApp test, string? owner = TestWorld.FrontDesk, Action<RecoveryCase, Practice, Actor, DateTimeOffset>? then = null, Guid? practiceId = null)
    {
        var opener = owner ?? (practiceId is null ? TestWorld.FrontDesk : TestWorld.OtherFrontDesk);
        var opened = await test.OpenCaseAsync(opener, practiceId: practiceId);
        var actor = await test.ActorAsync(opener);
        return await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == (practiceId ?? test.World.Harbourside.Id));
            var recoveryCase = await db.Cases.Include(c => c.Defect).SingleAsync(c => c.Id == opened.Id);
            var now = test.Clock.GetUtcNow();
            recoveryCase.MarkFormalComplaint(actor, practice.Locale.DateAt(now), ComplaintChannel.Written, "About the wait", practice, now);
            if (owner is null)
            {
                recoveryCase.AssignOwner(null, null, actor, now);
            }

            then?.Invoke(recoveryCase, practice, actor, now);
            await db.SaveChangesAsync();
            return recoveryCase;
        });
    }

    /// <summary>The digest <paramref name="recipient"/> got on <paramref name="date"/>, planned at 10:00 that morning.</summary>
    private static async Task<OutboxMessage?> DigestOnAsync(EmailTestApp test, DateOnly date, string recipient)
    {
        test.Clock.SetUtcNow(At(date));
        await test.PlanAsync();
        return (await test.OutboxAsync()).SingleOrDefault(m => m.Kind == EmailKind.Digest && m.RecipientAddress == recipient && m.CreatedAt == At(date));
    }

    /// <summary>The "Formal complaint clocks" section of a digest's text, up to the blank line after it; empty when left out.</summary>
    private static string ClocksOf(OutboxMessage digest)
    {
        var start = digest.TextBody.IndexOf("Formal complaint clocks", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var end = digest.TextBody.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? digest.TextBody[start..] : digest.TextBody[start..end];
    }

    [Fact]
    public async Task The_owner_reads_on_the_warning_day_that_the_acknowledgement_is_due_tomorrow_then_that_it_is_due_today_then_overdue()
    {
        await using var test = await StartAsync();
        var complaint = await ComplaintAsync(test);

        var monday = await DigestOnAsync(test, Day(2), TestWorld.FrontDesk);
        (monday?.TextBody ?? "").ShouldNotContain("Formal complaint clocks", customMessage: "nothing is due by the next working day, so the section is left out");

        var warningDay = (await DigestOnAsync(test, Day(4), TestWorld.FrontDesk)).ShouldNotBeNull();
        warningDay.TextBody.ShouldContain("Formal complaint clocks: 0 overdue, 0 due today, 1 due next working day");
        warningDay.TextBody.ShouldContain($"{complaint.Reference} — the acknowledgement is due tomorrow (Thu 5 Nov 2026)");
        warningDay.HtmlBody.ShouldContain($"{complaint.Reference} — the acknowledgement is due tomorrow (Thu 5 Nov 2026)");
        warningDay.TextBody.ShouldNotContain("the final response", customMessage: "Victoria's 90 days are far off");

        var dueDay = (await DigestOnAsync(test, Day(5), TestWorld.FrontDesk)).ShouldNotBeNull();
        dueDay.TextBody.ShouldContain($"{complaint.Reference} — the acknowledgement is due today (Thu 5 Nov 2026)");

        var overdue = (await DigestOnAsync(test, Day(6), TestWorld.FrontDesk)).ShouldNotBeNull();
        overdue.TextBody.ShouldContain("Formal complaint clocks: 1 overdue, 0 due today, 0 due next working day");
        overdue.TextBody.ShouldContain($"{complaint.Reference} — the acknowledgement is overdue: it was due on Thu 5 Nov 2026: http://localhost:5080/cases/{complaint.Id}");
    }

    [Fact]
    public async Task A_manager_reads_the_clocks_of_unowned_complaints_but_not_of_complaints_someone_else_owns()
    {
        await using var test = await StartAsync();
        var owned = await ComplaintAsync(test);
        var unowned = await ComplaintAsync(test, owner: null);

        var manager = (await DigestOnAsync(test, Day(6), TestWorld.Manager)).ShouldNotBeNull();
        ClocksOf(manager).ShouldContain($"{unowned.Reference} — the acknowledgement is overdue");
        ClocksOf(manager).ShouldNotContain(owned.Reference, customMessage: "the owner hears of it");
        var owner = (await test.OutboxAsync()).Single(m => m.Kind == EmailKind.Digest && m.RecipientAddress == TestWorld.FrontDesk && m.CreatedAt == At(Day(6)));
        ClocksOf(owner).ShouldContain($"{owned.Reference} — the acknowledgement is overdue");
        ClocksOf(owner).ShouldNotContain(unowned.Reference, customMessage: "front desk does not get the practice's unowned complaints");
    }

    [Fact]
    public async Task A_paused_clock_and_an_acknowledged_complaint_are_not_listed_as_overdue()
    {
        await using var test = await StartAsync();
        var paused = await ComplaintAsync(test, then: (c, practice, actor, now) => c.PauseComplaintClock(actor, Received, "Waiting for the patient's account", practice, now));
        var acknowledged = await ComplaintAsync(test);
        var running = await ComplaintAsync(test);
        test.Clock.SetUtcNow(At(Day(2)));
        using (var frontDesk = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk))
        {
            var compose = await frontDesk.GetPageAsync($"/cases/{acknowledged.Id}/write?purpose=ComplaintAcknowledgement");
            var fields = WebClient.FieldsOf((IHtmlFormElement)compose.QuerySelector("#letter-form")!);
            (await frontDesk.Http.PostAsync($"/cases/{acknowledged.Id}/write?handler=Print", new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        }

        var digest = (await DigestOnAsync(test, Day(6), TestWorld.FrontDesk)).ShouldNotBeNull();
        var clocks = ClocksOf(digest);
        clocks.ShouldContain($"{running.Reference} — the acknowledgement is overdue");
        clocks.ShouldNotContain(paused.Reference, customMessage: "a paused clock has no due date while it waits for the patient");
        clocks.ShouldNotContain(acknowledged.Reference, customMessage: "a clock stopped by the letter is done");
        clocks.ShouldStartWith("Formal complaint clocks: 1 overdue, 0 due today, 0 due next working day");
    }

    [Fact]
    public async Task Another_practices_complaints_are_never_in_the_digest_and_no_digest_names_the_patient_or_the_complaint()
    {
        await using var test = await StartAsync();
        var ours = await ComplaintAsync(test);
        // Unowned, so the other practice's managers hear of it; the administrator is a manager at both practices.
        var theirs = await ComplaintAsync(test, owner: null, practiceId: test.World.Other.Id);
        await ComplaintAsync(test, owner: null);

        test.Clock.SetUtcNow(At(Day(6)));
        await test.PlanAsync();
        var digests = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Digest).ToList();
        // By link, unique where references of two practices may read alike.
        var (ourLink, theirLink) = ($"/cases/{ours.Id}", $"/cases/{theirs.Id}");
        var harbourside = digests.Where(m => m.PracticeId == test.World.Harbourside.Id).ToList();
        harbourside.ShouldContain(m => m.TextBody.Contains(ours.Reference, StringComparison.Ordinal));
        harbourside.ShouldAllBe(m => !m.TextBody.Contains(theirLink) && !m.HtmlBody.Contains(theirLink));
        var other = digests.Where(m => m.PracticeId == test.World.Other.Id).ToList();
        other.ShouldContain(m => ClocksOf(m).Contains(theirLink), "the other practice's managers hear of their own unowned complaint");
        other.ShouldAllBe(m => !m.TextBody.Contains(ourLink));
        foreach (var text in digests.SelectMany(m => new[] { m.Subject, m.TextBody, m.HtmlBody }))
        {
            text.ShouldNotContain("Zephyrine");
            text.ShouldNotContain("Quillfeather");
            text.ShouldNotContain("876 543");
            text.ShouldNotContain("About the wait");
            text.ShouldNotContain(EmailTestApp.Description);
        }
    }
}
