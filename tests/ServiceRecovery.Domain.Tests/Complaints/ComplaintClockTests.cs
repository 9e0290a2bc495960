namespace ServiceRecovery.Domain.Tests.Complaints;

/// <summary>Each profile's clocks on fixed dates: weekends, national and state holidays, closure days and pauses.</summary>
public sealed class ComplaintClockTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static WorkingCalendar MondayToFriday(HolidayRegion region, params string[] closures) =>
        new(WorkingDays.Days(WorkingDays.DefaultOpeningDays), region, closures.Select(D));

    private static (ComplaintClock Clock, WorkingCalendar Calendar) Received(string iso, JurisdictionProfile profile, HolidayRegion? region = null, params string[] closures)
    {
        var rules = new ComplaintSettings(profile.Id, region, null, null).Rules();
        return (new ComplaintClock(rules, D(iso)), MondayToFriday(rules.Region, closures));
    }

    [Fact]
    public void England_NHS_acknowledgement_received_on_a_Thursday_is_due_the_Tuesday_after_the_weekend()
    {
        var (clock, calendar) = Received("2026-10-15", JurisdictionProfiles.EnglandNhs);

        clock.Acknowledge(calendar).ShouldBe(new ClockDue(D("2026-10-20"), D("2026-10-19")));
    }

    [Fact]
    public void England_NHS_response_is_due_six_months_after_receipt()
    {
        var (clock, calendar) = Received("2026-10-15", JurisdictionProfiles.EnglandNhs);

        clock.Respond(calendar)!.Due.ShouldBe(D("2027-04-15"));
    }

    [Fact]
    public void England_NHS_acknowledgement_skips_Christmas_and_the_Boxing_Day_substitute_Monday()
    {
        var (clock, calendar) = Received("2026-12-23", JurisdictionProfiles.EnglandNhs);

        calendar.IsWorkingDay(D("2026-12-25")).ShouldBeFalse("Christmas Day");
        calendar.IsWorkingDay(D("2026-12-28")).ShouldBeFalse("Boxing Day falls on a Saturday; the Monday is the substitute bank holiday");
        clock.Acknowledge(calendar).ShouldBe(new ClockDue(D("2026-12-30"), D("2026-12-29")));
    }

    [Fact]
    public void UK_private_acknowledgement_and_response_skip_Christmas_and_New_Year()
    {
        var (clock, calendar) = Received("2026-12-23", JurisdictionProfiles.UnitedKingdomPrivate);

        clock.Acknowledge(calendar).ShouldBe(new ClockDue(D("2026-12-29"), D("2026-12-24")), "2 working days: the 24th and the 29th");
        clock.Respond(calendar)!.Due.ShouldBe(D("2027-01-11"), "10 working days, New Year's Day skipped");
    }

    [Fact]
    public void Victoria_acknowledgement_skips_Melbourne_Cup_day_a_state_holiday()
    {
        var (clock, calendar) = Received("2026-10-30", JurisdictionProfiles.Victoria);

        calendar.IsPublicHoliday(D("2026-11-03")).ShouldBeTrue("Melbourne Cup day");
        clock.Acknowledge(calendar)!.Due.ShouldBe(D("2026-11-05"));
    }

    [Fact]
    public void In_New_South_Wales_Melbourne_Cup_day_is_a_working_day()
    {
        var (clock, calendar) = Received("2026-10-30", JurisdictionProfiles.AustraliaNewZealandOther, HolidayRegion.NewSouthWales);

        clock.Acknowledge(calendar)!.Due.ShouldBe(D("2026-11-04"));
    }

    [Fact]
    public void Victoria_response_ninety_days_on_landing_on_Australia_Day_is_due_the_working_day_before()
    {
        var (clock, calendar) = Received("2026-10-28", JurisdictionProfiles.Victoria);

        clock.Respond(calendar)!.Due.ShouldBe(D("2027-01-25"), "90 days on is Tuesday 26 January, Australia Day");
    }

    [Fact]
    public void Australia_other_acknowledgement_skips_Australia_Day_and_the_response_on_a_Sunday_is_due_the_Friday()
    {
        var (clock, calendar) = Received("2027-01-22", JurisdictionProfiles.AustraliaNewZealandOther, HolidayRegion.Queensland);

        clock.Acknowledge(calendar)!.Due.ShouldBe(D("2027-01-28"));
        clock.Respond(calendar)!.Due.ShouldBe(D("2027-02-19"), "30 days on is Sunday 21 February");
    }

    [Fact]
    public void United_States_acknowledgement_skips_Thanksgiving_and_the_weekend()
    {
        var (clock, calendar) = Received("2026-11-25", JurisdictionProfiles.UnitedStates);

        calendar.IsPublicHoliday(D("2026-11-26")).ShouldBeTrue("Thanksgiving");
        clock.Acknowledge(calendar)!.Due.ShouldBe(D("2026-12-01"));
    }

    [Fact]
    public void A_practice_closure_day_is_not_counted()
    {
        var (clock, calendar) = Received("2026-10-15", JurisdictionProfiles.EnglandNhs, null, "2026-10-19");

        clock.Acknowledge(calendar)!.Due.ShouldBe(D("2026-10-21"));
    }

    [Fact]
    public void A_practice_open_on_Saturdays_counts_Saturday_as_a_working_day()
    {
        var rules = new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, null, null).Rules();
        var calendar = new WorkingCalendar([.. WorkingDays.Days(WorkingDays.DefaultOpeningDays), DayOfWeek.Saturday], HolidayRegion.England);

        new ComplaintClock(rules, D("2026-10-15")).Acknowledge(calendar)!.Due.ShouldBe(D("2026-10-19"));
    }

    [Fact]
    public void A_pause_moves_the_response_by_the_working_days_it_lasted_and_leaves_an_earlier_acknowledgement_alone()
    {
        var (clock, calendar) = Received("2026-10-12", JurisdictionProfiles.UnitedKingdomPrivate);
        clock.Respond(calendar)!.Due.ShouldBe(D("2026-10-26"));

        var paused = clock.PausedFrom(D("2026-10-15"), "Waiting for the patient's X-rays from their previous dentist").ResumedOn(D("2026-10-19"));

        paused.Respond(calendar).ShouldBe(new ClockDue(D("2026-10-28"), D("2026-10-27")), "paused Thursday and Friday: two working days");
        paused.Acknowledge(calendar)!.Due.ShouldBe(D("2026-10-14"), "due before the pause began");
    }

    [Fact]
    public void While_paused_the_response_has_no_due_date()
    {
        var (clock, calendar) = Received("2026-10-12", JurisdictionProfiles.UnitedKingdomPrivate);

        var paused = clock.PausedFrom(D("2026-10-15"), "Waiting for the patient to call back");

        paused.IsPaused.ShouldBeTrue();
        paused.Respond(calendar).ShouldBeNull();
    }

    [Fact]
    public void A_pause_with_no_reason_is_refused()
    {
        var (clock, _) = Received("2026-10-12", JurisdictionProfiles.UnitedKingdomPrivate);

        var refused = Should.Throw<DomainRuleException>(() => clock.PausedFrom(D("2026-10-15"), "  "));

        refused.Field.ShouldBe(ClockPause.ReasonField);
        refused.Message.ShouldBe("Say what the practice is waiting for from the patient.");
    }

    [Fact]
    public void Resuming_a_clock_that_is_not_paused_is_refused()
    {
        var (clock, _) = Received("2026-10-12", JurisdictionProfiles.UnitedKingdomPrivate);

        Should.Throw<DomainRuleException>(() => clock.ResumedOn(D("2026-10-15")))
            .Message.ShouldBe("The clock is not paused, so it cannot be resumed.");
    }

    [Fact]
    public void The_warning_day_is_the_working_day_before_the_due_date_across_a_holiday()
    {
        var (clock, calendar) = Received("2026-12-23", JurisdictionProfiles.UnitedKingdomPrivate);

        clock.Acknowledge(calendar)!.Warning.ShouldBe(D("2026-12-24"), "the 25th to the 28th are holidays or the weekend");
    }
}
