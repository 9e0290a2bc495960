using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class ResolutionTests
{
    [Fact]
    public void Case_is_resolved_when_all_seven_steps_are_done()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1));

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        recoveryCase.CurrentStep.ShouldBeNull();
        recoveryCase.NextDueAt.ShouldBeNull();
        recoveryCase.ResolvedAt.ShouldBe(A.Now.AddMinutes(7));
    }

    [Fact]
    public void Case_is_resolved_when_every_step_is_done_or_skipped_with_a_reason()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Skip(ServiceStep.Victory, "No gesture appropriate: patient declined", A.Manager, A.Now.AddMinutes(1));
        recoveryCase.Skip(ServiceStep.ImplementImprovements, "One-off: the autoclave broke down", A.Manager, A.Now.AddMinutes(2));

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(3), ServiceStep.Victory, ServiceStep.ImplementImprovements);

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
    }

    [Fact]
    public void Case_with_six_steps_done_stays_open_until_the_seventh_is_settled()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.Respond);

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.ResolvedAt.ShouldBeNull();
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.Respond);
        recoveryCase.Timeline.ShouldNotContain(e => e.Kind == TimelineEventKind.Resolved);
    }

    [Fact]
    public void Recording_the_patients_return_resolves_the_case_when_the_other_steps_are_settled()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.ExtendOutcome);
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        var returnedAt = A.Now.AddDays(40);

        recoveryCase.RecordReturn(A.FrontDesk, DateOnly.FromDateTime(returnedAt.UtcDateTime), "Six-monthly check-up", A.Locale, returnedAt);

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        recoveryCase.ResolvedAt.ShouldBe(returnedAt);
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.Resolved);
        recoveryCase.Timeline[^1].ActorName.ShouldBe("Fiona Front");
    }

    [Fact]
    public void Recording_the_patients_return_does_not_resolve_the_case_while_another_step_is_unsettled()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.ExtendOutcome, ServiceStep.ImplementImprovements);

        recoveryCase.Complete(ServiceStep.ExtendOutcome, A.Now.AddDays(40));

        recoveryCase.StateOf(ServiceStep.ExtendOutcome, A.Now.AddDays(40)).ShouldBe(StepState.Done);
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.ImplementImprovements);
    }

    [Fact]
    public void Return_recorded_first_resolves_the_case_as_soon_as_the_last_other_step_is_settled()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Complete(ServiceStep.ExtendOutcome, A.Now.AddMinutes(1));

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(2), ServiceStep.ExtendOutcome);

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
    }

    [Fact]
    public void The_resolved_event_appears_exactly_once_even_when_the_case_changes_afterwards()
    {
        var recoveryCase = CaseActions.ResolvedCase();

        recoveryCase.AssignOwner("user-manager", "Maya Manager", A.Manager, A.Now.AddDays(1));
        recoveryCase.Close(A.Manager, A.Now.AddDays(2));

        recoveryCase.Timeline.Count(e => e.Kind == TimelineEventKind.Resolved).ShouldBe(1);
    }

    [Fact]
    public void Lesson_recorded_but_not_shared_keeps_the_case_open()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.CommunicateResults);

        recoveryCase.RecordLesson(A.Manager, "Warn patients when the book runs late.", A.Now.AddDays(1));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.CommunicateResults);
    }

    [Fact]
    public void Gesture_awaiting_approval_does_not_settle_victory_so_the_case_stays_open()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.Victory);

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 250m, null, GestureLimits.Default, A.Now.AddDays(1));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.Victory);
    }

    [Fact]
    public void Manager_approving_the_last_waiting_gesture_resolves_the_case()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.Victory);
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 250m, null, GestureLimits.Default, A.Now.AddDays(1));

        recoveryCase.ApproveGesture(gesture.Id, A.Manager, A.Now.AddDays(2));

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        recoveryCase.ResolvedAt.ShouldBe(A.Now.AddDays(2));
    }
}
