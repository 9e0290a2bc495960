using System.Globalization;
using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The home page's welcome-back list is kept per practice for a few seconds; every committed change of what it shows is
/// on the next page at once, and a practice's list is never shown to another practice's staff.
/// </summary>
public sealed class WelcomeBackCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_welcome_back_recorded_on_the_case_shows_as_welcomed_back_on_the_next_home_page()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Kept List Dental");
        var reference = await p.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: "Walter Waiting");
        await p.BookAsync(reference, HuddlePractice.At(1, 10));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        var before = Row(await frontDesk.GetPageAsync("/"), "Walter Waiting");
        before.QuerySelector("[data-testid=welcomed-back]").ShouldBeNull();

        var casePage = new CasePage(frontDesk, $"/cases/{await CaseIdAsync(p, reference)}");
        await casePage.SubmitAsync("#welcome-form", new() { ["Welcome.GreetedBy"] = "Maya at reception", ["Welcome.SaidOrGiven"] = "A coffee and a warm hello." });

        var after = Row(await frontDesk.GetPageAsync("/"), "Walter Waiting");
        after.QuerySelector("[data-testid=welcomed-back]")!.TextContent.ShouldBe("Welcomed back", customMessage: "the kept list is dropped by the recorded welcome back");
        after.QuerySelector("a.btn").ShouldBeNull();
    }

    [Fact]
    public async Task A_gesture_the_manager_plans_on_the_case_is_the_suggestion_on_the_next_home_page()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Planned List Dental");
        var reference = await p.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: "Penny Planned");
        await p.BookAsync(reference, HuddlePractice.At(1, 11));
        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        using var manager = await fixture.SignInAsync(p.ManagerEmail);
        Row(await frontDesk.GetPageAsync("/"), "Penny Planned").QuerySelector("[data-testid=welcome-back-gesture]")!.TextContent
            .ShouldBe(WelcomeGestureList.Defaults[0]);

        await new CasePage(manager, $"/cases/{await CaseIdAsync(p, reference)}")
            .SubmitAsync("#welcome-plan-form", new() { ["WelcomePlan.Gesture"] = "A card signed by the whole team" });

        Row(await frontDesk.GetPageAsync("/"), "Penny Planned").QuerySelector("[data-testid=welcome-back-gesture]")!.TextContent
            .ShouldBe("A card signed by the whole team", customMessage: "the kept list is dropped by the planned gesture");
    }

    [Fact]
    public async Task An_appointment_the_pms_posts_for_a_patient_with_a_recovery_is_on_the_next_home_page()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var log = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(log, "Bella Booked");
        form["Input.PatientPmsId"] = "PMS-WBC-1";
        form["Input.OccurredAt"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var logged = await frontDesk.SubmitAsync(log, "#log-defect-form", form);
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect, await logged.Content.ReadAsStringAsync());
        // A visit of someone else, so the practice has a feed and the list is shown (and kept) before the booking.
        var key = await KeyAsync();
        using var pms = fixture.Anonymous();
        (await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-WBC-2", key, """{"name":"Nobody Returning","phone":"0412 111 333"}""")))
            .IsSuccessStatusCode.ShouldBeTrue();
        await PostAsync(pms, key, "APT-WBC-0", "PMS-WBC-2", DateTimeOffset.UtcNow.AddDays(5));
        Names(await frontDesk.GetPageAsync("/")).ShouldNotContain("Bella Booked");

        await PostAsync(pms, key, "APT-WBC-1", "PMS-WBC-1", DateTimeOffset.UtcNow.AddHours(1));

        Names(await frontDesk.GetPageAsync("/")).ShouldContain("Bella Booked", customMessage: "the kept list is dropped by the posted appointment");
    }

    [Fact]
    public async Task Another_practices_front_desk_never_sees_this_practices_list_even_while_it_is_kept()
    {
        var ours = await HuddlePractice.CreateAsync(fixture, "Our Kept Dental");
        var theirs = await HuddlePractice.CreateAsync(fixture, "Their Kept Dental");
        await ours.BookAsync(await ours.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: "Olive Ours"), HuddlePractice.At(1, 9));
        await theirs.BookAsync(await theirs.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: "Theo Theirs"), HuddlePractice.At(1, 9));
        using var ourDesk = await fixture.SignInAsync(ours.FrontDeskEmail);
        using var theirDesk = await fixture.SignInAsync(theirs.FrontDeskEmail);

        var ourPage = await ourDesk.GetPageAsync("/");
        var theirPage = await theirDesk.GetPageAsync("/");

        Names(ourPage).ShouldBe(["Olive Ours"]);
        Names(theirPage).ShouldBe(["Theo Theirs"], "each practice's list is kept under its own key");
        theirPage.Body!.TextContent.ShouldNotContain("Olive Ours");
    }

    private async Task<string> KeyAsync()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        return await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Welcome list bridge", ApiScopes.PatientsWrite, ApiScopes.AppointmentsWrite);
    }

    private static async Task PostAsync(WebClient pms, string key, string appointmentId, string pmsPatientId, DateTimeOffset start)
    {
        var json = $$"""{"appointments":[{"appointmentId":"{{appointmentId}}","pmsPatientId":"{{pmsPatientId}}","start":"{{start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}","status":"booked"}]}""";
        var response = await pms.Http.SendAsync(ApiKeys.Post("/api/v1/appointments", key, json));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Names(IHtmlDocument home) =>
        home.QuerySelectorAll("[data-testid=welcome-back-row] strong").Select(s => s.TextContent).ToList();

    private static AngleSharp.Dom.IElement Row(IHtmlDocument home, string name) =>
        home.QuerySelectorAll("[data-testid=welcome-back-row]").Single(li => li.QuerySelector("strong")!.TextContent == name);

    private static Task<Guid> CaseIdAsync(HuddlePractice p, string reference) =>
        p.WithDbAsync(db => db.Cases.Where(c => c.PracticeId == p.Id && c.Reference == reference).Select(c => c.Id).SingleAsync());
}
