using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Domain;
using ServiceRecovery.Web.Features.WelcomeBacks;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Welcome back: who with a recent recovery is booked today or tomorrow, on the home page and the huddle board.</summary>
public sealed class WelcomeBackTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string SuggestedByDefault = WelcomeGestureList.Defaults[0];

    [Fact]
    public async Task The_front_desk_sees_who_with_a_recent_recovery_is_booked_today_or_tomorrow_with_the_lesson_what_was_given_and_a_gesture_to_offer()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Welcome Street Dental");
        var theirs = await HuddlePractice.CreateAsync(fixture, "Elsewhere Dental");
        var olivia = await p.OpenCaseAsync(4, TimeSpan.FromDays(2), (c, at) =>
        {
            c.RecordLesson(p.Manager, "We now tell patients about delays as they arrive.", at.AddMinutes(2));
            c.GiveGesture(p.Manager, GestureKind.Discount, 40m, null, GestureLimits.Default, at.AddMinutes(3));
        }, patientName: "Olivia Welcome");
        var peter = await p.OpenCaseAsync(6, TimeSpan.FromDays(3), (c, at) => c.PlanWelcomeBack(p.Manager, "Flowers for the family", at.AddMinutes(5)),
            patientName: "Peter Planned");
        var rita = await p.CloseHistoricCaseAsync(TimeSpan.FromDays(60), "Rita Recent");
        var oliver = await p.CloseHistoricCaseAsync(TimeSpan.FromDays(400), "Oliver Old");
        var wendy = await p.OpenCaseAsync(2, TimeSpan.FromDays(1), (c, at) => c.Withdraw(p.Manager, "Logged twice.", at.AddMinutes(1)), patientName: "Wendy Withdrawn");
        var carl = await p.OpenCaseAsync(3, TimeSpan.FromDays(1), patientName: "Carl Cancelled");
        var later = await p.OpenCaseAsync(3, TimeSpan.FromDays(1), patientName: "Laura Later");
        var oscar = await theirs.OpenCaseAsync(4, TimeSpan.FromDays(1), patientName: "Oscar Elsewhere");
        await p.BookAsync(olivia, HuddlePractice.At(1, 10, 30));
        await p.BookAsync(peter, HuddlePractice.At(0, 9));
        await p.BookAsync(rita, HuddlePractice.At(1, 14));
        await p.BookAsync(oliver, HuddlePractice.At(1, 12));
        await p.BookAsync(wendy, HuddlePractice.At(1, 11));
        await p.BookAsync(carl, HuddlePractice.At(1, 11), AppointmentStatus.Cancelled);
        await p.BookAsync(later, HuddlePractice.At(2, 9));
        await theirs.BookAsync(oscar, HuddlePractice.At(1, 10));
        var oliviaId = await CaseIdAsync(p, olivia);
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);

        var rows = Rows(await frontDesk.GetPageAsync("/"));

        rows.Select(r => r.Name).ShouldBe(["Peter Planned", "Olivia Welcome", "Rita Recent"],
            "by start; not withdrawn, not resolved 13 months ago, not a cancelled visit, not the day after tomorrow, not another practice's");
        var first = rows[1];
        first.Text.ShouldContain($"back tomorrow at 10:30 am — {olivia}, Waiting");
        first.Text.ShouldContain(HuddlePractice.Locale.ToLocal(DateTimeOffset.UtcNow.AddDays(-2)).ToString("MMMM", HuddlePractice.Locale.CultureInfo));
        first.Text.ShouldContain("; We now tell patients about delays as they arrive.");
        first.Text.ShouldContain("Given: Discount $40.00.");
        first.Text.ShouldContain($"Suggested welcome back: {SuggestedByDefault}.", customMessage: "no gesture chosen on the case: the practice's first");
        first.Text.ShouldNotContain("Something spoilt the visit.", customMessage: "the description stays on the case");
        first.Element.QuerySelector("a.btn")!.GetAttribute("href").ShouldBe($"/cases/{oliviaId}#welcome-back");
        first.Element.QuerySelector("a.btn")!.TextContent.ShouldBe("Record the welcome back");
        rows[0].Text.ShouldContain("back today at 9:00 am");
        rows[0].Text.ShouldContain("Given: nothing yet.");
        rows[0].Text.ShouldContain("Suggested welcome back: Flowers for the family.", customMessage: "the manager's choice on the case");
    }

    [Fact]
    public async Task A_patient_already_welcomed_back_today_shows_welcomed_back_instead_of_the_action()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Welcomed Street Dental");
        var welcomed = await p.OpenCaseAsync(4, TimeSpan.FromDays(2),
            (c, _) => c.RecordWelcomeBack(p.FrontDesk, "Huddle Front Desk", "Tea and a warm hello.", DateTimeOffset.UtcNow), patientName: "Wanda Welcomed");
        await p.BookAsync(welcomed, HuddlePractice.At(0, 23, 30));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);

        var row = Rows(await frontDesk.GetPageAsync("/")).ShouldHaveSingleItem();

        row.Element.QuerySelector("[data-testid=welcomed-back]")!.TextContent.ShouldBe("Welcomed back");
        row.Element.QuerySelector("a.btn").ShouldBeNull();
    }

    [Fact]
    public async Task With_appointments_but_nobody_coming_back_the_panel_says_so()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Quiet Street Dental");
        await p.BookAsync(await p.OpenCaseAsync(4, TimeSpan.FromDays(2)), HuddlePractice.At(3, 10));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);

        var page = await frontDesk.GetPageAsync("/");

        page.QuerySelector("[data-testid=welcome-back-empty]")!.TextContent.ShouldBe("Nobody with a recent recovery is booked today or tomorrow.");
        page.QuerySelectorAll("[data-testid=welcome-back-row]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_busy_book_lists_the_soonest_visits_and_says_there_are_more()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Busy Book Dental");
        var reference = await p.OpenCaseAsync(4, TimeSpan.FromDays(2));
        // Tomorrow from 07:00, every ten minutes: one more visit than the page lists.
        for (var i = 0; i <= WelcomeBackList.MaxShown; i++)
        {
            await p.BookAsync(reference, HuddlePractice.At(1, 7 + (i / 6), (i % 6) * 10));
        }

        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        var page = await frontDesk.GetPageAsync("/");

        var rows = page.QuerySelectorAll("[data-testid=welcome-back-row]");
        rows.Length.ShouldBe(WelcomeBackList.MaxShown);
        rows[0].TextContent.ShouldContain("back tomorrow at 7:00");
        page.QuerySelector("[data-testid=welcome-back-more]")!.TextContent.ShouldContain($"the soonest {WelcomeBackList.MaxShown} are shown");
    }

    [Fact]
    public async Task Without_any_appointments_the_panel_is_hidden_and_only_the_manager_is_told_how_to_send_them()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "No Feed Dental");
        await p.OpenCaseAsync(4, TimeSpan.FromDays(2));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        using var manager = await fixture.SignInAsync(p.ManagerEmail);

        var desk = await frontDesk.GetPageAsync("/");
        var office = await manager.GetPageAsync("/");

        desk.QuerySelector("[data-testid=welcome-back]").ShouldBeNull();
        desk.QuerySelector("[data-testid=welcome-back-hint]").ShouldBeNull();
        office.QuerySelector("[data-testid=welcome-back]").ShouldBeNull();
        office.QuerySelector("[data-testid=welcome-back-hint] a[href='/settings/api-keys']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_board_shows_todays_welcome_backs_by_reference_stage_and_time_only_and_a_new_booking_shows_at_once()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Board Welcome Dental");
        var today = await p.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: "Zelda Xanthippe-Welcome");
        var tomorrow = await p.OpenCaseAsync(5, TimeSpan.FromDays(2), patientName: "Yorick Tomorrowman");
        await p.BookAsync(tomorrow, HuddlePractice.At(1, 9));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        (await frontDesk.GetPageAsync("/huddle")).QuerySelector("[data-testid=welcome-back-total]")!.TextContent.ShouldBe("0", "tomorrow's visit is not today's");

        await p.BookAsync(today, HuddlePractice.At(0, 13));
        var html = await frontDesk.Http.GetStringAsync("/huddle");
        var panel = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[data-panel=welcome-back]")!;

        panel.QuerySelector("[data-testid=welcome-back-total]")!.TextContent.ShouldBe("1", "a booking drops the board's cached panels");
        var row = panel.QuerySelector($"li[data-reference='{today}']")!;
        string.Join(' ', row.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ShouldBe($"{today} Waiting, 1:00 pm");
        foreach (var secret in new[] { "Zelda", "Xanthippe", "Yorick", "Tomorrowman", "0400 000 000", "Something spoilt the visit." })
        {
            html.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    private sealed record Row(string Name, string Text, AngleSharp.Dom.IElement Element);

    private static List<Row> Rows(IHtmlDocument home) =>
        home.QuerySelectorAll("[data-testid=welcome-back-row]")
            .Select(li => new Row(li.QuerySelector("strong")!.TextContent, string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), li))
            .ToList();

    private static Task<Guid> CaseIdAsync(HuddlePractice p, string reference) =>
        p.WithDbAsync(db => db.Cases.Where(c => c.PracticeId == p.Id && c.Reference == reference).Select(c => c.Id).SingleAsync());
}
