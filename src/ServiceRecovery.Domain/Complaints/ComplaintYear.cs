namespace ServiceRecovery.Domain;

/// <summary>
/// The year a profile's annual complaints report covers, by the month it starts: England (NHS) and UK private care use
/// the financial year from 1 April (the NHS complaints regulations' annual report, regulation 18, follows it), Victoria
/// and the rest of Australia and New Zealand the financial year from 1 July, the United States the calendar year. A
/// practice without a profile reports by the calendar year.
/// </summary>
public static class ComplaintYear
{
    /// <summary>The month (1–12) the complaints year of <paramref name="profileId"/> starts.</summary>
    public static int StartMonth(string? profileId) => profileId switch
    {
        _ when profileId == JurisdictionProfiles.EnglandNhs.Id || profileId == JurisdictionProfiles.UnitedKingdomPrivate.Id => 4,
        _ when profileId == JurisdictionProfiles.Victoria.Id || profileId == JurisdictionProfiles.AustraliaNewZealandOther.Id => 7,
        _ => 1,
    };

    /// <summary>How the year reads in the docs and on the page, e.g. "the financial year, 1 April to 31 March".</summary>
    public static string Words(string? profileId) => StartMonth(profileId) switch
    {
        4 => "the financial year, 1 April to 31 March",
        7 => "the financial year, 1 July to 30 June",
        _ => "the calendar year, 1 January to 31 December",
    };

    /// <summary>The last complete complaints year before <paramref name="today"/>: both days inclusive.</summary>
    public static (DateOnly From, DateOnly To) LastComplete(string? profileId, DateOnly today)
    {
        var month = StartMonth(profileId);
        var currentStart = new DateOnly(today.Month >= month ? today.Year : today.Year - 1, month, 1);
        var from = currentStart.AddYears(-1);
        return (from, currentStart.AddDays(-1));
    }
}
