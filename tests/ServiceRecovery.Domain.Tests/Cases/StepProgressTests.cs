using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class StepProgressTests
{
    [Fact]
    public void Due_times_of_a_new_case_follow_the_practice_defaults_counted_from_opening()
    {
        var openedAt = A.Now;
        var recoveryCase = A.Case().OpenedAt(openedAt).Build();

        recoveryCase.Steps.SaySorry.DueAt.ShouldBe(openedAt.AddHours(1));
        recoveryCase.Steps.Expedite.DueAt.ShouldBe(openedAt.AddDays(1));
        recoveryCase.Steps.Respond.DueAt.ShouldBe(openedAt.AddDays(2));
        recoveryCase.Steps.Victory.DueAt.ShouldBe(openedAt.AddDays(3));
        recoveryCase.Steps.Improve.DueAt.ShouldBe(openedAt.AddDays(14));
        recoveryCase.Steps.Communicate.DueAt.ShouldBe(openedAt.AddDays(7));
        recoveryCase.Steps.Extend.DueAt.ShouldBe(openedAt.AddDays(90));
    }

    [Fact]
    public void Due_times_are_copied_from_the_practice_when_the_case_opens()
    {
        var practice = A.Practice();
        practice.ChangeDueTimes(StepDueTimes.InOrder(30, 120, 240, 480, 960, 1920, 3840));

        var recoveryCase = A.Case().In(practice).Build();

        recoveryCase.Steps.SaySorry.DueAt.ShouldBe(A.Now.AddMinutes(30));
        recoveryCase.Steps.Expedite.DueAt.ShouldBe(A.Now.AddMinutes(120));
        recoveryCase.Steps.Respond.DueAt.ShouldBe(A.Now.AddMinutes(240));
        recoveryCase.Steps.Victory.DueAt.ShouldBe(A.Now.AddMinutes(480));
        recoveryCase.Steps.Improve.DueAt.ShouldBe(A.Now.AddMinutes(960));
        recoveryCase.Steps.Communicate.DueAt.ShouldBe(A.Now.AddMinutes(1920));
        recoveryCase.Steps.Extend.DueAt.ShouldBe(A.Now.AddMinutes(3840));
    }

    [Fact]
    public void Changing_the_practice_due_times_later_does_not_move_the_due_times_of_an_open_case()
    {
        var practice = A.Practice();
        var openCase = A.Case().In(practice).Build();

        practice.ChangeDueTimes(StepDueTimes.InOrder(5, 10, 15, 20, 25, 30, 35));

        openCase.Steps.SaySorry.DueAt.ShouldBe(A.Now.AddHours(1));
        openCase.Steps.Extend.DueAt.ShouldBe(A.Now.AddDays(90));
        openCase.NextDueAt.ShouldBe(A.Now.AddHours(1));
        var newCase = A.Case().In(practice).WithReference(2026, 43).Build();
        newCase.Steps.SaySorry.DueAt.ShouldBe(A.Now.AddMinutes(5));
    }

    [Theory]
    [InlineData(0, StepState.Pending)]                         // 24 h left
    [InlineData(20 * 60 - 1, StepState.Pending)]               // 4 h 1 min left
    [InlineData(20 * 60, StepState.DueSoon)]                   // exactly 4 h left
    [InlineData(23 * 60, StepState.DueSoon)]                   // 1 h left
    [InlineData(24 * 60, StepState.DueSoon)]                   // due this very minute
    [InlineData((24 * 60) + 1, StepState.Overdue)]             // a minute late
    [InlineData(10 * 24 * 60, StepState.Overdue)]              // long overdue
    public void Expedite_step_is_pending_then_due_soon_within_four_hours_then_overdue(int minutesAfterOpening, StepState expected)
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.StateOf(ServiceStep.ExpediteSolutions, A.Now.AddMinutes(minutesAfterOpening)).ShouldBe(expected);
    }

    [Fact]
    public void Say_sorry_is_due_soon_from_the_start_because_it_is_due_within_the_hour()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.StateOf(ServiceStep.SaySorry, A.Now).ShouldBe(StepState.DueSoon);
    }

    [Fact]
    public void A_done_step_shows_done_even_long_after_its_due_time()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.RecordFix(A.FrontDesk, "Rebooked the appointment for tomorrow morning.", A.Now.AddDays(2));

        recoveryCase.StateOf(ServiceStep.ExpediteSolutions, A.Now.AddDays(30)).ShouldBe(StepState.Done);
        recoveryCase.Steps.Expedite.SettledAt.ShouldBe(A.Now.AddDays(2));
    }

    [Fact]
    public void A_skipped_step_shows_skipped_even_long_after_its_due_time()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Skip(ServiceStep.Victory, "No gesture appropriate: patient declined", A.Manager, A.Now.AddMinutes(5));

        recoveryCase.StateOf(ServiceStep.Victory, A.Now.AddDays(30)).ShouldBe(StepState.Skipped);
    }

    [Fact]
    public void A_new_case_sits_on_say_sorry_and_is_next_due_when_the_apology_is()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        recoveryCase.NextDueAt.ShouldBe(A.Now.AddHours(1));
        recoveryCase.OpenedAt.ShouldBe(A.Now);
    }

    [Fact]
    public void Current_step_moves_to_the_first_unsettled_step_in_service_order()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(1));
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.ExpediteSolutions);

        recoveryCase.Complete(ServiceStep.Respond, A.Now.AddMinutes(2));
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.ExpediteSolutions);

        recoveryCase.Skip(ServiceStep.ExpediteSolutions, "Nothing left to fix: the patient was seen straight away", A.Manager, A.Now.AddMinutes(3));
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.Victory);
    }

    [Fact]
    public void Next_due_is_the_earliest_unsettled_due_time_even_when_that_is_not_the_current_step()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1),
            ServiceStep.ImplementImprovements, ServiceStep.CommunicateResults, ServiceStep.ExtendOutcome);

        // Improve (14 days) comes before Communicate (7 days) in SERVICE order, but is due later.
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.ImplementImprovements);
        recoveryCase.NextDueAt.ShouldBe(A.Now.AddDays(7));

        recoveryCase.Complete(ServiceStep.CommunicateResults, A.Now.AddDays(1));
        recoveryCase.NextDueAt.ShouldBe(A.Now.AddDays(14));
    }

    [Fact]
    public void Case_is_overdue_once_its_earliest_unsettled_step_is_late()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.IsOverdue(A.Now.AddMinutes(59)).ShouldBeFalse();
        recoveryCase.IsOverdue(A.Now.AddMinutes(61)).ShouldBeTrue();

        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(5));
        recoveryCase.IsOverdue(A.Now.AddMinutes(61)).ShouldBeFalse();
    }

    [Fact]
    public void Gesture_may_be_given_before_the_apology_and_counts_without_moving_the_current_step()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 15m, "Flowers", GestureLimits.Default, A.Now.AddMinutes(1));

        recoveryCase.StateOf(ServiceStep.Victory, A.Now.AddMinutes(1)).ShouldBe(StepState.Done);
        recoveryCase.StateOf(ServiceStep.SaySorry, A.Now.AddMinutes(1)).ShouldBe(StepState.DueSoon);
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public void Steps_recorded_in_reverse_order_all_count()
    {
        var recoveryCase = A.OpenCase();
        var at = A.Now.AddMinutes(1);

        foreach (var step in ServiceSteps.InOrder.Reverse().Where(s => s != ServiceStep.SaySorry))
        {
            recoveryCase.Complete(step, at);
            at = at.AddMinutes(1);
        }

        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        recoveryCase.NextDueAt.ShouldBe(A.Now.AddHours(1));
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        ServiceSteps.InOrder.Count(s => recoveryCase.Steps[s].IsSettled).ShouldBe(6);
    }
}
