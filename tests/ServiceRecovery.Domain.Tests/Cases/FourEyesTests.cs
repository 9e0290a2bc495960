using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>Four eyes on money: the giver never decides their own gesture, and no one sets their own limit.</summary>
public class FourEyesTests
{
    private static readonly Actor SecondManager = new("user-manager-2", "Mark Second", StaffRole.PracticeManager);
    private static readonly GestureLimits ManagerCapped = new(100m, 500m, null);

    [Fact]
    public void A_managers_gesture_above_the_manager_limit_waits_for_approval()
    {
        var recoveryCase = A.OpenCase();

        var gesture = recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, 800m, null, ManagerCapped, A.Now);

        gesture.State.ShouldBe(GestureState.PendingApproval);
        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
        recoveryCase.Timeline[^1].Detail.ShouldBe("Gesture awaiting another manager's approval: Refund, 800.00 (above the practice manager limit)");
    }

    [Fact]
    public void The_giver_cannot_approve_or_decline_their_own_gesture()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, 800m, null, ManagerCapped, A.Now);

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(gesture.Id, A.Manager, A.Now.AddMinutes(1)))
            .Message.ShouldBe("You gave this gesture; another manager must decide.");
        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineGesture(gesture.Id, A.Manager, "Never mind", A.Now.AddMinutes(1)));

        gesture.State.ShouldBe(GestureState.PendingApproval);
        recoveryCase.GivenGestureTotal.ShouldBe(0m);
    }

    [Fact]
    public void Another_manager_or_an_administrator_approves_a_managers_gesture_above_the_limit()
    {
        var first = A.OpenCase();
        var byManager = first.GiveGesture(A.Manager, GestureKind.Refund, 800m, null, ManagerCapped, A.Now);
        first.ApproveGesture(byManager.Id, SecondManager, A.Now.AddMinutes(5));
        byManager.State.ShouldBe(GestureState.Given);
        byManager.DecidedByName.ShouldBe("Mark Second");

        var second = A.OpenCase();
        var again = second.GiveGesture(A.Manager, GestureKind.Refund, 800m, null, ManagerCapped, A.Now);
        second.ApproveGesture(again.Id, A.Administrator, A.Now.AddMinutes(5));
        again.State.ShouldBe(GestureState.Given);
    }

    [Fact]
    public void An_administrators_own_gesture_above_their_limit_waits_and_they_cannot_approve_it()
    {
        var recoveryCase = A.OpenCase();
        var gesture = recoveryCase.GiveGesture(A.Administrator, GestureKind.Refund, 800m, null, new GestureLimits(100m, null, 500m), A.Now);

        gesture.State.ShouldBe(GestureState.PendingApproval);
        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveGesture(gesture.Id, A.Administrator, A.Now.AddMinutes(1)));
    }

    [Fact]
    public void A_manager_may_change_the_front_desk_limit_and_the_change_is_reported_old_and_new()
    {
        var practice = A.Practice();

        var changes = practice.ChangeGestureLimits(new GestureLimits(150m, null, null), A.Manager);

        practice.GestureLimits.FrontDesk.ShouldBe(150m);
        changes.ShouldHaveSingleItem().ShouldBe((StaffRole.FrontDesk, (decimal?)100m, (decimal?)150m));
    }

    [Fact]
    public void A_manager_cannot_change_the_manager_limit_including_raising_their_own()
    {
        var practice = A.Practice();
        practice.ChangeGestureLimits(new GestureLimits(100m, 500m, null), A.Administrator);

        Should.Throw<DomainRuleException>(() => practice.ChangeGestureLimits(new GestureLimits(100m, 5_000m, null), A.Manager))
            .Message.ShouldBe("You cannot change the practice manager limit. Only an administrator changes this limit: no one sets their own.");
        Should.Throw<DomainRuleException>(() => practice.ChangeGestureLimits(new GestureLimits(100m, null, null), A.Manager));
        // All or nothing: the front-desk change in the same save is refused too.
        Should.Throw<DomainRuleException>(() => practice.ChangeGestureLimits(new GestureLimits(200m, 5_000m, null), A.Manager));

        practice.GestureLimits.PracticeManager.ShouldBe(500m);
        practice.GestureLimits.FrontDesk.ShouldBe(100m);
    }

    [Fact]
    public void Only_an_administrator_changes_the_administrator_limit()
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => practice.ChangeGestureLimits(new GestureLimits(100m, null, 1_000m), A.Manager));
        practice.GestureLimits.Administrator.ShouldBeNull();

        practice.ChangeGestureLimits(new GestureLimits(100m, 2_000m, 1_000m), A.Administrator);
        practice.GestureLimits.PracticeManager.ShouldBe(2_000m);
        practice.GestureLimits.Administrator.ShouldBe(1_000m);
    }

    [Fact]
    public void Front_desk_cannot_change_any_limit()
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => practice.ChangeGestureLimits(new GestureLimits(1_000m, null, null), A.FrontDesk))
            .Message.ShouldBe("You cannot change the front desk limit. Only a practice manager or an administrator changes the front-desk limit.");
        practice.GestureLimits.FrontDesk.ShouldBe(100m);
    }
}
