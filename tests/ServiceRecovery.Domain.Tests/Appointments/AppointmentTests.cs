using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Appointments;

public sealed class AppointmentTests
{
    private static readonly Guid PracticeId = Guid.NewGuid();
    private static readonly Guid PatientId = Guid.NewGuid();

    private static Appointment Booked(DateTimeOffset startsAt) =>
        Appointment.Record(PracticeId, "APT-1", PatientId, startsAt, AppointmentStatus.Booked, AppointmentSource.Api, A.Now);

    [Fact]
    public void The_same_message_twice_changes_nothing()
    {
        var appointment = Booked(A.Now.AddDays(1));

        appointment.Update(PatientId, A.Now.AddDays(1), AppointmentStatus.Booked, AppointmentSource.Api, A.Now.AddMinutes(5)).ShouldBeFalse();

        appointment.UpdatedAt.ShouldBe(A.Now);
    }

    [Fact]
    public void The_same_start_written_in_another_offset_is_no_change()
    {
        var appointment = Booked(A.Now.AddDays(1));

        appointment.Update(PatientId, A.Now.AddDays(1).ToOffset(TimeSpan.FromHours(11)), AppointmentStatus.Booked, AppointmentSource.Api, A.Now).ShouldBeFalse();
    }

    [Fact]
    public void A_later_message_replaces_the_status_and_the_start()
    {
        var appointment = Booked(A.Now.AddDays(-1));

        appointment.Update(PatientId, A.Now.AddDays(-1).AddHours(1), AppointmentStatus.Attended, AppointmentSource.Csv, A.Now).ShouldBeTrue();

        appointment.Status.ShouldBe(AppointmentStatus.Attended);
        appointment.StartsAt.ShouldBe(A.Now.AddDays(-1).AddHours(1));
        appointment.Source.ShouldBe(AppointmentSource.Csv);
        appointment.WasAttended.ShouldBeTrue();
    }

    [Theory]
    [InlineData(AppointmentStatus.Attended)]
    [InlineData(AppointmentStatus.NoShow)]
    public void A_visit_in_the_future_cannot_have_been_attended_or_missed(AppointmentStatus status)
    {
        var refused = Should.Throw<DomainRuleException>(() =>
            Appointment.Record(PracticeId, "APT-1", PatientId, A.Now.AddHours(2), status, AppointmentSource.Api, A.Now));

        refused.Field.ShouldBe(Appointment.Fields.Start);
    }

    [Fact]
    public void A_start_years_away_is_refused_as_a_wrong_date()
    {
        Should.Throw<DomainRuleException>(() => Booked(A.Now.AddYears(3))).Field.ShouldBe(Appointment.Fields.Start);
        Should.Throw<DomainRuleException>(() => Booked(A.Now.AddYears(-7))).Field.ShouldBe(Appointment.Fields.Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_appointment_needs_its_pms_id(string? id)
    {
        Should.Throw<DomainRuleException>(() => Appointment.IdOf(id)).Field.ShouldBe(Appointment.Fields.AppointmentId);
        Should.Throw<DomainRuleException>(() => Appointment.IdOf(new string('x', Limits.ExternalId + 1))).Field.ShouldBe(Appointment.Fields.AppointmentId);
    }

    [Theory]
    [InlineData("booked", AppointmentStatus.Booked)]
    [InlineData("Attended", AppointmentStatus.Attended)]
    [InlineData("canceled", AppointmentStatus.Cancelled)]
    [InlineData("no-show", AppointmentStatus.NoShow)]
    [InlineData("NO_SHOW", AppointmentStatus.NoShow)]
    [InlineData("rescheduled", AppointmentStatus.Rescheduled)]
    public void The_pms_words_for_a_status_are_understood(string word, AppointmentStatus status) =>
        AppointmentStatuses.Parse(word).ShouldBe(status);

    [Fact]
    public void An_unknown_status_is_refused_with_the_words_that_are_understood()
    {
        var refused = Should.Throw<DomainRuleException>(() => AppointmentStatuses.Parse("maybe"));

        refused.Field.ShouldBe(Appointment.Fields.Status);
        refused.Message.ShouldContain("no-show");
    }
}
