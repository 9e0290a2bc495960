using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

public sealed class MissedVisitDigestTests
{
    [Fact]
    public async Task The_case_owner_reads_in_the_morning_digest_that_the_patient_cancelled_by_case_reference_and_day_never_by_name()
    {
        // 06:50 in Sydney on Tuesday 3 November 2026 (UTC+11).
        var start = new DateTimeOffset(2026, 11, 2, 19, 50, 0, TimeSpan.Zero);
        await using var test = await EmailTestApp.StartAsync(start);
        var owned = await test.OpenCaseAsync(TestWorld.FrontDesk, age: TimeSpan.FromDays(3));
        var managers = await test.OpenCaseAsync(TestWorld.Manager, age: TimeSpan.FromDays(2));
        await test.WithDbAsync(db =>
        {
            // 11:00 on 5 November in Sydney, cancelled; the manager's patient did not attend at 10:00 on 2 November.
            db.Appointments.Add(Appointment.Record(test.World.Harbourside.Id, "A-1", owned.Defect.PatientId!.Value,
                new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), AppointmentStatus.Cancelled, AppointmentSource.Api, start));
            db.Appointments.Add(Appointment.Record(test.World.Harbourside.Id, "A-2", managers.Defect.PatientId!.Value,
                new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.Zero), AppointmentStatus.NoShow, AppointmentSource.Api, start));
            return db.SaveChangesAsync();
        });

        test.Clock.Advance(TimeSpan.FromMinutes(10));
        await test.PlanAsync();

        var digests = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Digest && m.PracticeId == test.World.Harbourside.Id).ToList();
        var own = digests.Single(d => d.RecipientAddress == TestWorld.FrontDesk);
        own.TextBody.ShouldContain("Warning signs on your open cases: 1 missed visit(s)");
        own.TextBody.ShouldContain($"{owned.Reference}: the patient cancelled their appointment of 5 Nov");
        own.HtmlBody.ShouldContain($"{owned.Reference}: the patient cancelled their appointment of 5 Nov");
        own.TextBody.ShouldNotContain(managers.Reference, customMessage: "another owner's case");
        var manager = digests.Single(d => d.RecipientAddress == TestWorld.Manager);
        manager.TextBody.ShouldContain($"{managers.Reference}: the patient did not attend their appointment of 2 Nov");
        foreach (var digest in digests)
        {
            foreach (var text in new[] { digest.Subject, digest.TextBody, digest.HtmlBody })
            {
                text.ShouldNotContain("Zephyrine");
                text.ShouldNotContain("Quillfeather");
            }
        }
    }
}
