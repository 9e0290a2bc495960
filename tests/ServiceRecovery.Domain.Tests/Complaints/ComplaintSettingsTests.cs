namespace ServiceRecovery.Domain.Tests.Complaints;

/// <summary>The practice's choice of profile and clocks, and its working days.</summary>
public sealed class ComplaintSettingsTests
{
    private static readonly DayOfWeek[] MondayToFriday = [.. WorkingDays.Days(WorkingDays.DefaultOpeningDays)];

    [Fact]
    public void A_practice_may_answer_sooner_than_a_legal_clock()
    {
        var rules = new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, 1, 7).Rules();

        rules.Acknowledge.ShouldBe(new ClockRule(1, ClockUnit.WorkingDays));
        rules.Respond.ShouldBe(new ClockRule(7, ClockUnit.WorkingDays));
    }

    [Fact]
    public void A_legal_clock_set_longer_than_the_law_allows_is_refused_naming_the_legal_time()
    {
        var refused = Should.Throw<DomainRuleException>(() => new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, 5, null).Checked());

        refused.Field.ShouldBe(ComplaintSettings.AcknowledgeField);
        refused.Message.ShouldBe("England, NHS dental care allows at most 3 working days to acknowledge; the practice may set a shorter time, never a longer one.");
    }

    [Fact]
    public void A_clock_the_practice_sets_may_be_longer_than_the_default()
    {
        var rules = new ComplaintSettings(JurisdictionProfiles.AustraliaNewZealandOther.Id, HolidayRegion.NewZealand, 5, 45).Rules();

        rules.Acknowledge.ShouldBe(new ClockRule(5, ClockUnit.WorkingDays));
        rules.Respond.ShouldBe(new ClockRule(45, ClockUnit.CalendarDays));
        rules.Region.ShouldBe(HolidayRegion.NewZealand);
    }

    [Fact]
    public void A_region_that_is_not_the_profiles_is_refused()
    {
        var refused = Should.Throw<DomainRuleException>(() => new ComplaintSettings(JurisdictionProfiles.Victoria.Id, HolidayRegion.Queensland, null, null).Checked());

        refused.Field.ShouldBe(ComplaintSettings.RegionField);
        refused.Message.ShouldBe("Queensland is not a region of Victoria, Australia; choose one of its regions.");
    }

    [Fact]
    public void An_unknown_profile_is_refused()
    {
        Should.Throw<DomainRuleException>(() => new ComplaintSettings("atlantis", null, null, null).Checked()).Field.ShouldBe(ComplaintSettings.ProfileField);
    }

    [Fact]
    public void A_closure_list_with_garbage_is_refused_naming_the_line_and_nothing_is_kept()
    {
        var practice = Builders.A.Practice();
        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "2026-12-24", new ComplaintSettings(JurisdictionProfiles.Victoria.Id, null, null, null));

        var refused = Should.Throw<DomainRuleException>(() => practice.ChangeWorkingDaysAndComplaints(
            [DayOfWeek.Monday], "2026-12-24 to 2027-01-01\n\nxmas party", new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, null, null)));

        refused.Field.ShouldBe(WorkingDays.ClosureField);
        refused.Message.ShouldBe("Line 3, \"xmas party\", is not a date: write one date a line as 2026-12-24, or a range as 2026-12-24 to 2027-01-02.");
        practice.ClosureDays.ShouldBe("2026-12-24");
        practice.ComplaintProfileId.ShouldBe(JurisdictionProfiles.Victoria.Id);
        practice.OpeningDays.ShouldBe(WorkingDays.DefaultOpeningDays);
    }

    [Fact]
    public void A_closure_range_that_ends_before_it_starts_is_refused_naming_the_line()
    {
        Should.Throw<DomainRuleException>(() => WorkingDays.CheckClosures("2026-12-24\n2027-01-02 to 2026-12-24"))
            .Message.ShouldBe("Line 2, \"2027-01-02 to 2026-12-24\": the range ends before it starts.");
    }

    [Fact]
    public void The_Christmas_week_as_a_range_closes_every_day_in_it()
    {
        var practice = Builders.A.Practice();

        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, " 2026-12-24  to 2026-12-31 \r\n2027-03-05", null);

        practice.ClosureDays.ShouldBe("2026-12-24 to 2026-12-31\n2027-03-05");
        WorkingDays.ClosureDates(practice.ClosureDays).Count.ShouldBe(9);
        practice.Calendar.IsWorkingDay(new DateOnly(2026, 12, 30)).ShouldBeFalse();
        practice.Calendar.IsWorkingDay(new DateOnly(2027, 1, 4)).ShouldBeTrue();
    }

    [Fact]
    public void A_practice_with_no_opening_day_is_refused()
    {
        Should.Throw<DomainRuleException>(() => Builders.A.Practice().ChangeWorkingDaysAndComplaints([], "", null)).Field.ShouldBe(WorkingDays.OpeningField);
    }

    [Fact]
    public void A_complaint_marked_before_the_profile_changed_keeps_its_rules()
    {
        var practice = Builders.A.Practice();
        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, null, null));
        var marked = new ComplaintClock(practice.ComplaintRules(), new DateOnly(2026, 10, 12));

        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, null, null));

        marked.Respond(practice.Calendar)!.Due.ShouldBe(new DateOnly(2026, 10, 26), "still 10 working days, not the NHS six months");
        practice.ComplaintRules().Respond.ShouldBe(new ClockRule(6, ClockUnit.CalendarMonths));
    }

    [Fact]
    public void Changing_profile_with_no_region_chosen_takes_the_new_profiles_region()
    {
        var practice = Builders.A.Practice();
        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.Victoria.Id, null, null, null));

        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, practice.HolidayRegion, null, null));

        practice.ComplaintRules().Region.ShouldBe(HolidayRegion.England);
    }

    [Fact]
    public void A_practice_that_has_not_chosen_a_profile_has_no_complaint_rules_yet()
    {
        Should.Throw<DomainRuleException>(() => Builders.A.Practice().ComplaintRules())
            .Message.ShouldBe("Choose the practice's complaint profile in settings first.");
    }
}
