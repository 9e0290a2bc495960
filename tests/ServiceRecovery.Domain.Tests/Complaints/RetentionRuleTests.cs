using System.Globalization;

namespace ServiceRecovery.Domain.Tests.Complaints;

/// <summary>The retention rule on fixed dates: due on the anniversary, never a day early, per profile, on the practice's calendar.</summary>
public sealed class RetentionRuleTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static readonly PracticeLocale Sydney = new("Australia/Sydney", "en-AU", "AUD");

    private static readonly PracticeLocale London = new("Europe/London", "en-GB", "GBP");

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void England_NHS_details_closed_on_15_March_2016_are_kept_on_14_March_2026_and_due_on_15_March_2026()
    {
        var years = JurisdictionProfiles.EnglandNhs.RetentionYears;

        years.ShouldBe(10);
        RetentionRule.IsDue(D("2016-03-15"), years, D("2026-03-14")).ShouldBeFalse("the day before the tenth anniversary");
        RetentionRule.IsDue(D("2016-03-15"), years, D("2026-03-15")).ShouldBeTrue("the tenth anniversary");
    }

    [Fact]
    public void The_Australia_and_New_Zealand_profile_keeps_seven_years_in_Australia_and_ten_in_New_Zealand()
    {
        var profile = JurisdictionProfiles.AustraliaNewZealandOther;

        profile.In(HolidayRegion.NewZealand).RetentionYears.ShouldBe(10, "Health (Retention of Health Information) Regulations 1996");
        profile.In(HolidayRegion.WesternAustralia).RetentionYears.ShouldBe(7);
        profile.In(null).RetentionYears.ShouldBe(7, "the default region is an Australian one");
        profile.In(HolidayRegion.NewZealand).Acknowledge.ShouldBe(profile.Acknowledge, "only the retention differs");
        JurisdictionProfiles.EnglandNhs.In(HolidayRegion.England).ShouldBeSameAs(JurisdictionProfiles.EnglandNhs);
    }

    [Fact]
    public void HIPAA_details_are_due_six_years_on_and_not_a_day_before()
    {
        var years = JurisdictionProfiles.UnitedStates.RetentionYears;

        years.ShouldBe(6);
        RetentionRule.IsDue(D("2020-07-01"), years, D("2026-06-30")).ShouldBeFalse();
        RetentionRule.IsDue(D("2020-07-01"), years, D("2026-07-01")).ShouldBeTrue();
    }

    [Fact]
    public void Victoria_details_are_due_seven_years_on()
    {
        var years = JurisdictionProfiles.Victoria.RetentionYears;

        years.ShouldBe(7);
        RetentionRule.IsDue(D("2019-01-31"), years, D("2026-01-30")).ShouldBeFalse();
        RetentionRule.IsDue(D("2019-01-31"), years, D("2026-01-31")).ShouldBeTrue();
    }

    [Fact]
    public void A_last_day_of_29_February_is_due_on_1_March_when_the_anniversary_year_has_no_29_February()
    {
        RetentionRule.DueOn(D("2020-02-29"), 6).ShouldBe(D("2026-03-01"));
        RetentionRule.IsDue(D("2020-02-29"), 6, D("2026-02-28")).ShouldBeFalse("28 February is a day short of six full years");
        RetentionRule.IsDue(D("2020-02-29"), 6, D("2026-03-01")).ShouldBeTrue();
        RetentionRule.DueOn(D("2020-02-29"), 4).ShouldBe(D("2024-02-29"), "a leap year keeps its own 29 February");
    }

    [Fact]
    public void The_query_s_cutoff_date_agrees_with_the_rule_on_every_day_of_four_years()
    {
        for (var lastDay = D("2019-12-25"); lastDay <= D("2024-03-05"); lastDay = lastDay.AddDays(1))
        {
            foreach (var years in new[] { 6, 7, 10 })
            {
                var due = RetentionRule.DueOn(lastDay, years);
                foreach (var today in new[] { due.AddDays(-1), due, due.AddDays(1) })
                {
                    (lastDay <= RetentionRule.LatestDueLastDay(years, today)).ShouldBe(RetentionRule.IsDue(lastDay, years, today), $"{lastDay} + {years} on {today}");
                }
            }
        }
    }

    [Fact]
    public void The_anniversary_is_counted_on_the_practice_s_calendar_not_UTC()
    {
        // 14 March 2016 at 11 pm UTC is already 15 March in Sydney.
        var closed = At("2016-03-14T23:00:00Z");
        var cases = new[] { (CaseStatus.Closed, (DateTimeOffset?)closed) };

        RetentionRule.IsDue(JurisdictionProfiles.AustraliaNewZealandOther, Sydney, cases, null, closed, At("2023-03-14T12:00:00Z")).ShouldBeFalse("14 March in Sydney");
        RetentionRule.IsDue(JurisdictionProfiles.AustraliaNewZealandOther, Sydney, cases, null, closed, At("2023-03-14T13:00:00Z")).ShouldBeTrue("midnight 15 March in Sydney");
        RetentionRule.Cutoff(7, Sydney, At("2023-03-14T13:00:00Z")).ShouldBe(At("2016-03-15T13:00:00Z"), "the start of 16 March 2016 in Sydney: a last day of 15 March is due");
    }

    [Fact]
    public void An_open_or_resolved_case_keeps_the_details_however_old_the_others_are()
    {
        var old = At("2000-01-01T00:00:00Z");
        var now = At("2026-06-01T00:00:00Z");

        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, [(CaseStatus.Closed, old), (CaseStatus.Open, null)], null, old, now).ShouldBeFalse();
        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, [(CaseStatus.Closed, old), (CaseStatus.Resolved, null)], null, old, now).ShouldBeFalse();
        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, [(CaseStatus.Closed, old), (CaseStatus.Withdrawn, old)], null, old, now).ShouldBeTrue();
    }

    [Fact]
    public void The_last_appointment_or_update_of_the_record_restarts_the_count()
    {
        var closed = At("2010-01-10T10:00:00Z");
        var now = At("2026-06-01T10:00:00Z");
        var cases = new[] { (CaseStatus.Closed, (DateTimeOffset?)closed) };

        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, cases, At("2020-01-01T10:00:00Z"), closed, now).ShouldBeFalse("an appointment in 2020");
        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, cases, null, At("2019-01-01T10:00:00Z"), now).ShouldBeFalse("updated in 2019");
        RetentionRule.IsDue(JurisdictionProfiles.EnglandNhs, London, cases, null, closed, now).ShouldBeTrue();
    }

    [Fact]
    public void A_practice_without_a_complaint_profile_keeps_its_patients_details()
    {
        var old = At("2000-01-01T00:00:00Z");

        RetentionRule.IsDue(null, London, [(CaseStatus.Closed, old)], null, old, At("2026-06-01T00:00:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void Removing_a_patient_s_details_leaves_the_neutral_name_and_no_way_to_reach_or_identify_them_once()
    {
        var patient = Patient.Create(Guid.NewGuid(), "Olivia Nguyen", "0412 345 678", "olivia@example.com", "PMS-77", At("2016-01-01T00:00:00Z"), "AU", "02 9876 5432");
        var now = At("2026-06-01T00:00:00Z");

        patient.RemoveDetails(now).ShouldBeTrue();

        patient.DisplayName.ShouldBe("Details removed under the retention rule");
        new[] { patient.Phone, patient.OtherPhone, patient.PhoneE164, patient.OtherPhoneE164, patient.Email, patient.ExternalId }.ShouldAllBe(v => v == null);
        patient.DetailsRemovedAt.ShouldBe(now);
        patient.RemoveDetails(now.AddDays(1)).ShouldBeFalse("a second removal changes nothing");
        patient.DetailsRemovedAt.ShouldBe(now);
        patient.UpdateFromPms("Olivia Nguyen", "0412 345 678", null, "olivia@example.com", "AU", now).ShouldBeFalse("an import never brings the details back to this record");
        patient.DisplayName.ShouldBe("Details removed under the retention rule");
    }
}
