using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class SkippingTests
{
    [Fact]
    public void Skipping_a_step_with_a_reason_settles_it_and_keeps_the_reason()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Skip(ServiceStep.Victory, "  No gesture appropriate: patient declined  ", A.Manager, A.Now.AddMinutes(5));

        recoveryCase.StateOf(ServiceStep.Victory, A.Now.AddMinutes(5)).ShouldBe(StepState.Skipped);
        recoveryCase.Steps.Victory.SkipReason.ShouldBe("No gesture appropriate: patient declined");
        recoveryCase.Steps.Victory.SettledAt.ShouldBe(A.Now.AddMinutes(5));
        recoveryCase.Skips.ShouldHaveSingleItem().RecordedByName.ShouldBe("Maya Manager");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Skipping_without_a_written_reason_is_refused(string reason)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Skip(ServiceStep.Victory, reason, A.Manager, A.Now));

        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
        recoveryCase.Skips.ShouldBeEmpty();
    }

    [Fact]
    public void Skipping_with_a_reason_longer_than_the_limit_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.Skip(ServiceStep.Victory, new string('x', Limits.Reason + 1), A.Manager, A.Now));

        recoveryCase.Steps.Victory.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_step_already_done_cannot_be_skipped()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(1));

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.Skip(ServiceStep.SaySorry, "Changed my mind", A.Manager, A.Now.AddMinutes(2)));

        recoveryCase.StateOf(ServiceStep.SaySorry, A.Now.AddMinutes(2)).ShouldBe(StepState.Done);
        recoveryCase.Skips.ShouldBeEmpty();
    }

    [Fact]
    public void A_step_already_skipped_cannot_be_skipped_again()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Skip(ServiceStep.Victory, "Patient declined any gesture", A.Manager, A.Now.AddMinutes(1));

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.Skip(ServiceStep.Victory, "Another reason", A.Manager, A.Now.AddMinutes(2)));

        recoveryCase.Steps.Victory.SkipReason.ShouldBe("Patient declined any gesture");
        recoveryCase.Skips.Count.ShouldBe(1);
    }

    [Fact]
    public void A_skipped_step_that_is_later_done_counts_as_done()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Skip(ServiceStep.Victory, "Patient declined any gesture", A.Manager, A.Now.AddMinutes(1));

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 30m, "Changed their mind: flowers", GestureLimits.Default, A.Now.AddDays(1));

        recoveryCase.StateOf(ServiceStep.Victory, A.Now.AddDays(1)).ShouldBe(StepState.Done);
        recoveryCase.Steps.Victory.IsSkipped.ShouldBeFalse();
        recoveryCase.Steps.Victory.SkipReason.ShouldBeNull();
        recoveryCase.Steps.Victory.SettledAt.ShouldBe(A.Now.AddDays(1));
    }

    [Fact]
    public void Skipping_a_step_that_is_not_one_of_the_seven_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Skip((ServiceStep)8, "Because", A.Manager, A.Now));
    }
}
