using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Appointments;

/// <summary>The patient's return seen in the practice-management system settles Extend the outcome, as a typed return does.</summary>
public sealed class ReturnFromAppointmentTests
{
    private static readonly Actor Pms = new("api-key", "API key “PMS bridge”", StaffRole.FrontDesk);

    private static Appointment Visit(RecoveryCase recoveryCase, DateTimeOffset startsAt, AppointmentStatus status = AppointmentStatus.Attended,
        Guid? patientId = null, DateTimeOffset? now = null) =>
        Appointment.Record(recoveryCase.PracticeId, "APT-" + Guid.NewGuid().ToString("N")[..6], patientId ?? recoveryCase.Defect.PatientId!.Value,
            startsAt, status, AppointmentSource.Api, now ?? A.Now);

    [Fact]
    public void An_attended_visit_after_the_defect_is_the_return_and_settles_extend()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).OpenedAt(A.Now.AddDays(-20)).Build();
        var visit = Visit(recoveryCase, A.Now.AddDays(-2));

        var recorded = recoveryCase.RecordReturnFromAppointment(Pms, visit, A.Locale, A.Now);

        recorded.ShouldNotBeNull();
        recorded.IsFromPms.ShouldBeTrue();
        recorded.AppointmentId.ShouldBe(visit.Id);
        recorded.ReturnedOn.ShouldBe(A.Locale.DateAt(visit.StartsAt));
        recoveryCase.FirstReturnOn.ShouldBe(recorded.ReturnedOn);
        recoveryCase.Steps.Extend.IsSettled.ShouldBeTrue();
        recoveryCase.Timeline.Last(e => e.Kind == TimelineEventKind.ReturnRecorded).Detail.ShouldContain("practice-management system");
    }

    [Fact]
    public void With_every_other_step_settled_the_attended_visit_resolves_the_case()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).OpenedAt(A.Now.AddDays(-20)).Build();
        recoveryCase.CompleteAllExcept(A.Now.AddDays(-19), ServiceStep.ExtendOutcome);

        recoveryCase.RecordReturnFromAppointment(Pms, Visit(recoveryCase, A.Now.AddDays(-1)), A.Locale, A.Now);

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
    }

    [Fact]
    public void The_same_appointment_twice_records_one_return()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).OpenedAt(A.Now.AddDays(-20)).Build();
        var visit = Visit(recoveryCase, A.Now.AddDays(-2));

        recoveryCase.RecordReturnFromAppointment(Pms, visit, A.Locale, A.Now);
        recoveryCase.RecordReturnFromAppointment(Pms, visit, A.Locale, A.Now.AddMinutes(1)).ShouldBeNull();

        recoveryCase.Returns.Count.ShouldBe(1);
    }

    [Fact]
    public void A_visit_before_the_defect_is_not_a_return()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-5)).OpenedAt(A.Now.AddDays(-5)).Build();

        recoveryCase.RecordReturnFromAppointment(Pms, Visit(recoveryCase, A.Now.AddDays(-6)), A.Locale, A.Now).ShouldBeNull();

        recoveryCase.Returns.ShouldBeEmpty();
        recoveryCase.Steps.Extend.IsSettled.ShouldBeFalse();
    }

    [Theory]
    [InlineData(AppointmentStatus.Booked)]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.Rescheduled)]
    public void Only_an_attended_visit_is_a_return(AppointmentStatus status)
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).OpenedAt(A.Now.AddDays(-20)).Build();

        recoveryCase.RecordReturnFromAppointment(Pms, Visit(recoveryCase, A.Now.AddDays(-2), status), A.Locale, A.Now).ShouldBeNull();

        recoveryCase.Steps.Extend.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void Another_patients_visit_is_not_this_cases_return()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).OpenedAt(A.Now.AddDays(-20)).Build();

        recoveryCase.RecordReturnFromAppointment(Pms, Visit(recoveryCase, A.Now.AddDays(-2), patientId: Guid.NewGuid()), A.Locale, A.Now).ShouldBeNull();

        recoveryCase.Returns.ShouldBeEmpty();
    }

    [Fact]
    public void A_withdrawn_case_takes_no_return()
    {
        var recoveryCase = CaseActions.WithdrawnCase();

        recoveryCase.RecordReturnFromAppointment(Pms, Visit(recoveryCase, A.Now.AddDays(1), now: A.Now.AddDays(2)), A.Locale, A.Now.AddDays(2)).ShouldBeNull();

        recoveryCase.Returns.ShouldBeEmpty();
    }
}
