using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Cancellations and no-shows the PMS reports after the defect, as a warning sign on the open case (Harbourside, Sydney, UTC+11 in March).</summary>
public sealed class MissedVisitsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_open_case_warns_in_words_of_the_patients_cancellations_and_no_shows_after_the_defect_only()
    {
        var now = DateTimeOffset.UtcNow;
        var recoveryCase = await RunAsync(fixture.App, fixture.World.Harbourside.Id, seed =>
        {
            var patient = seed.Patient(Utc(2026, 1, 1));
            var other = seed.Patient(Utc(2026, 1, 1));
            var opened = seed.Case(Utc(2026, 3, 2), "Waiting", null, patient);
            seed.Visit(patient, Utc(2026, 3, 1), AppointmentStatus.Cancelled, now); // the day before the defect
            seed.Visit(patient, Utc(2026, 3, 3, 23, 30), AppointmentStatus.Cancelled, now); // 10:30 on 4 March in Sydney
            seed.Visit(patient, Utc(2026, 3, 13, 22), AppointmentStatus.NoShow, now); // 09:00 on 14 March in Sydney
            seed.Visit(patient, Utc(2026, 3, 20), AppointmentStatus.Attended, now);
            seed.Visit(patient, Utc(2026, 3, 21), AppointmentStatus.Rescheduled, now);
            seed.Visit(other, Utc(2026, 3, 10), AppointmentStatus.NoShow, now); // someone else's
            return opened;
        });
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        var page = await frontDesk.GetPageAsync($"/cases/{recoveryCase.Id}");

        var warning = page.QuerySelector("[data-testid=missed-visits]")!;
        warning.TextContent.ShouldContain("Warning sign: the patient has missed visits since the defect.");
        warning.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ShouldBe(
        [
            "Cancelled the appointment of 4 Mar at 10:30",
            "Did not attend the appointment of 14 Mar at 09:00",
        ]);
    }

    [Fact]
    public async Task A_case_whose_patient_missed_nothing_after_the_defect_shows_no_warning()
    {
        var now = DateTimeOffset.UtcNow;
        var recoveryCase = await RunAsync(fixture.App, fixture.World.Harbourside.Id, seed =>
        {
            var patient = seed.Patient(Utc(2026, 1, 1));
            seed.Visit(patient, Utc(2026, 2, 1), AppointmentStatus.NoShow, now);
            return seed.Case(Utc(2026, 2, 2), "Waiting", null, patient);
        });
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        var page = await frontDesk.GetPageAsync($"/cases/{recoveryCase.Id}");

        page.QuerySelector("[data-testid=case-reference]")!.TextContent.ShouldBe(recoveryCase.Reference);
        page.QuerySelector("[data-testid=missed-visits]").ShouldBeNull();
    }
}
