using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Practices;

public class PracticeSettingsTests
{
    private const int OneYearInMinutes = 366 * 24 * 60;

    [Fact]
    public void A_new_practice_gets_the_default_journey_stages_categories_due_times_and_limits()
    {
        var practice = A.Practice();

        practice.Name.ShouldBe("Harbourside Dental");
        practice.Slug.ShouldBe("harbourside");
        practice.TimeZoneId.ShouldBe("Australia/Sydney");
        practice.Culture.ShouldBe("en-AU");
        practice.Currency.ShouldBe("AUD");
        practice.Stages.Select(s => s.Name).ShouldBe(CxStage.DefaultNames);
        practice.Stages.Select(s => s.Position).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        practice.Stages.ShouldAllBe(s => s.PracticeId == practice.Id && !s.IsRetired);
        practice.Categories.Select(c => c.Name).ShouldBe(DefectCategory.DefaultNames);
        practice.DueTimes.For(ServiceStep.SaySorry).ShouldBe(TimeSpan.FromHours(1));
        practice.DueTimes.For(ServiceStep.ExtendOutcome).ShouldBe(TimeSpan.FromDays(90));
        practice.GestureLimits.For(StaffRole.FrontDesk).ShouldBe(100m);
        practice.GestureLimits.For(StaffRole.PracticeManager).ShouldBeNull();
        practice.GestureLimits.For(StaffRole.Administrator).ShouldBeNull();
    }

    [Fact]
    public void Default_due_times_match_the_product_brief()
    {
        var due = StepDueTimes.Default;

        due.For(ServiceStep.SaySorry).ShouldBe(TimeSpan.FromHours(1));
        due.For(ServiceStep.ExpediteSolutions).ShouldBe(TimeSpan.FromDays(1));
        due.For(ServiceStep.Respond).ShouldBe(TimeSpan.FromDays(2));
        due.For(ServiceStep.Victory).ShouldBe(TimeSpan.FromDays(3));
        due.For(ServiceStep.ImplementImprovements).ShouldBe(TimeSpan.FromDays(14));
        due.For(ServiceStep.CommunicateResults).ShouldBe(TimeSpan.FromDays(7));
        due.For(ServiceStep.ExtendOutcome).ShouldBe(TimeSpan.FromDays(90));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    [InlineData(2, 0)]
    [InlineData(3, OneYearInMinutes + 1)]
    [InlineData(4, int.MinValue)]
    [InlineData(5, int.MaxValue)]
    [InlineData(6, 0)]
    public void A_step_due_time_outside_one_minute_to_one_year_is_refused(int position, int minutes)
    {
        var values = Enumerable.Repeat(60, 7).ToArray();
        values[position] = minutes;

        Should.Throw<DomainRuleException>(() =>
            StepDueTimes.InOrder(values[0], values[1], values[2], values[3], values[4], values[5], values[6]));
    }

    [Fact]
    public void Step_due_times_of_one_minute_and_of_one_year_are_accepted()
    {
        var due = StepDueTimes.InOrder(1, OneYearInMinutes, 1, OneYearInMinutes, 1, OneYearInMinutes, 1);

        due.For(ServiceStep.SaySorry).ShouldBe(TimeSpan.FromMinutes(1));
        due.For(ServiceStep.ExpediteSolutions).ShouldBe(TimeSpan.FromDays(366));
    }

    [Fact]
    public void Due_time_of_a_step_not_in_the_list_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => StepDueTimes.Default.For((ServiceStep)0));
    }

    [Theory]
    [InlineData("-0.01", null, null)]
    [InlineData(null, "-1", null)]
    [InlineData(null, null, "-100")]
    [InlineData("100000.01", null, null)]
    [InlineData(null, "1000000", null)]
    [InlineData(null, null, "100000.01")]
    public void A_gesture_limit_below_zero_or_above_the_maximum_is_refused(string? frontDesk, string? manager, string? administrator)
    {
        Should.Throw<DomainRuleException>(() => new GestureLimits(Money(frontDesk), Money(manager), Money(administrator)));
    }

    [Fact]
    public void Gesture_limits_of_zero_the_maximum_or_no_limit_are_accepted()
    {
        var limits = new GestureLimits(0m, Limits.MaxGestureAmount, null);

        limits.For(StaffRole.FrontDesk).ShouldBe(0m);
        limits.For(StaffRole.PracticeManager).ShouldBe(Limits.MaxGestureAmount);
        limits.For(StaffRole.Administrator).ShouldBeNull();
    }

    [Fact]
    public void With_a_front_desk_limit_of_zero_every_paid_gesture_waits_for_approval()
    {
        var recoveryCase = A.OpenCase();
        var noAuthority = new GestureLimits(0m, null, null);

        recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Gift, 0.01m, null, noAuthority, A.Now)
            .State.ShouldBe(GestureState.PendingApproval);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_practice_needs_a_name(string name)
    {
        Should.Throw<DomainRuleException>(() => Practice.Create(name, "harbourside", "Australia/Sydney", "en-AU", "AUD"));
    }

    [Fact]
    public void Practice_address_name_is_lower_case_and_currency_upper_case()
    {
        var practice = Practice.Create("Harbourside Dental", "HarbourSide", "Australia/Sydney", "en-AU", "aud");

        practice.Slug.ShouldBe("harbourside");
        practice.Currency.ShouldBe("AUD");
        practice.Stages.ShouldBeEmpty();
    }

    [Fact]
    public void A_currency_code_longer_than_three_letters_is_refused()
    {
        Should.Throw<DomainRuleException>(() => Practice.Create("Harbourside Dental", "harbourside", "Australia/Sydney", "en-AU", "AUDD"));
    }

    [Fact]
    public void A_stage_added_by_the_practice_goes_at_the_end_of_the_journey()
    {
        var practice = A.Practice();

        var stage = practice.AddStage("  Parking  ");

        stage.Name.ShouldBe("Parking");
        stage.Position.ShouldBe(9);
        stage.PracticeId.ShouldBe(practice.Id);
    }

    private static decimal? Money(string? text) =>
        text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
