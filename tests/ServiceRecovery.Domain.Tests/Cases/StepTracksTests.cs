using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class StepTracksTests
{
    [Fact]
    public void Each_step_is_due_after_its_own_due_time_setting()
    {
        var practice = A.Practice();
        practice.ChangeDueTimes(new StepDueTimes(step => (int)step * 100));

        var recoveryCase = A.Case().In(practice).Build();

        foreach (var step in ServiceSteps.InOrder)
        {
            practice.DueTimes.Minutes(step).ShouldBe((int)step * 100, step.Title());
            recoveryCase.Steps[step].DueAt.ShouldBe(A.Now.AddMinutes((int)step * 100), step.Title());
        }
    }

    [Fact]
    public void Each_step_field_on_the_settings_form_is_its_own_column()
    {
        ServiceSteps.InOrder.Select(StepTracks.PropertyOf).Distinct().Count().ShouldBe(ServiceSteps.InOrder.Count);
    }

    [Fact]
    public void A_settled_step_stops_counting_as_the_current_step()
    {
        var recoveryCase = A.Case().Build();
        recoveryCase.Steps.Current.ShouldBe(ServiceStep.SaySorry);

        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(5));
        recoveryCase.Steps.Current.ShouldBe(ServiceStep.ExpediteSolutions);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.ExpediteSolutions);

        recoveryCase.Skip(ServiceStep.ExpediteSolutions, "Nothing to fix: the patient only wanted to be heard", A.Manager, A.Now.AddMinutes(6));
        recoveryCase.Steps.Current.ShouldBe(ServiceStep.Respond);
        recoveryCase.StateOf(ServiceStep.ExpediteSolutions, A.Now.AddDays(30)).ShouldBe(StepState.Skipped);
    }

    [Fact]
    public void The_next_due_step_is_the_unsettled_step_due_first_not_the_first_in_order()
    {
        var recoveryCase = A.Case().Build();
        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(5));

        // Communicate results (7 days) is due before Implement improvements (14 days) by default.
        foreach (var step in new[] { ServiceStep.ExpediteSolutions, ServiceStep.Respond, ServiceStep.Victory })
        {
            recoveryCase.Skip(step, "Not needed for this case", A.Manager, A.Now.AddMinutes(6));
        }

        recoveryCase.Steps.Current.ShouldBe(ServiceStep.ImplementImprovements);
        recoveryCase.Steps.NextDue!.Value.Step.ShouldBe(ServiceStep.CommunicateResults);
        recoveryCase.NextDueAt.ShouldBe(A.Now.AddDays(7));
    }
}
