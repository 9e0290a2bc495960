using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>The morning digest's "Welcome back today": reference, time, stage and gesture, never the patient.</summary>
public sealed class WelcomeBackDigestTests
{
    // 06:50 in Sydney on Tuesday 3 November 2026.
    private static readonly DateTimeOffset BeforeSeven = new(2026, 11, 2, 19, 50, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_digest_lists_todays_welcome_backs_with_time_stage_and_gesture_and_no_patient_details()
    {
        await using var test = await EmailTestApp.StartAsync(BeforeSeven);
        var manager = await test.ActorAsync(TestWorld.Manager);
        var today = await test.OpenCaseAsync(TestWorld.FrontDesk, age: TimeSpan.FromDays(2), work: (c, at) =>
            c.PlanWelcomeBack(manager, "Flowers for the family", at.AddMinutes(5)));
        var tomorrow = await test.OpenCaseAsync(TestWorld.Manager, age: TimeSpan.FromDays(2));
        var locale = test.World.Harbourside.Locale;
        await test.WithDbAsync(async db =>
        {
            var now = test.Clock.GetUtcNow();
            db.Appointments.Add(Appointment.Record(test.World.Harbourside.Id, "a-1", today.Defect.PatientId!.Value,
                locale.FromLocal(new DateTime(2026, 11, 3, 10, 30, 0)), AppointmentStatus.Booked, AppointmentSource.Api, now));
            db.Appointments.Add(Appointment.Record(test.World.Harbourside.Id, "a-2", tomorrow.Defect.PatientId!.Value,
                locale.FromLocal(new DateTime(2026, 11, 4, 9, 0, 0)), AppointmentStatus.Booked, AppointmentSource.Api, now));
            return await db.SaveChangesAsync();
        });

        test.Clock.Advance(TimeSpan.FromMinutes(10));
        await test.PlanAsync();

        var digests = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.Digest && m.PracticeId == test.World.Harbourside.Id).ToList();
        digests.Select(d => d.RecipientAddress).ShouldContain(TestWorld.FrontDesk);
        foreach (var digest in digests)
        {
            digest.TextBody.ShouldContain("Welcome back today: 1");
            digest.TextBody.ShouldContain($"{today.Reference} — 10:30 am, ");
            digest.TextBody.ShouldContain("; suggested: Flowers for the family");
            digest.HtmlBody.ShouldContain("Welcome back today: 1");
            digest.TextBody.ShouldNotContain($"{tomorrow.Reference} — 9:00 am", customMessage: "today only");
            foreach (var text in new[] { digest.Subject, digest.TextBody, digest.HtmlBody })
            {
                text.ShouldNotContain("Zephyrine");
                text.ShouldNotContain("Quillfeather");
                text.ShouldNotContain("876 543");
                text.ShouldNotContain("ninety-three");
            }
        }
    }
}
