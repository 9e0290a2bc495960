using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>The facts a case keeps on its own row for the reports, so a period's figures read no other table.</summary>
public class ReportFactsTests
{
    [Fact]
    public void A_new_case_keeps_when_its_defect_happened_and_has_no_facts_yet()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-3)).Build();

        recoveryCase.DefectOccurredAt.ShouldBe(A.Now.AddDays(-3));
        recoveryCase.DefectOccurredAt.ShouldBe(recoveryCase.Defect.OccurredAt);
        recoveryCase.HasGivenGesture.ShouldBeFalse();
        recoveryCase.Recovered.ShouldBeFalse();
        recoveryCase.FirstReturnOn.ShouldBeNull();
    }

    [Fact]
    public void A_gesture_given_at_once_marks_the_case_as_given_and_recovered()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Discount, 20m, null, GestureLimits.Default, A.Now);

        recoveryCase.HasGivenGesture.ShouldBeTrue();
        recoveryCase.Recovered.ShouldBeTrue();
    }

    [Fact]
    public void A_gesture_waiting_for_approval_counts_only_once_approved_and_never_when_declined()
    {
        var approved = A.OpenCase();
        var waiting = approved.GiveGesture(A.FrontDesk, GestureKind.Refund, 500m, null, GestureLimits.Default, A.Now);
        approved.HasGivenGesture.ShouldBeFalse();
        approved.Recovered.ShouldBeFalse();
        approved.ApproveGesture(waiting.Id, A.Manager, A.Now.AddMinutes(5));

        var declined = A.OpenCase();
        var refused = declined.GiveGesture(A.FrontDesk, GestureKind.Refund, 500m, null, GestureLimits.Default, A.Now);
        declined.DeclineGesture(refused.Id, A.Manager, "Too much for a late start.", A.Now.AddMinutes(5));

        (approved.HasGivenGesture, approved.Recovered).ShouldBe((true, true));
        (declined.HasGivenGesture, declined.Recovered).ShouldBe((false, false));
    }

    [Fact]
    public void A_planned_follow_up_recovers_the_case_without_a_gesture()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.PlanFollowUp(A.FrontDesk, new DateOnly(2026, 3, 17), FollowUpMethod.Call, A.Locale, A.Now);

        recoveryCase.Recovered.ShouldBeTrue();
        recoveryCase.HasGivenGesture.ShouldBeFalse();
    }

    [Fact]
    public void The_first_return_is_the_earliest_day_the_patient_came_back_in_whatever_order_they_were_recorded()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-20)).Build();

        recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 8), "Check-up", A.Locale, A.Now);
        recoveryCase.FirstReturnOn.ShouldBe(new DateOnly(2026, 3, 8));
        recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 1), "Filling", A.Locale, A.Now);
        recoveryCase.FirstReturnOn.ShouldBe(new DateOnly(2026, 3, 1));
        recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 9), "Hygiene", A.Locale, A.Now);

        recoveryCase.FirstReturnOn.ShouldBe(new DateOnly(2026, 3, 1));
    }
}
