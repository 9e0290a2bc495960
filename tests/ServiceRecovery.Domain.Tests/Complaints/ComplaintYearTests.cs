namespace ServiceRecovery.Domain.Tests.Complaints;

/// <summary>The year each profile's annual complaints report covers, and the last complete one on the days around its turn.</summary>
public sealed class ComplaintYearTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("england-nhs-dental", 4)]
    [InlineData("uk-private-dental", 4)]
    [InlineData("au-victoria", 7)]
    [InlineData("au-nz-other", 7)]
    [InlineData("us-hipaa", 1)]
    [InlineData(null, 1)]
    public void Each_profile_reports_on_its_own_year(string? profileId, int startMonth) =>
        ComplaintYear.StartMonth(profileId).ShouldBe(startMonth);

    [Fact]
    public void The_shipped_profiles_all_have_a_year_rule_that_reads_as_their_country_reports()
    {
        ComplaintYear.Words(JurisdictionProfiles.EnglandNhs.Id).ShouldBe("the financial year, 1 April to 31 March");
        ComplaintYear.Words(JurisdictionProfiles.UnitedKingdomPrivate.Id).ShouldBe("the financial year, 1 April to 31 March");
        ComplaintYear.Words(JurisdictionProfiles.Victoria.Id).ShouldBe("the financial year, 1 July to 30 June");
        ComplaintYear.Words(JurisdictionProfiles.AustraliaNewZealandOther.Id).ShouldBe("the financial year, 1 July to 30 June");
        ComplaintYear.Words(JurisdictionProfiles.UnitedStates.Id).ShouldBe("the calendar year, 1 January to 31 December");
    }

    [Theory]
    // On 31 March the year that ends that day is not complete yet: the last complete one ended a year earlier.
    [InlineData("england-nhs-dental", "2026-03-31", "2024-04-01", "2025-03-31")]
    // From 1 April it is.
    [InlineData("england-nhs-dental", "2026-04-01", "2025-04-01", "2026-03-31")]
    [InlineData("uk-private-dental", "2026-04-01", "2025-04-01", "2026-03-31")]
    [InlineData("au-victoria", "2026-06-30", "2024-07-01", "2025-06-30")]
    [InlineData("au-victoria", "2026-07-01", "2025-07-01", "2026-06-30")]
    [InlineData("au-nz-other", "2026-07-01", "2025-07-01", "2026-06-30")]
    [InlineData("au-nz-other", "2027-01-15", "2025-07-01", "2026-06-30")]
    [InlineData("us-hipaa", "2026-12-31", "2025-01-01", "2025-12-31")]
    [InlineData("us-hipaa", "2027-01-01", "2026-01-01", "2026-12-31")]
    public void The_last_complete_year_turns_on_the_first_day_of_the_profile_s_year(string profileId, string today, string from, string to) =>
        ComplaintYear.LastComplete(profileId, D(today)).ShouldBe((D(from), D(to)));

    [Fact]
    public void A_US_year_ending_in_a_leap_year_still_ends_on_31_December_and_an_English_one_takes_in_29_February()
    {
        ComplaintYear.LastComplete(JurisdictionProfiles.UnitedStates.Id, D("2029-02-28")).ShouldBe((D("2028-01-01"), D("2028-12-31")));
        // 2027-04-01 to 2028-03-31 holds 29 February 2028: 366 days.
        var (from, to) = ComplaintYear.LastComplete(JurisdictionProfiles.EnglandNhs.Id, D("2028-04-01"));
        (from, to).ShouldBe((D("2027-04-01"), D("2028-03-31")));
        (to.DayNumber - from.DayNumber + 1).ShouldBe(366);
    }

    [Fact]
    public void On_29_February_the_last_complete_Victorian_year_is_the_one_that_ended_the_June_before()
    {
        ComplaintYear.LastComplete(JurisdictionProfiles.Victoria.Id, D("2028-02-29")).ShouldBe((D("2026-07-01"), D("2027-06-30")));
        ComplaintYear.LastComplete(JurisdictionProfiles.UnitedStates.Id, D("2028-02-29")).ShouldBe((D("2027-01-01"), D("2027-12-31")));
    }
}
