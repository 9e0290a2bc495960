using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Queue;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The real app on a fake clock at 00:30 on Thursday 3 December 2026 in Sydney (13:30 UTC on Wednesday 2 December),
/// with Harbourside on the "Australia (other states) and New Zealand" profile (3 working days, 30 days, NSW holidays)
/// and Other Street (Perth, 21:30 on 2 December) with no complaint profile.
/// </summary>
public sealed class FormalComplaintClockFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 13, 30, 0, TimeSpan.Zero);

    public FormalComplaintClockFixture() =>
        App = new AppFactory { TestServices = services => services.AddSingleton<TimeProvider>(Clock) };

    public FakeTimeProvider Clock { get; } = new(Start);

    public AppFactory App { get; }

    public TestWorld World => App.World;

    public async ValueTask InitializeAsync()
    {
        await App.StartAsync();
        await App.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == World.Harbourside.Id);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays,
                new ComplaintSettings(JurisdictionProfiles.AustraliaNewZealandOther.Id, null, null, null));
            return await db.SaveChangesAsync();
        });
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public WebClient Anonymous() => new(App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public Task<WebClient> SignInAsync(string email) => WebClient.SignedInAsync(App, email);
}

/// <summary>The comment card's "I want to make a formal complaint", the queue's complaint badge and filter, and the settings' count.</summary>
public sealed class FormalComplaintCardAndQueueTests(FormalComplaintClockFixture fixture) : IClassFixture<FormalComplaintClockFixture>
{
    private static readonly DateOnly CardDay = new(2026, 12, 3);

    private static Dictionary<string, string?> Card(string description, bool complaint, CommentCardRating rating = CommentCardRating.Poor)
    {
        var answers = CommentCardTests.Answers(description);
        answers["Input.Rating"] = rating.ToString();
        if (complaint)
        {
            answers["Input.FormalComplaint"] = "true";
        }

        return answers;
    }

    private Task<RecoveryCase> CaseAsync(string description) => fixture.App.WithDbAsync(db =>
        db.Cases.IgnoreQueryFilters().Include(c => c.Defect).Include(c => c.Timeline).Include(c => c.Complaint).SingleAsync(c => c.Defect.Description == description));

    private async Task<HttpResponseMessage> SendAsync(string slug, Dictionary<string, string?> answers)
    {
        using var patient = fixture.Anonymous();
        var response = await patient.SubmitAsync($"/feedback/{slug}", "#comment-card-form", answers);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response;
    }

    [Fact]
    public async Task A_ticked_box_marks_the_case_a_formal_complaint_received_on_the_practices_day_by_comment_card_with_its_due_dates()
    {
        const string description = "Complaint card: the crown came loose the same week.";
        var response = await SendAsync("harbourside", Card(description, complaint: true, CommentCardRating.Good));

        response.Headers.Location!.OriginalString.ShouldBe("/feedback/harbourside/thanks?complaint=marked");
        var recoveryCase = await CaseAsync(description);
        var complaint = recoveryCase.Complaint.ShouldNotBeNull();
        // 00:30 in Sydney is still the day before in UTC: the practice's day counts.
        complaint.ReceivedOn.ShouldBe(CardDay);
        recoveryCase.ComplaintReceivedOn.ShouldBe(CardDay);
        complaint.Channel.ShouldBe(ComplaintChannel.CommentCardOrLetter);
        complaint.Summary.ShouldBe(RecoveryCase.CommentCardComplaintSummary);
        complaint.Summary!.ShouldNotContain("crown");
        // Thursday 3 December: Friday 4, Monday 7, Tuesday 8.
        recoveryCase.ComplaintAcknowledgeDue.ShouldBe(new DateOnly(2026, 12, 8));
        var rules = new ComplaintSettings(JurisdictionProfiles.AustraliaNewZealandOther.Id, null, null, null).Rules();
        var calendar = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id)
            .Select(p => new { p.OpeningDays, p.ClosureDays }).SingleAsync());
        recoveryCase.ComplaintRespondDue.ShouldBe(new ComplaintClock(rules, CardDay)
            .Respond(new WorkingCalendar(WorkingDays.Days(calendar.OpeningDays), rules.Region, WorkingDays.ClosureDates(calendar.ClosureDays)))!.Due);
        var marked = recoveryCase.Timeline.Single(e => e.Kind == TimelineEventKind.ComplaintMarked);
        marked.ActorName.ShouldBe("Comment card");
        marked.Detail.ShouldStartWith("Marked as a formal complaint (comment card or letter), received 2026-12-03");
        recoveryCase.ComplaintRequestedOn.ShouldBeNull();
    }

    [Fact]
    public async Task The_thank_you_page_says_the_practice_treats_it_as_a_formal_complaint_and_acknowledges_it_within_its_time()
    {
        using var patient = fixture.Anonymous();
        var marked = await patient.GetPageAsync("/feedback/harbourside/thanks?complaint=marked");
        marked.QuerySelector("[data-testid=thanks-complaint]")!.TextContent
            .ShouldBe("You asked to make a formal complaint: the practice will treat your card as a formal complaint and acknowledge it within 3 working days.");

        var asked = await patient.GetPageAsync("/feedback/other-street/thanks?complaint=asked");
        asked.QuerySelector("[data-testid=thanks-complaint]")!.TextContent
            .ShouldBe("You asked to make a formal complaint: the practice will treat your card as a formal complaint and acknowledge it.");
        // No date is promised by a practice with no rules, whatever the address says.
        (await patient.GetPageAsync("/feedback/other-street/thanks?complaint=marked")).QuerySelector("[data-testid=thanks-complaint]")!.TextContent.ShouldNotContain("within");
        (await patient.GetPageAsync("/feedback/harbourside/thanks")).QuerySelector("[data-testid=thanks-complaint]").ShouldBeNull();
    }

    [Fact]
    public async Task The_card_shows_the_box_labelled_with_a_hint()
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync("/feedback/harbourside");
        var box = page.QuerySelector("#Input_FormalComplaint")!;
        box.GetAttribute("type").ShouldBe("checkbox");
        page.QuerySelector("label[for=Input_FormalComplaint]")!.TextContent.ShouldBe("I want to make a formal complaint");
        page.QuerySelector($"#{box.GetAttribute("aria-describedby")}")!.TextContent.ShouldContain("complaints procedure");
    }

    [Fact]
    public async Task An_unticked_box_opens_the_case_without_marking_it()
    {
        const string description = "Complaint card: not ticked, only a remark.";
        var response = await SendAsync("harbourside", Card(description, complaint: false));

        response.Headers.Location!.OriginalString.ShouldBe("/feedback/harbourside/thanks");
        var recoveryCase = await CaseAsync(description);
        recoveryCase.Complaint.ShouldBeNull();
        recoveryCase.ComplaintReceivedOn.ShouldBeNull();
        recoveryCase.ComplaintRequestedOn.ShouldBeNull();
        recoveryCase.Timeline.ShouldHaveSingleItem().Kind.ShouldBe(TimelineEventKind.CaseOpened);
    }

    [Fact]
    public async Task A_ticked_box_at_a_practice_without_a_profile_opens_the_case_unmarked_and_staff_see_the_request_to_mark_it()
    {
        const string description = "Complaint card: at a practice with no complaint rules.";
        var response = await SendAsync("other-street", Card(description, complaint: true));

        response.Headers.Location!.OriginalString.ShouldBe("/feedback/other-street/thanks?complaint=asked");
        var recoveryCase = await CaseAsync(description);
        recoveryCase.PracticeId.ShouldBe(fixture.World.Other.Id);
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.Complaint.ShouldBeNull();
        recoveryCase.ComplaintReceivedOn.ShouldBeNull();
        // 21:30 on 2 December in Perth.
        recoveryCase.ComplaintRequestedOn.ShouldBe(new DateOnly(2026, 12, 2));
        recoveryCase.Timeline.Single(e => e.Kind == TimelineEventKind.ComplaintRequested).Detail
            .ShouldStartWith("The patient asked for a formal complaint on the comment card; it is not marked yet");

        using var manager = await fixture.SignInAsync(TestWorld.OtherManager);
        var casePage = await manager.GetPageAsync($"/cases/{recoveryCase.Id}");
        casePage.QuerySelector("[data-testid=complaint-requested]")!.TextContent.ShouldContain("The patient asked for a formal complaint on the comment card on 2026-12-02");
        var queue = await manager.GetPageAsync($"/queue?Filter.Complaints=true&Filter.Reference={recoveryCase.Reference}");
        queue.QuerySelector($"tr[data-case='{recoveryCase.Reference}'] [data-testid=complaint-badge]")!.TextContent.ShouldBe("Formal complaint asked for: mark it");
    }

    [Fact]
    public async Task Sending_the_same_ticked_card_twice_opens_and_marks_one_case()
    {
        const string description = "Complaint card: pressed send twice.";
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync("/feedback/harbourside");

        (await patient.SubmitAsync(page, "#comment-card-form", Card(description, complaint: true))).Headers.Location!.OriginalString
            .ShouldBe("/feedback/harbourside/thanks?complaint=marked");
        (await patient.SubmitAsync(page, "#comment-card-form", Card(description, complaint: true))).Headers.Location!.OriginalString
            .ShouldBe("/feedback/harbourside/thanks?complaint=marked");

        var cases = await fixture.App.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Include(c => c.Timeline)
            .Where(c => c.Defect.Description == description).ToListAsync());
        cases.ShouldHaveSingleItem().Timeline.Count(e => e.Kind == TimelineEventKind.ComplaintMarked).ShouldBe(1);
    }

    [Fact]
    public async Task The_queue_badges_a_formal_complaint_with_its_nearest_clock_and_overdue_in_the_danger_style()
    {
        const string description = "Complaint card: for the queue's badge.";
        await SendAsync("harbourside", Card(description, complaint: true));
        var reference = (await CaseAsync(description)).Reference;
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var due = await manager.GetPageAsync($"/queue?Filter.Reference={reference}");
        var badge = due.QuerySelector($"tr[data-case='{reference}'] [data-testid=complaint-badge]")!;
        badge.TextContent.ShouldBe("Formal complaint: acknowledge by 8 Dec");
        badge.ClassList.ShouldNotContain("text-bg-danger");

        // A card from a visit on Friday 20 November, marked as received that day: the acknowledgement was due on Wednesday 25 November.
        const string late = "Complaint card: marked late, from a visit in November.";
        var answers = Card(late, complaint: false);
        answers["Input.VisitDate"] = "2026-11-20";
        await SendAsync("harbourside", answers);
        var lateCase = await CaseAsync(late);
        await fixture.App.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == fixture.World.Harbourside.Id);
            var tracked = await db.Cases.Include(c => c.Defect).SingleAsync(c => c.Id == lateCase.Id);
            tracked.MarkFormalComplaint(Actor.CommentCard, new DateOnly(2026, 11, 20), ComplaintChannel.CommentCardOrLetter, null, practice, fixture.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        var overdue = await manager.GetPageAsync($"/queue?Filter.Reference={lateCase.Reference}");
        var lateBadge = overdue.QuerySelector($"tr[data-case='{lateCase.Reference}'] [data-testid=complaint-badge]")!;
        lateBadge.TextContent.ShouldBe("Formal complaint: acknowledgement overdue (due 25 Nov)");
        lateBadge.ClassList.ShouldContain("text-bg-danger");
    }

    [Fact]
    public async Task The_badge_names_the_response_once_acknowledged_says_paused_or_answered_and_nothing_for_a_case_that_is_not_a_complaint()
    {
        var today = new DateOnly(2026, 12, 3);
        CaseQueue.BadgeOf(today, null, new DateOnly(2027, 1, 1), responded: false, requested: false, today)!.Text.ShouldBe("Formal complaint: respond by 1 Jan");
        CaseQueue.BadgeOf(today, null, null, responded: false, requested: false, today)!.Text.ShouldBe("Formal complaint: clock paused");
        CaseQueue.BadgeOf(today, null, null, responded: true, requested: false, today)!.ShouldBe(new CaseQueue.ComplaintBadge("Formal complaint: answered", false));
        CaseQueue.BadgeOf(null, null, null, responded: false, requested: false, today).ShouldBeNull();

        // Over HTTP: a paused clock.
        const string description = "Complaint card: waiting for the patient.";
        await SendAsync("harbourside", Card(description, complaint: true));
        var recoveryCase = await CaseAsync(description);
        await fixture.App.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == fixture.World.Harbourside.Id);
            var tracked = await db.Cases.Include(c => c.Complaint).SingleAsync(c => c.Id == recoveryCase.Id);
            tracked.PauseComplaintClock(Actor.CommentCard, CardDay, "Waiting for the patient's consent", practice, fixture.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var queue = await manager.GetPageAsync($"/queue?Filter.Reference={recoveryCase.Reference}");
        queue.QuerySelector($"tr[data-case='{recoveryCase.Reference}'] [data-testid=complaint-badge]")!.TextContent.ShouldBe("Formal complaint: clock paused");
    }

    [Fact]
    public async Task Formal_complaints_only_lists_the_complaints_of_the_users_practices_and_says_so_when_there_are_none()
    {
        await SendAsync("harbourside", Card("Complaint card: filter, a complaint.", complaint: true));
        await SendAsync("harbourside", Card("Complaint card: filter, not a complaint.", complaint: false));
        await SendAsync("other-street", Card("Complaint card: filter, another practice's request.", complaint: true));
        // References are numbered per practice, so the rows are told apart by the case each links to.
        var complaint = await CaseAsync("Complaint card: filter, a complaint.");
        var plain = await CaseAsync("Complaint card: filter, not a complaint.");
        var others = await CaseAsync("Complaint card: filter, another practice's request.");
        static List<string?> Links(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.GetAttribute("href")).ToList();

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var all = await manager.GetPageAsync("/queue?Filter.Complaints=true");
        all.QuerySelectorAll("tbody tr").ShouldAllBe(r => r.QuerySelector("[data-testid=complaint-badge]") != null);
        all.QuerySelector("#f-complaints")!.HasAttribute("checked").ShouldBeTrue();
        Links(await manager.GetPageAsync($"/queue?Filter.Complaints=true&Filter.Reference={complaint.Reference}")).ShouldContain($"/cases/{complaint.Id}");
        Links(await manager.GetPageAsync($"/queue?Filter.Complaints=true&Filter.Reference={others.Reference}")).ShouldNotContain($"/cases/{others.Id}");
        Links(await manager.GetPageAsync($"/queue?Filter.Reference={plain.Reference}")).ShouldContain($"/cases/{plain.Id}");

        var none = await manager.GetPageAsync($"/queue?Filter.Complaints=true&Filter.Reference={plain.Reference}");
        none.QuerySelector("[data-testid=empty-state]")!.TextContent.Trim().ShouldBe("No formal complaints match these filters.");

        // The other practice's manager sees its request, not Harbourside's complaint.
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        var theirs = Links(await otherManager.GetPageAsync($"/queue?Filter.Complaints=true&Filter.Reference={others.Reference}"));
        theirs.ShouldContain($"/cases/{others.Id}");
        theirs.ShouldNotContain($"/cases/{complaint.Id}");
    }

    [Fact]
    public async Task The_queue_reads_its_complaint_badges_in_the_same_query_however_many_complaints_it_lists()
    {
        await SendAsync("harbourside", Card("Complaint card: cost, the first.", complaint: true));
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await manager.GetPageAsync("/queue?Filter.Complaints=true");
        fixture.App.Commands.Reset();
        await manager.GetPageAsync("/queue?Filter.Complaints=true");
        var before = fixture.App.Commands.Texts.Count;

        for (var i = 0; i < 3; i++)
        {
            await SendAsync("harbourside", Card($"Complaint card: cost, more {i}.", complaint: true));
        }

        fixture.App.Commands.Reset();
        var page = await manager.GetPageAsync("/queue?Filter.Complaints=true");

        page.QuerySelectorAll("[data-testid=complaint-badge]").Length.ShouldBeGreaterThanOrEqualTo(4);
        fixture.App.Commands.Texts.Count.ShouldBe(before);
        fixture.App.Commands.Texts.Count(sql => sql.Contains("\"FormalComplaints\"", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task The_settings_say_how_many_formal_complaints_are_open_and_nothing_when_none_are()
    {
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        (await otherManager.GetPageAsync("/settings")).QuerySelector("[data-testid=open-complaints]").ShouldBeNull();

        var open = await fixture.App.WithDbAsync(db => db.Cases.IgnoreQueryFilters()
            .CountAsync(c => c.PracticeId == fixture.World.Harbourside.Id && c.ComplaintReceivedOn != null && c.Status != CaseStatus.Withdrawn && c.Complaint!.RespondedOn == null));
        await SendAsync("harbourside", Card("Complaint card: for the settings count.", complaint: true));
        await SendAsync("harbourside", Card("Complaint card: for the settings count, another.", complaint: true));
        await SendAsync("other-street", Card("Complaint card: not counted at Harbourside.", complaint: true));
        var withdrawn = await CaseAsync("Complaint card: for the settings count, another.");
        await fixture.App.WithDbAsync(async db =>
        {
            var tracked = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.Id == withdrawn.Id);
            tracked.Withdraw(new Actor("settings-test", TestWorld.ManagerName, StaffRole.PracticeManager), "Logged twice by mistake", fixture.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var settings = await manager.GetPageAsync($"/settings?practice={fixture.World.Harbourside.Id}");
        var expected = open + 1;
        settings.QuerySelector("[data-testid=open-complaints]")!.TextContent.ShouldBe(expected == 1
            ? "1 formal complaint is open; it keeps the rules it was marked with."
            : $"{expected} formal complaints are open; they keep the rules they were marked with.");
    }
}
