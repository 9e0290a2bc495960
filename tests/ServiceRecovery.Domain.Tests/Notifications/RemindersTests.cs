using System.Globalization;
using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Notifications;

public class RemindersTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly Actor Reminders = new("system", "ServiceRecovery reminders", StaffRole.Administrator);

    [Theory]
    [InlineData("2026-11-02T19:59:59Z", null)] // 06:59:59 AEDT on 3 Nov
    [InlineData("2026-11-02T20:00:00Z", "2026-11-03")] // 07:00 AEDT
    [InlineData("2026-11-03T12:59:00Z", "2026-11-03")] // 23:59 AEDT
    [InlineData("2026-11-03T13:00:00Z", null)] // midnight: the new day's digest is not due yet
    public void The_digest_day_begins_at_the_digest_hour_in_the_practice_time_zone(string now, string? expected)
    {
        var day = ReminderSettings.Default.DigestDayAt(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), Sydney);

        day.ShouldBe(expected is null ? null : DateOnly.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void A_digest_hour_outside_the_day_is_refused(int hour) =>
        Should.Throw<DomainRuleException>(() => new ReminderSettings(hour, true, true, true)).Message.ShouldContain("0 to 23");

    [Fact]
    public void Say_sorry_is_escalated_only_once_it_is_overdue_and_only_on_an_open_case()
    {
        var recoveryCase = A.OpenCase();
        var due = recoveryCase.Steps.SaySorry.DueAt;
        var version = recoveryCase.Version;

        recoveryCase.EscalateOverdueApology(Reminders, ["Maya Manager"], due).ShouldBeFalse("at the due time it is not overdue yet");
        recoveryCase.EscalateOverdueApology(Reminders, [], due.AddMinutes(1)).ShouldBeFalse("with no one to tell there is nothing to record");
        recoveryCase.EscalateOverdueApology(Reminders, ["Fiona Front", "Maya Manager"], due.AddMinutes(5)).ShouldBeTrue();

        var escalation = recoveryCase.Timeline[^1];
        escalation.Kind.ShouldBe(TimelineEventKind.ApologyEscalated);
        escalation.Step.ShouldBe(ServiceStep.SaySorry);
        escalation.Detail.ShouldBe("Say sorry overdue by 5 min: emailed Fiona Front, Maya Manager");
        recoveryCase.Version.ShouldBe(version);

        var apologised = A.OpenCase();
        apologised.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, A.Now, A.Now);
        apologised.EscalateOverdueApology(Reminders, ["Maya Manager"], due.AddHours(2)).ShouldBeFalse();

        CaseActions.WithdrawnCase().EscalateOverdueApology(Reminders, ["Maya Manager"], due.AddHours(2)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(20, 3600)]
    public void Each_failed_attempt_doubles_the_pause_up_to_an_hour(int attempts, int seconds) =>
        OutboxMessage.RetryDelay(attempts).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Only_a_failed_email_can_be_sent_again()
    {
        var message = OutboxMessage.Create(Guid.NewGuid(), EmailKind.Digest, "digest:x", null, "manager@example.test", "Digest", "text", "<p>html</p>", A.Now);

        message.Status.ShouldBe(OutboxStatus.Pending);
        message.NextAttemptAt.ShouldBe(A.Now);
        Should.Throw<DomainRuleException>(() => message.RetryNow(A.Now)).Message.ShouldContain("failed");
    }
}
