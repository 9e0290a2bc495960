using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public sealed class WelcomeBackTests
{
    [Fact]
    public void A_manager_chooses_the_welcome_back_gesture_on_the_timeline_of_extend()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.PlanWelcomeBack(A.Manager, "A thank-you card signed by the team", A.Now);

        recoveryCase.WelcomeBackGesture.ShouldBe("A thank-you card signed by the team");
        var planned = recoveryCase.Timeline[^1];
        planned.Kind.ShouldBe(TimelineEventKind.WelcomeBackPlanned);
        planned.Step.ShouldBe(ServiceStep.ExtendOutcome);
        planned.ActorName.ShouldBe(A.Manager.Name);
    }

    [Fact]
    public void The_front_desk_cannot_choose_the_welcome_back_gesture()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.PlanWelcomeBack(A.FrontDesk, "A gift", A.Now));

        recoveryCase.WelcomeBackGesture.ShouldBeNull();
    }

    [Fact]
    public void Choosing_the_same_gesture_again_adds_nothing_to_the_timeline()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.PlanWelcomeBack(A.Manager, "A gift", A.Now);
        var events = recoveryCase.Timeline.Count;

        recoveryCase.PlanWelcomeBack(A.Manager, " A gift ", A.Now.AddMinutes(1));

        recoveryCase.Timeline.Count.ShouldBe(events);
    }

    [Fact]
    public void The_welcome_back_is_recorded_with_who_greeted_and_what_was_given_and_settles_no_step()
    {
        var recoveryCase = A.OpenCase();

        var welcome = recoveryCase.RecordWelcomeBack(A.FrontDesk, "Maya Manager", "Apologised again for March; gave a coffee voucher.", A.Now);

        welcome.GreetedBy.ShouldBe("Maya Manager");
        recoveryCase.WelcomeBacks.ShouldHaveSingleItem();
        var recorded = recoveryCase.Timeline[^1];
        recorded.Kind.ShouldBe(TimelineEventKind.WelcomeBackRecorded);
        recorded.Step.ShouldBe(ServiceStep.ExtendOutcome);
        recorded.Detail.ShouldContain("Welcomed back by Maya Manager");
        recoveryCase.Steps.Extend.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_resolved_case_can_still_record_the_welcome_back()
    {
        var recoveryCase = CaseActions.ResolvedCase();

        recoveryCase.RecordWelcomeBack(A.FrontDesk, "Fiona Front", "Welcomed them by name.", A.Now.AddDays(30));

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        recoveryCase.WelcomeBacks.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_withdrawn_case_records_no_welcome_back()
    {
        var recoveryCase = CaseActions.WithdrawnCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.RecordWelcomeBack(A.FrontDesk, "Fiona Front", "Hello", A.Now.AddHours(1)));
    }

    [Theory]
    [InlineData("", "Who greeted")]
    [InlineData("Fiona", "")]
    public void Who_greeted_and_what_was_said_are_both_required(string greetedBy, string saidOrGiven)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.RecordWelcomeBack(A.FrontDesk, greetedBy, saidOrGiven, A.Now));

        recoveryCase.WelcomeBacks.ShouldBeEmpty();
    }
}
