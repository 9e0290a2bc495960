using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>A complaint cannot be buried: withdrawing a case and skipping Say sorry need a practice manager.</summary>
public class BuryingTests
{
    private static readonly Actor SecondManager = new("user-manager-2", "Mark Second", StaffRole.PracticeManager);

    [Fact]
    public void Front_desk_cannot_withdraw_a_case()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Withdraw(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5)))
            .Message.ShouldContain("Only a practice manager can withdraw a case");

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.Timeline.ShouldNotContain(e => e.Kind == TimelineEventKind.Withdrawn);
    }

    [Fact]
    public void Front_desk_cannot_skip_say_sorry_but_may_still_skip_other_steps()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Skip(ServiceStep.SaySorry, "Patient left", A.FrontDesk, A.Now.AddMinutes(5)))
            .Message.ShouldContain("Only a practice manager can skip Say sorry");
        recoveryCase.Steps.SaySorry.IsSettled.ShouldBeFalse();

        recoveryCase.Skip(ServiceStep.Victory, "Patient declined any gesture", A.FrontDesk, A.Now.AddMinutes(6));
        recoveryCase.Steps.Victory.IsSkipped.ShouldBeTrue();
    }

    [Fact]
    public void A_manager_withdraws_and_skips_say_sorry_directly()
    {
        var withdrawn = A.OpenCase();
        withdrawn.Withdraw(A.Manager, "Logged twice", A.Now.AddMinutes(5));
        withdrawn.Status.ShouldBe(CaseStatus.Withdrawn);

        var skipped = A.OpenCase();
        skipped.Skip(ServiceStep.SaySorry, "The patient refused to speak to us", A.Manager, A.Now.AddMinutes(5));
        skipped.Steps.SaySorry.IsSkipped.ShouldBeTrue();
    }

    [Fact]
    public void A_withdrawal_request_leaves_the_case_open_and_shows_who_asked_when_and_why()
    {
        var recoveryCase = A.OpenCase();

        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "  Logged twice  ", A.Now.AddMinutes(5));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        request.IsPending.ShouldBeTrue();
        request.RecordedByName.ShouldBe("Fiona Front");
        request.RecordedAt.ShouldBe(A.Now.AddMinutes(5));
        request.Reason.ShouldBe("Logged twice");
        recoveryCase.PendingRequest(CaseRequestKind.Withdrawal).ShouldBe(request);
        recoveryCase.HasPendingRequest.ShouldBeTrue();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.WithdrawalRequested);
        recoveryCase.Timeline[^1].Detail.ShouldBe("Asked a practice manager to withdraw the case: Logged twice");
    }

    [Fact]
    public void Approving_a_withdrawal_withdraws_with_the_requesters_reason_and_the_decider_on_the_timeline()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));

        recoveryCase.ApproveRequest(request.Id, A.Manager, A.Now.AddMinutes(30));

        recoveryCase.Status.ShouldBe(CaseStatus.Withdrawn);
        recoveryCase.WithdrawReason.ShouldBe("Logged twice");
        request.State.ShouldBe(CaseRequestState.Approved);
        request.DecidedByName.ShouldBe("Maya Manager");
        var withdrawn = recoveryCase.Timeline.Single(e => e.Kind == TimelineEventKind.Withdrawn);
        withdrawn.ActorName.ShouldBe("Maya Manager");
        withdrawn.Detail.ShouldBe("Case withdrawn at Fiona Front's request: Logged twice");
    }

    [Fact]
    public void Approving_a_skip_of_say_sorry_skips_it_with_the_requesters_reason()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "The patient asked us not to contact them", A.Now.AddMinutes(5));

        recoveryCase.ApproveRequest(request.Id, A.Manager, A.Now.AddMinutes(30));

        recoveryCase.Steps.SaySorry.SkipReason.ShouldBe("The patient asked us not to contact them");
        recoveryCase.Skips.ShouldHaveSingleItem().RecordedByName.ShouldBe("Maya Manager");
        var skipped = recoveryCase.Timeline.Single(e => e.Kind == TimelineEventKind.StepSkipped);
        skipped.ActorName.ShouldBe("Maya Manager");
        skipped.Detail.ShouldBe("Say sorry skipped at Fiona Front's request: The patient asked us not to contact them");
    }

    [Fact]
    public void A_requested_skip_leaves_say_sorry_due_and_its_escalation_still_goes_out()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "Patient left before we could apologise", A.Now.AddMinutes(5));

        recoveryCase.Steps.SaySorry.IsSettled.ShouldBeFalse();
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        var reminders = new Actor("system", "Reminders", StaffRole.Administrator);
        recoveryCase.EscalateOverdueApology(reminders, ["Maya Manager"], recoveryCase.Steps.SaySorry.DueAt.AddMinutes(10)).ShouldBeTrue();
    }

    [Fact]
    public void Declining_a_request_clears_it_with_the_reason_and_the_case_goes_on()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "Patient is difficult", A.Now.AddMinutes(5));

        recoveryCase.DeclineRequest(request.Id, A.Manager, "  A complaint is not a reason to withdraw  ", A.Now.AddMinutes(30));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        request.State.ShouldBe(CaseRequestState.Declined);
        request.DecisionNote.ShouldBe("A complaint is not a reason to withdraw");
        recoveryCase.PendingRequest(CaseRequestKind.Withdrawal).ShouldBeNull();
        recoveryCase.HasPendingRequest.ShouldBeFalse();
        recoveryCase.Timeline[^1].Detail.ShouldBe("Declined Fiona Front's request to withdraw the case: A complaint is not a reason to withdraw");
        recoveryCase.Timeline[^1].ActorName.ShouldBe("Maya Manager");
    }

    [Fact]
    public void Declining_without_a_reason_is_refused()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));

        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineRequest(request.Id, A.Manager, "  ", A.Now.AddMinutes(30)));

        request.IsPending.ShouldBeTrue();
    }

    [Fact]
    public void Front_desk_cannot_decide_a_request()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveRequest(request.Id, A.OtherFrontDesk, A.Now.AddMinutes(30)));
        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineRequest(request.Id, A.OtherFrontDesk, "No", A.Now.AddMinutes(30)));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        request.IsPending.ShouldBeTrue();
    }

    [Fact]
    public void The_requester_never_decides_their_own_request_even_after_becoming_a_manager()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));
        var promoted = A.FrontDesk with { Role = StaffRole.PracticeManager };

        Should.Throw<DomainRuleException>(() => recoveryCase.ApproveRequest(request.Id, promoted, A.Now.AddMinutes(30)))
            .Message.ShouldBe("You asked to withdraw the case; another practice manager must decide.");
        Should.Throw<DomainRuleException>(() => recoveryCase.DeclineRequest(request.Id, promoted, "Changed my mind", A.Now.AddMinutes(30)));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        request.IsPending.ShouldBeTrue();
    }

    [Fact]
    public void Only_one_request_of_each_kind_waits_at_a_time()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));
        recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "Patient left", A.Now.AddMinutes(6));

        Should.Throw<DomainRuleException>(() => recoveryCase.RequestWithdrawal(A.OtherFrontDesk, "Not a defect", A.Now.AddMinutes(7)))
            .Message.ShouldContain("Fiona Front's request to withdraw the case is waiting");
        Should.Throw<DomainRuleException>(() => recoveryCase.RequestSkip(ServiceStep.SaySorry, A.OtherFrontDesk, "Again", A.Now.AddMinutes(7)));

        recoveryCase.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public void A_manager_decides_a_waiting_request_rather_than_acting_around_it()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.RequestWithdrawal(A.FrontDesk, "Logged twice", A.Now.AddMinutes(5));
        recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "Patient left", A.Now.AddMinutes(6));

        Should.Throw<DomainRuleException>(() => recoveryCase.Withdraw(A.Manager, "Duplicate", A.Now.AddMinutes(7)));
        Should.Throw<DomainRuleException>(() => recoveryCase.Skip(ServiceStep.SaySorry, "No need", A.Manager, A.Now.AddMinutes(7)));
    }

    [Fact]
    public void Only_say_sorry_is_requested_and_only_front_desk_requests()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.RequestSkip(ServiceStep.Victory, A.FrontDesk, "Patient declined", A.Now));
        Should.Throw<DomainRuleException>(() => recoveryCase.RequestSkip(ServiceStep.SaySorry, A.Manager, "Patient left", A.Now));
        Should.Throw<DomainRuleException>(() => recoveryCase.RequestWithdrawal(A.Manager, "Logged twice", A.Now));

        recoveryCase.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Recording_the_apology_settles_a_waiting_skip_request()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "Patient left", A.Now.AddMinutes(5));

        recoveryCase.RecordApology(A.OtherFrontDesk, "Omar Other", ApologyMethod.Phone, A.Now.AddMinutes(20), A.Now.AddMinutes(20));

        request.State.ShouldBe(CaseRequestState.Lapsed);
        recoveryCase.PendingRequest(CaseRequestKind.SkipStep, ServiceStep.SaySorry).ShouldBeNull();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.RequestLapsed);
    }

    [Fact]
    public void A_manager_reinstates_a_withdrawn_case_with_a_reason_and_both_stay_on_the_timeline()
    {
        var recoveryCase = CaseActions.WithdrawnCase();

        recoveryCase.Reinstate(A.Manager, "  It was not a duplicate after all  ", A.Now.AddHours(2));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.WithdrawnAt.ShouldBeNull();
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        recoveryCase.Timeline.Select(e => e.Kind).ShouldContain(TimelineEventKind.Withdrawn);
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.Reinstated);
        recoveryCase.Timeline[^1].Detail.ShouldBe("Case reinstated: It was not a duplicate after all");
        recoveryCase.RecordFix(A.FrontDesk, "Rebooked", A.Now.AddHours(3));
    }

    [Fact]
    public void Front_desk_cannot_reinstate_and_only_a_withdrawn_case_is_reinstated()
    {
        var withdrawn = CaseActions.WithdrawnCase();
        Should.Throw<DomainRuleException>(() => withdrawn.Reinstate(A.FrontDesk, "Please", A.Now.AddHours(2)));
        withdrawn.Status.ShouldBe(CaseStatus.Withdrawn);

        var open = A.OpenCase();
        Should.Throw<DomainRuleException>(() => open.Reinstate(A.Manager, "Why not", A.Now.AddHours(2)));
        Should.Throw<DomainRuleException>(() => withdrawn.Reinstate(A.Manager, " ", A.Now.AddHours(2)));
    }

    [Fact]
    public void Another_manager_may_decide_a_request()
    {
        var recoveryCase = A.OpenCase();
        var request = recoveryCase.RequestSkip(ServiceStep.SaySorry, A.FrontDesk, "Patient left", A.Now.AddMinutes(5));

        recoveryCase.DeclineRequest(request.Id, SecondManager, "Call the patient tonight", A.Now.AddMinutes(10));

        request.DecidedByName.ShouldBe("Mark Second");
        recoveryCase.Steps.SaySorry.IsSettled.ShouldBeFalse();
    }
}
