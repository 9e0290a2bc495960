using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class SaySorryTests
{
    [Fact]
    public void A_new_case_has_no_time_to_apology_yet()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.FirstApologyAt.ShouldBeNull();
        recoveryCase.TimeToApology.ShouldBeNull();
    }

    [Fact]
    public void Time_to_apology_is_measured_from_when_the_defect_occurred_not_from_when_the_case_was_opened()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddHours(-2)).OpenedAt(A.Now).Build();

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, A.Now.AddMinutes(15), A.Now.AddMinutes(20));

        recoveryCase.TimeToApology.ShouldBe(TimeSpan.FromMinutes(135));
    }

    [Fact]
    public void Apology_at_the_very_moment_of_the_defect_takes_zero_time_not_a_negative_one()
    {
        var occurredAt = A.Now.AddMinutes(-10);
        var recoveryCase = A.Case().DefectOccurredAt(occurredAt).Build();

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, occurredAt, A.Now);

        recoveryCase.TimeToApology.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Time_to_apology_is_the_same_whatever_offset_the_times_were_given_in()
    {
        var recoveryCase = A.Case().DefectOccurredAt(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero)).Build();
        var sydneyTime = new DateTimeOffset(2026, 3, 10, 19, 45, 0, TimeSpan.FromHours(11)); // 08:45 UTC

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.Phone, sydneyTime, A.Now);

        recoveryCase.TimeToApology.ShouldBe(TimeSpan.FromMinutes(45));
        recoveryCase.FirstApologyAt.ShouldBe(sydneyTime);
    }

    [Fact]
    public void Apology_before_the_defect_happened_is_refused_and_leaves_the_case_unchanged()
    {
        var occurredAt = A.Now.AddMinutes(-30);
        var recoveryCase = A.Case().DefectOccurredAt(occurredAt).Build();
        var eventsBefore = recoveryCase.Timeline.Count;

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, occurredAt.AddSeconds(-1), A.Now));

        recoveryCase.Apologies.ShouldBeEmpty();
        recoveryCase.FirstApologyAt.ShouldBeNull();
        recoveryCase.Steps.SaySorry.IsSettled.ShouldBeFalse();
        recoveryCase.Timeline.Count.ShouldBe(eventsBefore);
    }

    [Fact]
    public void Apology_in_the_future_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, A.Now.AddMinutes(2), A.Now));

        recoveryCase.Apologies.ShouldBeEmpty();
        recoveryCase.FirstApologyAt.ShouldBeNull();
    }

    [Fact]
    public void Apology_a_few_seconds_ahead_of_the_server_clock_is_accepted_as_clock_drift()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, A.Now.AddSeconds(30), A.Now);

        recoveryCase.Apologies.Count.ShouldBe(1);
    }

    [Fact]
    public void First_apology_keeps_the_earliest_apology_even_when_an_earlier_one_is_recorded_later()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddHours(-1)).Build();

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.Phone, A.Now.AddMinutes(-20), A.Now);
        recoveryCase.RecordApology(A.OtherFrontDesk, A.OtherFrontDesk.Name, ApologyMethod.InPerson, A.Now.AddMinutes(-50), A.Now.AddMinutes(1));
        recoveryCase.RecordApology(A.Manager, A.Manager.Name, ApologyMethod.Letter, A.Now.AddMinutes(2), A.Now.AddMinutes(3));

        recoveryCase.FirstApologyAt.ShouldBe(A.Now.AddMinutes(-50));
        recoveryCase.TimeToApology.ShouldBe(TimeSpan.FromMinutes(10));
        recoveryCase.Apologies.Count.ShouldBe(3);
    }

    [Fact]
    public void Recording_an_apology_completes_say_sorry_and_remembers_who_apologised_how_and_who_recorded_it()
    {
        var recoveryCase = A.OpenCase();

        var apology = recoveryCase.RecordApology(A.FrontDesk, "  Dr Lee  ", ApologyMethod.Phone, A.Now.AddMinutes(-5), A.Now);

        recoveryCase.StateOf(ServiceStep.SaySorry, A.Now).ShouldBe(StepState.Done);
        apology.ApologisedBy.ShouldBe("Dr Lee");
        apology.RecordedByName.ShouldBe("Fiona Front");
        apology.Method.ShouldBe(ApologyMethod.Phone);
        apology.ApologisedAt.ShouldBe(A.Now.AddMinutes(-5));
        recoveryCase.Timeline[^1].Detail.ShouldContain("Dr Lee");
        recoveryCase.Timeline[^1].ActorName.ShouldBe("Fiona Front");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Apology_without_saying_who_apologised_is_refused(string apologisedBy)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordApology(A.FrontDesk, apologisedBy, ApologyMethod.InPerson, A.Now, A.Now));

        recoveryCase.Apologies.ShouldBeEmpty();
        recoveryCase.FirstApologyAt.ShouldBeNull();
        recoveryCase.Steps.SaySorry.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void Apology_naming_someone_with_a_name_over_the_limit_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordApology(A.FrontDesk, new string('n', Limits.Name + 1), ApologyMethod.InPerson, A.Now, A.Now));

        recoveryCase.Apologies.ShouldBeEmpty();
        recoveryCase.FirstApologyAt.ShouldBeNull();
    }

    [Fact]
    public void Apology_with_a_method_not_on_the_list_is_refused()
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() =>
            recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, (ApologyMethod)99, A.Now, A.Now));

        recoveryCase.Apologies.ShouldBeEmpty();
    }
}
