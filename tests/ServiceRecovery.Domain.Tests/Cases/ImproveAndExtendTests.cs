using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class ImproveAndExtendTests
{
    [Fact]
    public void Linking_an_improvement_completes_implement_improvements()
    {
        var recoveryCase = A.OpenCase();
        var improvement = A.ImprovementFor(recoveryCase.PracticeId);

        var link = recoveryCase.LinkImprovement(improvement, A.Manager, A.Now.AddDays(2));

        link.ImprovementId.ShouldBe(improvement.Id);
        recoveryCase.StateOf(ServiceStep.ImplementImprovements, A.Now.AddDays(2)).ShouldBe(StepState.Done);
    }

    [Fact]
    public void One_improvement_may_serve_many_cases()
    {
        var practice = A.Practice();
        var first = A.Case().In(practice).WithReference(2026, 1).Build();
        var second = A.Case().In(practice).WithReference(2026, 2).Build();
        var improvement = A.ImprovementFor(practice.Id);

        first.LinkImprovement(improvement, A.Manager, A.Now.AddDays(1));
        second.LinkImprovement(improvement, A.Manager, A.Now.AddDays(1));

        first.Steps.Improve.IsSettled.ShouldBeTrue();
        second.Steps.Improve.IsSettled.ShouldBeTrue();
    }

    [Fact]
    public void The_same_improvement_cannot_be_linked_twice_to_one_case()
    {
        var recoveryCase = A.OpenCase();
        var improvement = A.ImprovementFor(recoveryCase.PracticeId);
        recoveryCase.LinkImprovement(improvement, A.Manager, A.Now.AddDays(1));

        Should.Throw<DomainRuleException>(() => recoveryCase.LinkImprovement(improvement, A.Manager, A.Now.AddDays(2)));

        recoveryCase.ImprovementLinks.Count.ShouldBe(1);
    }

    [Fact]
    public void An_improvement_of_another_practice_cannot_be_linked()
    {
        var recoveryCase = A.OpenCase();
        var elsewhere = A.ImprovementFor(A.Practice().Id);

        Should.Throw<DomainRuleException>(() => recoveryCase.LinkImprovement(elsewhere, A.Manager, A.Now.AddDays(1)));

        recoveryCase.Steps.Improve.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void Planning_a_follow_up_and_recording_how_it_went_does_not_complete_extend_the_outcome()
    {
        var recoveryCase = A.OpenCase();

        var followUp = recoveryCase.PlanFollowUp(A.FrontDesk, new DateOnly(2026, 3, 17), FollowUpMethod.Call, A.Locale, A.Now);
        recoveryCase.RecordFollowUpOutcome(followUp.Id, A.FrontDesk, "Patient is happy; will book a check-up.", A.Now.AddDays(7));

        followUp.Outcome.ShouldBe("Patient is happy; will book a check-up.");
        followUp.OutcomeRecordedAt.ShouldBe(A.Now.AddDays(7));
        recoveryCase.Steps.Extend.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_follow_up_outcome_cannot_be_recorded_twice()
    {
        var recoveryCase = A.OpenCase();
        var followUp = recoveryCase.PlanFollowUp(A.FrontDesk, new DateOnly(2026, 3, 17), FollowUpMethod.Call, A.Locale, A.Now);
        recoveryCase.RecordFollowUpOutcome(followUp.Id, A.FrontDesk, "No answer.", A.Now.AddDays(7));

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordFollowUpOutcome(followUp.Id, A.FrontDesk, "Spoke at last.", A.Now.AddDays(8)));

        followUp.Outcome.ShouldBe("No answer.");
    }

    [Fact]
    public void A_return_dated_in_the_future_is_refused()
    {
        var recoveryCase = A.OpenCase();
        var today = new DateOnly(2026, 3, 10);

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordReturn(A.FrontDesk, today.AddDays(1), "Check-up", A.Locale, A.Now));

        recoveryCase.Returns.ShouldBeEmpty();
        recoveryCase.Steps.Extend.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_return_dated_before_the_defect_is_refused()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-10)).Build();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 2, 20), "Check-up", A.Locale, A.Now));

        recoveryCase.Returns.ShouldBeEmpty();
    }

    [Fact]
    public void A_personal_contact_completes_respond()
    {
        var recoveryCase = A.OpenCase();

        var contact = recoveryCase.RecordContact(A.FrontDesk, ContactMethod.HandWrittenNote, A.Now.AddHours(-1), "Thank-you note sent.", A.Now);

        contact.Summary.ShouldBe("Thank-you note sent.");
        recoveryCase.StateOf(ServiceStep.Respond, A.Now).ShouldBe(StepState.Done);
    }

    [Fact]
    public void A_fix_without_a_description_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.RecordFix(A.FrontDesk, "  ", A.Now));
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordFix(A.FrontDesk, new string('x', Limits.Description + 1), A.Now));

        recoveryCase.Steps.Expedite.IsSettled.ShouldBeFalse();
    }
}
