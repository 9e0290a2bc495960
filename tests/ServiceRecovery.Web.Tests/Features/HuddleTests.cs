using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The huddle board on the staff-room TV: its numbers, what it never shows, its refresh, and its display link.</summary>
public sealed class HuddleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int CostBudget = 20;

    [Fact]
    public async Task Each_panel_shows_the_numbers_of_its_practice()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Panel Street Dental");
        var today = HuddlePractice.Today;
        var newSaySorry = await p.OpenCaseAsync(1, TimeSpan.FromMinutes(30));
        var newExpedite = await p.OpenCaseAsync(4, TimeSpan.FromHours(2), (c, at) => Apologise(p, c, at));
        var overdueSaySorry = await p.OpenCaseAsync(4, TimeSpan.FromDays(2));
        var overdueVictory = await p.OpenCaseAsync(7, TimeSpan.FromDays(5), (c, at) =>
        {
            Apologise(p, c, at);
            c.RecordFix(p.FrontDesk, "Rebooked.", at.AddMinutes(2));
            c.RecordContact(p.FrontDesk, ContactMethod.Call, at.AddMinutes(3), "Called.", at.AddMinutes(3));
        });
        var wins = await p.OpenCaseAsync(1, TimeSpan.FromHours(3), (c, at) =>
        {
            Apologise(p, c, at);
            var now = DateTimeOffset.UtcNow;
            c.GiveGesture(p.Manager, GestureKind.Discount, 40m, null, GestureLimits.Default, now);
            c.GiveGesture(p.Manager, GestureKind.Gift, 25.50m, null, GestureLimits.Default, now);
            c.GiveGesture(p.FrontDesk, GestureKind.Refund, 150m, null, GestureLimits.Default, now); // above the limit: waits, not a win yet
        });
        await p.OpenCaseAsync(6, TimeSpan.FromDays(20), (c, at) =>
        {
            c.GiveGesture(p.Manager, GestureKind.Refund, 30m, null, GestureLimits.Default, at.AddMinutes(1)); // weeks ago: not this week's win
            SkipUpTo(p, c, ServiceStep.ExtendOutcome, at);
            c.RecordReturn(p.Manager, today, "Six-monthly check-up", HuddlePractice.Locale, DateTimeOffset.UtcNow);
        });
        var lessons = await p.OpenCaseAsync(5, TimeSpan.FromHours(4), (c, at) =>
        {
            Apologise(p, c, at);
            c.RecordLesson(p.Manager, "Tell patients early when we run late.", at.AddMinutes(2));
            var draft = c.RecordLesson(p.Manager, "Draft wording nobody should see.", at.AddMinutes(3));
            c.CorrectRecord(draft.Id, "Check the lab tracking sheet every morning.", p.Manager, at.AddMinutes(4));
        });
        var alreadyShared = await p.OpenCaseAsync(2, TimeSpan.FromDays(6), (c, at) =>
        {
            SkipUpTo(p, c, ServiceStep.CommunicateResults, at);
            c.RecordLesson(p.Manager, "A lesson shared last week.", at.AddMinutes(10));
            c.MarkLessonsShared(p.Manager, HuddlePractice.Locale.DateAt(at), HuddlePractice.Locale, at.AddMinutes(11));
        });
        var followUp = await p.OpenCaseAsync(3, TimeSpan.FromHours(5), (c, at) =>
        {
            Apologise(p, c, at);
            c.PlanFollowUp(p.FrontDesk, today, FollowUpMethod.Call, HuddlePractice.Locale, at.AddMinutes(2));
            var done = c.PlanFollowUp(p.FrontDesk, today, FollowUpMethod.Email, HuddlePractice.Locale, at.AddMinutes(3));
            c.RecordFollowUpOutcome(done.Id, p.FrontDesk, "Happy now.", at.AddMinutes(4));
            c.PlanFollowUp(p.FrontDesk, today.AddDays(1), FollowUpMethod.Letter, HuddlePractice.Locale, at.AddMinutes(5));
        });
        var withdrawn = await p.OpenCaseAsync(1, TimeSpan.FromHours(1), (c, at) => c.Withdraw(p.Manager, "Logged twice.", at.AddMinutes(1)));
        await p.OpenCaseAsync(8, TimeSpan.FromDays(40), (c, at) => SkipAll(p, c, at));

        using var client = await fixture.SignInAsync(p.FrontDeskEmail);
        var board = await client.GetPageAsync("/huddle");

        board.QuerySelector("h1")!.TextContent.ShouldContain("Panel Street Dental");
        board.QuerySelector("[data-testid=open-total]")!.TextContent.ShouldBe("8");
        StepCounts(board).ShouldBe(new Dictionary<string, string>
        {
            ["SaySorry"] = "2",
            ["ExpediteSolutions"] = "4",
            ["Respond"] = "0",
            ["Victory"] = "1",
            ["ImplementImprovements"] = "0",
            ["CommunicateResults"] = "0",
            ["ExtendOutcome"] = "1",
        });

        board.QuerySelector("[data-testid=overdue-total]")!.TextContent.ShouldBe("2");
        Rows(board, "overdue").ShouldBe([
            [overdueVictory, "Victory to the patient", "2 d 0 h"],
            [overdueSaySorry, "Say sorry", "1 d 23 h"],
        ]);

        Panel(board, "new").QuerySelector("h2")!.TextContent.ShouldContain("New in the last 24 hours");
        board.QuerySelector("[data-testid=new-total]")!.TextContent.ShouldBe("5");
        Rows(board, "new").Select(r => r[0]).ShouldBe([newSaySorry, newExpedite, wins, lessons, followUp], ignoreOrder: true);
        Rows(board, "new").Single(r => r[0] == newExpedite).ShouldBe([newExpedite, "Waiting Waiting time · Expedite solutions"]);
        Panel(board, "new").TextContent.ShouldNotContain(withdrawn);

        board.QuerySelector("[data-testid=gestures-given]")!.TextContent.ShouldBe("2");
        board.QuerySelector("[data-testid=gesture-total]")!.TextContent.ShouldBe("$65.50");
        board.QuerySelector("[data-testid=patients-returned]")!.TextContent.ShouldBe("1");

        board.QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("2");
        var lessonPanel = Panel(board, "lessons").TextContent;
        lessonPanel.ShouldContain("Tell patients early when we run late.");
        lessonPanel.ShouldContain("Check the lab tracking sheet every morning.");
        lessonPanel.ShouldContain(lessons);
        lessonPanel.ShouldNotContain("Draft wording nobody should see.");
        lessonPanel.ShouldNotContain("A lesson shared last week.");
        lessonPanel.ShouldNotContain(alreadyShared);

        board.QuerySelector("[data-testid=follow-ups-total]")!.TextContent.ShouldBe("1");
        Panel(board, "follow-ups").QuerySelectorAll("li").Select(li => Squash(li.TextContent)).ShouldBe([$"{followUp} Call"]);

        // Nine defects in the last 30 days (not the withdrawn one, not the one 40 days ago), by stage in the practice's order.
        board.QuerySelector("[data-testid=heatmap-total]")!.TextContent.ShouldBe("9");
        var heatmap = board.QuerySelector("[data-testid=heatmap]")!;
        heatmap.QuerySelectorAll("thead th.week").Length.ShouldBeInRange(5, 6);
        heatmap.QuerySelectorAll("tbody tr").Select(tr => (tr.QuerySelector("th")!.TextContent, tr.QuerySelectorAll("td").Sum(td => int.Parse(td.TextContent))))
            .ShouldBe([
                ("First contact", 2), ("Booking & reminders", 1), ("Arrival & reception", 1), ("Waiting", 2),
                ("Treatment (chairside)", 1), ("Billing & payment", 1), ("After the visit", 1), ("Recall & return", 0),
            ]);
        heatmap.QuerySelectorAll("td").ShouldAllBe(td => td.ClassList.Any(c => c.StartsWith("heat-")));
    }

    [Fact]
    public async Task A_lesson_naming_the_patient_never_reaches_the_display_link_until_a_manager_has_corrected_and_shared_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var log = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(log, "Zebediah Quartermaine", "The receptionist read out my xylophone-shaped invoice in the waiting room.");
        form["Input.PatientPhone"] = "0499 876 543";
        form["Input.PatientEmail"] = "zebediah.q@example.com";
        var logged = await frontDesk.SubmitAsync(log, "#log-defect-form", form);
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = new CasePage(frontDesk, logged.Headers.Location!.OriginalString);
        // Staff write what they know: here the patient's name, in the one free text the board shows.
        await page.SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Zebediah Quartermaine heard his invoice read aloud: discuss invoices quietly." });
        await page.SubmitAsync("#follow-up-form", new() { ["FollowUp.PlannedFor"] = HuddlePractice.Today.ToString("yyyy-MM-dd") });
        var reference = (await page.LoadAsync()).QuerySelector("[data-testid=case-reference]")!.TextContent;
        // The patient is booked today: the board's "Welcome back today" names the case, never the patient.
        await fixture.App.WithDbAsync(async db =>
        {
            var patientId = await db.Cases.Where(c => c.Reference == reference && c.PracticeId == fixture.World.Harbourside.Id).Select(c => c.Defect.PatientId!.Value).SingleAsync();
            db.Appointments.Add(Appointment.Record(fixture.World.Harbourside.Id, $"appt-{Guid.NewGuid():N}", patientId, HuddlePractice.At(0, 12),
                AppointmentStatus.Booked, AppointmentSource.Api, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var link = await IssueLinkAsync(manager, fixture.World.Harbourside.Id);
        using var tv = fixture.Anonymous();
        string[] secrets = ["Zebediah", "Quartermaine", "0499 876 543", "0499876543", "zebediah.q@example.com", "xylophone"];
        async Task<string[]> DisplayAsync() => [await tv.Http.GetStringAsync(link), await tv.Http.GetStringAsync($"{link}?handler=Panels")];

        // Unshared: the TV shows the case but not the lesson; the manager reads it on the signed-in board, warned.
        foreach (var html in await DisplayAsync())
        {
            html.ShouldContain(reference);
            var welcomeBack = html[html.IndexOf("data-panel=\"welcome-back\"", StringComparison.Ordinal)..];
            welcomeBack[..welcomeBack.IndexOf("</section>", StringComparison.Ordinal)].ShouldContain($"data-reference=\"{reference}\"", customMessage: "on the board's welcome back today");
            html.ShouldNotContain("discuss invoices quietly");
            secrets.ShouldAllBe(secret => !html.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        var board = await manager.GetPageAsync("/huddle");
        Panel(board, "lessons").TextContent.ShouldContain("Zebediah Quartermaine heard his invoice read aloud");
        board.QuerySelector("[data-testid=share-warning]")!.TextContent.ShouldContain("Check that none names a patient");
        (await frontDesk.GetPageAsync(page.Url)).QuerySelector("#lesson-hint")!.TextContent.ShouldContain("name no patient");

        // The manager corrects the wording on the case, then shares: only the corrected wording reaches the TV.
        await new CasePage(manager, page.Url).SubmitAsync("[data-testid=lessons] .correct-form", new() { ["Correct.Text"] = "Discuss invoices at the desk, quietly." });
        (await manager.SubmitAsync("/huddle", "#share-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var html in await DisplayAsync())
        {
            html.ShouldContain("Discuss invoices at the desk, quietly.");
            html.ShouldContain("Lessons shared");
            secrets.ShouldAllBe(secret => !html.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // Signed-in boards never show the patient's details either (the lesson panel is now empty: all shared).
        foreach (var html in new[] { await frontDesk.Http.GetStringAsync("/huddle"), await manager.Http.GetStringAsync($"/huddle?handler=Panels&practice={fixture.World.Harbourside.Id}") })
        {
            html.ShouldContain(reference);
            secrets.ShouldAllBe(secret => !html.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_manager_marks_the_lessons_shared_at_todays_huddle_in_one_go()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Sharing Dental");
        var first = await p.OpenCaseAsync(1, TimeSpan.FromHours(3), (c, at) => c.RecordLesson(p.Manager, "Confirm bookings by text.", at.AddMinutes(1)));
        var second = await p.OpenCaseAsync(2, TimeSpan.FromHours(2), (c, at) => c.RecordLesson(p.Manager, "Warm the waiting room in winter.", at.AddMinutes(1)));
        using var manager = await fixture.SignInAsync(p.ManagerEmail);

        var board = await manager.GetPageAsync("/huddle");
        board.QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("2");
        board.QuerySelector("#share-form button")!.TextContent.ShouldBe("Shared at today's huddle");
        var response = await manager.SubmitAsync(board, "#share-form", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/huddle?practice={p.Id}");
        var after = await manager.GetPageAsync(response.Headers.Location!.OriginalString);
        after.QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("0");
        Panel(after, "new").QuerySelector("h2")!.TextContent.ShouldContain("New since the huddle");
        after.QuerySelector("[data-testid=new-total]")!.TextContent.ShouldBe("0");
        var saved = await p.WithDbAsync(async db => new
        {
            SharedOn = await db.Set<Lesson>().Where(l => db.Cases.Any(c => c.Id == l.CaseId && c.PracticeId == p.Id)).Select(l => l.SharedOn).ToListAsync(),
            Communicate = await db.Cases.Where(c => c.PracticeId == p.Id).Select(c => c.Steps.Communicate.SettledAt).ToListAsync(),
            Timeline = await db.Timeline.CountAsync(e => e.Kind == TimelineEventKind.LessonShared && db.Cases.Any(c => c.Id == e.CaseId && c.PracticeId == p.Id)),
            LastHuddle = await db.Practices.Where(x => x.Id == p.Id).Select(x => x.LastHuddleAt).SingleAsync(),
        });
        saved.SharedOn.ShouldBe([HuddlePractice.Today, HuddlePractice.Today]);
        saved.Communicate.ShouldAllBe(at => at != null);
        saved.Timeline.ShouldBe(2);
        saved.LastHuddle.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        (await new CasePage(manager, $"/cases/{await CaseIdAsync(p, first)}").StateOfAsync(nameof(ServiceStep.CommunicateResults))).ShouldBe(nameof(StepState.Done));
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task The_board_keeps_its_panels_a_few_seconds_but_shows_every_committed_change_at_once()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Cache Lane Dental");
        var reference = await p.OpenCaseAsync(1, TimeSpan.FromHours(3));
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        (await manager.GetPageAsync("/huddle")).QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("0");

        // A command from the case page, saved and committed inside the transaction behaviour.
        await new CasePage(manager, $"/cases/{await CaseIdAsync(p, reference)}").SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Say so early when we run late." });
        (await manager.GetPageAsync("/huddle")).QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("1");

        // A save outside any command.
        await p.OpenCaseAsync(2, TimeSpan.FromMinutes(20));
        (await manager.GetPageAsync("/huddle")).QuerySelector("[data-testid=new-total]")!.TextContent.ShouldBe("2");
    }

    [Fact]
    public async Task The_front_desk_has_no_share_button_and_a_forged_post_is_refused()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "No Sharing Dental");
        var reference = await p.OpenCaseAsync(1, TimeSpan.FromHours(1), (c, at) => c.RecordLesson(p.Manager, "Say the wait time out loud.", at.AddMinutes(1)));
        var caseId = await CaseIdAsync(p, reference);
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);

        var board = await frontDesk.GetPageAsync("/huddle");
        board.QuerySelector("[data-testid=lessons-total]")!.TextContent.ShouldBe("1");
        board.QuerySelector("#share-form").ShouldBeNull();
        board.QuerySelector("form").ShouldBeNull();
        board.QuerySelector("[data-testid=display-link-settings]").ShouldBeNull();

        var token = (await frontDesk.GetPageAsync("/defects/log")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await frontDesk.Http.PostAsync($"/huddle?handler=Share&practice={p.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Share.CaseIds"] = caseId.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await p.WithDbAsync(db => db.Set<Lesson>().Where(l => l.CaseId == caseId).Select(l => l.SharedOn).SingleAsync())).ShouldBeNull();
        (await p.WithDbAsync(db => db.Practices.Where(x => x.Id == p.Id).Select(x => x.LastHuddleAt).SingleAsync())).ShouldBeNull();
        (await frontDesk.Http.GetAsync($"/huddle/display-link?practice={p.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_display_link_shows_the_board_without_signing_in_and_nothing_else()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Display Dental");
        var reference = await p.OpenCaseAsync(3, TimeSpan.FromHours(1));
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        var link = await IssueLinkAsync(manager, p.Id);
        using var tv = fixture.Anonymous();

        var response = await tv.Http.GetAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var board = await WebClient.ParseAsync(response);
        board.QuerySelector("h1")!.TextContent.ShouldContain("Display Dental");
        board.QuerySelector("[data-testid=new-total]")!.TextContent.ShouldBe("1");
        Panel(board, "new").TextContent.ShouldContain(reference);
        board.QuerySelectorAll("a").ShouldBeEmpty("a display link leads nowhere else");
        board.QuerySelectorAll("form").ShouldBeEmpty();
        board.QuerySelectorAll("nav").ShouldBeEmpty();
        var path = new Uri(link).AbsolutePath;
        board.QuerySelector("[data-huddle-board]")!.GetAttribute("data-refresh-url").ShouldBe($"{path}?handler=Panels");

        var panels = await tv.Http.GetAsync($"{path}?handler=Panels");
        panels.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await panels.Content.ReadAsStringAsync()).ShouldContain(reference);

        // One "used" audit event for the hour, however often the TV refreshes.
        await tv.Http.GetStringAsync(link);
        var audit = await p.WithDbAsync(db => db.Audit.Where(e => e.PracticeId == p.Id).OrderBy(e => e.At).Select(e => new { e.Kind, e.ActorName, e.Detail }).ToListAsync());
        audit.Select(e => e.Kind).ShouldBe([AuditKind.DisplayLinkIssued, AuditKind.DisplayLinkUsed]);
        audit[0].ActorName.ShouldBe("Huddle Manager");
        audit.ShouldAllBe(e => !e.Detail.Contains(path.Split('/').Last()));
    }

    [Fact]
    public async Task A_renewed_or_revoked_display_link_is_not_found()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Renewal Dental");
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        using var tv = fixture.Anonymous();
        var first = await IssueLinkAsync(manager, p.Id);
        (await tv.Http.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var settings = await manager.GetPageAsync($"/huddle/display-link?practice={p.Id}");
        settings.QuerySelector("#issue-form button")!.TextContent.ShouldBe("Renew link");
        var renewed = await IssueLinkAsync(manager, p.Id);

        renewed.ShouldNotBe(first);
        (await tv.Http.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tv.Http.GetAsync($"{first}?handler=Panels")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tv.Http.GetAsync(renewed)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revoked = await manager.SubmitAsync($"/huddle/display-link?practice={p.Id}", "#revoke-form", []);
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await tv.Http.GetAsync(renewed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tv.Http.GetAsync($"{renewed}?handler=Panels")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tv.Http.GetAsync("/huddle/display/not-a-token-anyone-was-ever-given-0123456789")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetPageAsync($"/huddle/display-link?practice={p.Id}")).QuerySelector("#revoke-form").ShouldBeNull();

        var kinds = await p.WithDbAsync(db => db.Audit.Where(e => e.PracticeId == p.Id).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        kinds.ShouldBe([AuditKind.DisplayLinkIssued, AuditKind.DisplayLinkUsed, AuditKind.DisplayLinkIssued, AuditKind.DisplayLinkUsed, AuditKind.DisplayLinkRevoked]);
    }

    [Fact]
    public async Task A_board_never_shows_another_practice()
    {
        var mine = await HuddlePractice.CreateAsync(fixture, "Mine Dental");
        var theirs = await HuddlePractice.CreateAsync(fixture, "Theirs Dental");
        await mine.OpenCaseAsync(1, TimeSpan.FromHours(1), (c, at) => c.RecordLesson(mine.Manager, "Our own lesson.", at.AddMinutes(1)));
        await mine.OpenCaseAsync(2, TimeSpan.FromHours(1), (c, at) =>
        {
            c.RecordLesson(mine.Manager, "Our shared lesson.", at.AddMinutes(1));
            c.MarkLessonsShared(mine.Manager, HuddlePractice.Today, HuddlePractice.Locale, DateTimeOffset.UtcNow);
        });
        await theirs.OpenCaseAsync(1, TimeSpan.FromHours(2), (c, at) => c.RecordLesson(theirs.Manager, "Their private lesson.", at.AddMinutes(1)));
        await theirs.OpenCaseAsync(2, TimeSpan.FromDays(3), (c, at) =>
        {
            c.RecordLesson(theirs.Manager, "Their shared lesson.", at.AddMinutes(1));
            c.MarkLessonsShared(theirs.Manager, HuddlePractice.Today, HuddlePractice.Locale, DateTimeOffset.UtcNow);
        });
        using var myManager = await fixture.SignInAsync(mine.ManagerEmail);
        using var theirStaff = await fixture.SignInAsync(theirs.FrontDeskEmail);
        var link = await IssueLinkAsync(myManager, mine.Id);
        using var tv = fixture.Anonymous();

        foreach (var (html, ours) in new[] { (await tv.Http.GetStringAsync(link), "Our shared lesson."), (await myManager.Http.GetStringAsync("/huddle"), "Our own lesson.") })
        {
            html.ShouldContain(ours);
            html.ShouldNotContain("Their private lesson.");
            html.ShouldNotContain("Their shared lesson.");
            html.ShouldNotContain("Theirs Dental");
        }

        (await theirStaff.Http.GetAsync($"/huddle?practice={mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirStaff.Http.GetAsync($"/huddle?handler=Panels&practice={mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await myManager.Http.GetAsync($"/huddle/display-link?practice={theirs.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var theirBoard = await theirStaff.GetPageAsync("/huddle");
        theirBoard.QuerySelector("[data-testid=overdue-total]")!.TextContent.ShouldBe("2");
        theirBoard.QuerySelector("[data-testid=practice-chooser]").ShouldBeNull("one practice, no chooser");
    }

    [Fact]
    public async Task Someone_in_several_practices_chooses_the_board_to_show()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var first = await admin.GetPageAsync("/huddle");
        var choices = first.QuerySelectorAll("[data-testid=practice-chooser] a");
        choices.Select(a => a.TextContent).ShouldBe(["Harbourside Dental", "Other Street Dental"]);
        first.QuerySelector("h1")!.TextContent.ShouldContain("Harbourside Dental");
        choices[0].GetAttribute("aria-current").ShouldBe("page");

        var other = await admin.GetPageAsync(choices[1].GetAttribute("href")!);
        other.QuerySelector("h1")!.TextContent.ShouldContain("Other Street Dental");
        other.QuerySelector("[data-huddle-board]")!.GetAttribute("data-refresh-url").ShouldBe($"/huddle?practice={fixture.World.Other.Id}&handler=Panels");
        (await admin.Http.GetAsync($"/huddle?practice={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_refresh_endpoint_returns_just_the_panels_and_the_page_has_no_inline_script_or_style()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Refresh Dental");
        var reference = await p.OpenCaseAsync(1, TimeSpan.FromDays(1));
        using var client = await fixture.SignInAsync(p.FrontDeskEmail);

        var page = await client.GetPageAsync("/huddle");
        var refreshUrl = page.QuerySelector("[data-huddle-board]")!.GetAttribute("data-refresh-url")!;
        refreshUrl.ShouldBe($"/huddle?practice={p.Id}&handler=Panels");
        page.QuerySelectorAll("script").ShouldAllBe(s => s.HasAttribute("src"));
        page.QuerySelectorAll("script[src]").ShouldHaveSingleItem().GetAttribute("src")!.ShouldMatch(@"^/js/huddle\.[a-z0-9]+\.js$", "the board's own script, fingerprinted");
        page.QuerySelectorAll("[style], style").ShouldBeEmpty();
        page.QuerySelector("nav.navbar").ShouldBeNull("the board has no app navbar");

        var response = await client.Http.GetAsync(refreshUrl);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = (await response.Content.ReadAsStringAsync()).Trim();
        html.ShouldStartWith("<div class=\"board-panels\"");
        html.ShouldNotContain("<html", Case.Insensitive);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<h1", Case.Insensitive);
        var panels = await WebClient.ParseAsync(response);
        panels.QuerySelectorAll("[data-panel]").Select(s => s.GetAttribute("data-panel"))
            .ShouldBe(["steps", "overdue", "new", "wins", "follow-ups", "welcome-back", "lessons", "heatmap"]);
        panels.QuerySelector("[data-testid=overdue-total]")!.TextContent.ShouldBe("1");
        panels.QuerySelector("[data-panel=overdue]")!.TextContent.ShouldContain(reference);
    }

    [Fact]
    public async Task The_board_costs_the_same_few_commands_with_10_or_40_closed_cases_behind_it()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "History Dental");
        await p.OpenCaseAsync(1, TimeSpan.FromDays(2));
        await p.OpenCaseAsync(2, TimeSpan.FromHours(2), (c, at) => c.RecordLesson(p.Manager, "A lesson.", at.AddMinutes(1)));
        for (var i = 0; i < 10; i++)
        {
            await p.CloseHistoricCaseAsync(TimeSpan.FromDays(i * 4 + 1));
        }

        using var client = await fixture.SignInAsync(p.ManagerEmail);
        var withTen = await CommandsFor(client);
        for (var i = 10; i < 40; i++)
        {
            await p.CloseHistoricCaseAsync(TimeSpan.FromDays(i + 0.5));
        }

        var withForty = await CommandsFor(client);

        withForty.ShouldBe(withTen, "the board's cost must not grow with closed history");
        withForty.ShouldBeLessThanOrEqualTo(CostBudget);
        var board = await client.GetPageAsync("/huddle");
        board.QuerySelector("[data-testid=open-total]")!.TextContent.ShouldBe("2");
    }

    private async Task<int> CommandsFor(WebClient client)
    {
        await client.GetPageAsync("/huddle");
        fixture.App.Commands.Reset();
        await client.GetPageAsync("/huddle");
        return fixture.App.Commands.Count;
    }

    /// <summary>Issues (or renews) the practice's display link through the manager's page; returns the link shown once.</summary>
    private static async Task<string> IssueLinkAsync(WebClient manager, Guid practiceId)
    {
        var response = await manager.SubmitAsync($"/huddle/display-link?practice={practiceId}", "#issue-form", []);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        var link = page.QuerySelector("[data-testid=new-link] #display-link")!.GetAttribute("value")!;
        link.ShouldMatch("^http://localhost/huddle/display/[A-Za-z0-9_-]{43}$");
        (await manager.GetPageAsync($"/huddle/display-link?practice={practiceId}")).QuerySelector("[data-testid=new-link]").ShouldBeNull("shown once");
        return link;
    }

    private static void Apologise(HuddlePractice p, RecoveryCase c, DateTimeOffset at) =>
        c.RecordApology(p.FrontDesk, "Front desk", ApologyMethod.InPerson, at.AddMinutes(1), at.AddMinutes(1));

    /// <summary>Settles every step before <paramref name="stop"/> that is still to do by skipping it, a minute after the case opened.</summary>
    private static void SkipUpTo(HuddlePractice p, RecoveryCase c, ServiceStep stop, DateTimeOffset at)
    {
        foreach (var step in ServiceSteps.InOrder.TakeWhile(s => s != stop).Where(s => !c.Steps[s].IsSettled))
        {
            c.Skip(step, "Not needed for this test case.", p.Manager, at.AddMinutes(1));
        }
    }

    private static void SkipAll(HuddlePractice p, RecoveryCase c, DateTimeOffset at)
    {
        SkipUpTo(p, c, ServiceStep.ExtendOutcome, at);
        c.Skip(ServiceStep.ExtendOutcome, "Not needed for this test case.", p.Manager, at.AddMinutes(2));
    }

    private static Task<Guid> CaseIdAsync(HuddlePractice p, string reference) =>
        p.WithDbAsync(db => db.Cases.Where(c => c.PracticeId == p.Id && c.Reference == reference).Select(c => c.Id).SingleAsync());

    private static AngleSharp.Dom.IElement Panel(IHtmlDocument board, string name) => board.QuerySelector($"[data-panel={name}]")!;

    private static Dictionary<string, string> StepCounts(IHtmlDocument board) =>
        Panel(board, "steps").QuerySelectorAll("li[data-step]").ToDictionary(li => li.GetAttribute("data-step")!, li => li.QuerySelector(".step-count")!.TextContent);

    private static List<string[]> Rows(IHtmlDocument board, string panel) =>
        Panel(board, panel).QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => Squash(td.TextContent)).ToArray()).ToList();

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
