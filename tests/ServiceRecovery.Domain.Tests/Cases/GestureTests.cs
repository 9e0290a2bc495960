using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class GestureTests
{
    private static readonly GestureLimits Defaults = GestureLimits.Default;

    [Theory]
    [InlineData("0")]
    [InlineData("45.50")]
    [InlineData("100")]
    public void Front_desk_gesture_within_the_limit_is_given_at_once(string amount)
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Discount, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null, Defaults, A.Now);

        gesture.State.ShouldBe(GestureState.Given);
        gesture.GiverRole.ShouldBe(StaffRole.FrontDesk);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeFalse();
        recoveryCase.StateOf(ServiceStep.Victory, A.Now).ShouldBe(StepState.Done);
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.GestureGiven);
    }

    [Fact]
    public void Front_desk_gesture_over_limit_waits_for_approval()
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 100.01m, null, Defaults, A.Now);

        gesture.State.ShouldBe(GestureState.PendingApproval);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeTrue();
        recoveryCase.GivenGestureTotal.ShouldBe(0m);
        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.GestureAwaitingApproval);
    }

    [Fact]
    public void Front_desk_gestures_that_together_pass_the_limit_wait_for_approval()
    {
        var recoveryCase = A.OpenCase();

        var first = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Discount, 60m, null, Defaults, A.Now);
        var second = recoveryCase.GiveGesture(A.OtherFrontDesk, GestureKind.Gift, 60m, null, Defaults, A.Now.AddMinutes(1));

        first.State.ShouldBe(GestureState.Given);
        second.State.ShouldBe(GestureState.PendingApproval);
        recoveryCase.GivenGestureTotal.ShouldBe(60m);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeTrue();
    }

    [Fact]
    public void Front_desk_gestures_that_together_reach_exactly_the_limit_are_given()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Discount, 60m, null, Defaults, A.Now);
        var second = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 40m, null, Defaults, A.Now.AddMinutes(1));

        second.State.ShouldBe(GestureState.Given);
        recoveryCase.GivenGestureTotal.ShouldBe(100m);
    }

    [Fact]
    public void Front_desk_limit_counts_what_a_manager_already_gave_on_the_case()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, 90m, null, Defaults, A.Now);

        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 20m, null, Defaults, A.Now.AddMinutes(1));

        gesture.State.ShouldBe(GestureState.PendingApproval);
    }

    [Fact]
    public void A_declined_gesture_does_not_use_up_the_front_desk_limit()
    {
        var recoveryCase = A.OpenCase();
        var big = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 150m, null, Defaults, A.Now);
        recoveryCase.DeclineGesture(big.Id, A.Manager, "A full refund is out of proportion", A.Now.AddMinutes(10));

        var small = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 90m, null, Defaults, A.Now.AddMinutes(20));

        small.State.ShouldBe(GestureState.Given);
        recoveryCase.GivenGestureTotal.ShouldBe(90m);
    }

    [Fact]
    public void The_practice_own_front_desk_limit_applies()
    {
        var practice = A.Practice();
        practice.ChangeGestureLimits(new GestureLimits(250m, null, null), A.Manager);
        var recoveryCase = A.Case().In(practice).Build();

        var within = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 200m, null, practice.GestureLimits, A.Now);
        var over = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 50.01m, null, practice.GestureLimits, A.Now);

        within.State.ShouldBe(GestureState.Given);
        over.State.ShouldBe(GestureState.PendingApproval);
    }

    [Fact]
    public void Manager_gesture_of_any_size_is_given_at_once()
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.Manager, GestureKind.ComplimentaryService, 5_000m, "Free crown", Defaults, A.Now);

        gesture.State.ShouldBe(GestureState.Given);
        recoveryCase.GivenGestureTotal.ShouldBe(5_000m);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeFalse();
    }

    [Fact]
    public void Administrator_gesture_of_any_size_is_given_at_once()
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.Administrator, GestureKind.Refund, Limits.MaxGestureAmount, null, Defaults, A.Now);

        gesture.State.ShouldBe(GestureState.Given);
    }

    [Fact]
    public void Manager_approving_a_waiting_gesture_gives_it_and_completes_victory()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);
        var approvedAt = A.Now.AddHours(3);

        recoveryCase.ApproveGesture(gesture.Id, A.Manager, approvedAt);

        gesture.State.ShouldBe(GestureState.Given);
        gesture.DecidedByName.ShouldBe("Maya Manager");
        gesture.DecidedAt.ShouldBe(approvedAt);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeFalse();
        recoveryCase.GivenGestureTotal.ShouldBe(180m);
        recoveryCase.StateOf(ServiceStep.Victory, approvedAt).ShouldBe(StepState.Done);
        recoveryCase.Steps.Victory.SettledAt.ShouldBe(approvedAt);
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.GestureApproved);
    }

    [Fact]
    public void Front_desk_cannot_approve_a_waiting_gesture()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(gesture.Id, A.OtherFrontDesk, A.Now.AddMinutes(1)));

        gesture.State.ShouldBe(GestureState.PendingApproval);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeTrue();
        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void Front_desk_cannot_decline_a_waiting_gesture()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.DeclineGesture(gesture.Id, A.OtherFrontDesk, "Too much", A.Now.AddMinutes(1)));

        gesture.State.ShouldBe(GestureState.PendingApproval);
    }

    [Fact]
    public void Manager_declining_a_waiting_gesture_keeps_the_reason_and_leaves_victory_to_do()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);

        recoveryCase.DeclineGesture(gesture.Id, A.Manager, "  Offer a discount on the next visit instead  ", A.Now.AddHours(1));

        gesture.State.ShouldBe(GestureState.Declined);
        gesture.DeclineReason.ShouldBe("Offer a discount on the next visit instead");
        gesture.DecidedByName.ShouldBe("Maya Manager");
        recoveryCase.HasGestureAwaitingApproval.ShouldBeFalse();
        recoveryCase.GivenGestureTotal.ShouldBe(0m);
        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.GestureDeclined);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Declining_a_gesture_without_a_reason_is_refused(string reason)
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);

        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineGesture(gesture.Id, A.Manager, reason, A.Now));

        gesture.State.ShouldBe(GestureState.PendingApproval);
    }

    [Fact]
    public void A_gesture_given_at_once_cannot_be_approved_or_declined()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 20m, null, Defaults, A.Now);

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(gesture.Id, A.Manager, A.Now));
        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineGesture(gesture.Id, A.Manager, "No", A.Now));

        gesture.State.ShouldBe(GestureState.Given);
        gesture.DecidedAt.ShouldBeNull();
    }

    [Fact]
    public void A_declined_gesture_cannot_be_approved_afterwards()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);
        recoveryCase.DeclineGesture(gesture.Id, A.Manager, "Out of proportion", A.Now.AddMinutes(1));

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(gesture.Id, A.Manager, A.Now.AddMinutes(2)));

        gesture.State.ShouldBe(GestureState.Declined);
    }

    [Fact]
    public void Approving_a_gesture_that_is_not_on_the_case_is_refused()
    {
        var recoveryCase = A.OpenCase();
        var otherCase = A.OpenCase();
        var foreign = otherCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 180m, null, Defaults, A.Now);

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(foreign.Id, A.Manager, A.Now));

        foreign.State.ShouldBe(GestureState.PendingApproval);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-50")]
    [InlineData("100000.01")]
    [InlineData("250000")]
    [InlineData("10.005")]
    [InlineData("0.001")]
    public void Gesture_with_a_negative_too_large_or_fractional_cent_amount_is_refused(string amount)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null, Defaults, A.Now));

        recoveryCase.Gestures.ShouldBeEmpty();
        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void Gesture_of_an_unknown_kind_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.GiveGesture(A.FrontDesk, (GestureKind)42, 10m, null, Defaults, A.Now));

        recoveryCase.Gestures.ShouldBeEmpty();
    }

    [Fact]
    public void Gesture_remembers_its_kind_cost_note_and_giver()
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 35.90m, "  Flowers delivered  ", Defaults, A.Now);

        gesture.Kind.ShouldBe(GestureKind.Gift);
        gesture.Amount.ShouldBe(35.90m);
        gesture.Note.ShouldBe("Flowers delivered");
        gesture.RecordedByName.ShouldBe("Fiona Front");
        gesture.RecordedAt.ShouldBe(A.Now);
        gesture.CaseId.ShouldBe(recoveryCase.Id);
    }

    [Fact]
    public void A_gesture_left_waiting_when_the_other_steps_resolve_the_case_can_still_be_decided_by_a_manager()
    {
        // Victory is already done by a small gesture; a second one goes over the limit and waits.
        var recoveryCase = A.OpenCase();
        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 50m, null, Defaults, A.Now);
        var waiting = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 80m, null, Defaults, A.Now.AddMinutes(1));

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(2), ServiceStep.Victory);

        // Whether the case is already resolved or kept open for the decision, the manager must be able to decide.
        Should.NotThrow(() => recoveryCase.ApproveGesture(waiting.Id, A.Manager, A.Now.AddDays(1)));
        waiting.State.ShouldBe(GestureState.Given);
        recoveryCase.HasGestureAwaitingApproval.ShouldBeFalse();
    }
}
