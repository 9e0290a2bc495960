using PublicHoliday;

namespace ServiceRecovery.Domain;

/// <summary>Where the practice's public holidays come from: a country, and a state where holidays differ by state.</summary>
public enum HolidayRegion
{
    England = 1,
    Wales,
    Scotland,
    NorthernIreland,
    AustralianCapitalTerritory,
    NewSouthWales,
    NorthernTerritory,
    Queensland,
    SouthAustralia,
    Tasmania,
    Victoria,
    WesternAustralia,
    NewZealand,
    UnitedStates,
}

/// <summary>
/// Public holidays from the offline <c>PublicHoliday</c> library (MIT), never a list typed into the code (ADR 0016): the
/// library knows substitute days and state holidays such as Melbourne Cup day and the AFL Grand Final Friday.
/// </summary>
public static class PublicHolidays
{
    public static string Words(this HolidayRegion region) => region switch
    {
        HolidayRegion.England => "England",
        HolidayRegion.Wales => "Wales",
        HolidayRegion.Scotland => "Scotland",
        HolidayRegion.NorthernIreland => "Northern Ireland",
        HolidayRegion.AustralianCapitalTerritory => "Australian Capital Territory",
        HolidayRegion.NewSouthWales => "New South Wales",
        HolidayRegion.NorthernTerritory => "Northern Territory",
        HolidayRegion.Queensland => "Queensland",
        HolidayRegion.SouthAustralia => "South Australia",
        HolidayRegion.Tasmania => "Tasmania",
        HolidayRegion.Victoria => "Victoria",
        HolidayRegion.WesternAustralia => "Western Australia",
        HolidayRegion.NewZealand => "New Zealand",
        HolidayRegion.UnitedStates => "United States (federal holidays)",
        _ => region.ToString(),
    };

    /// <summary>The region's public holidays in one year.</summary>
    public static IReadOnlyList<DateOnly> In(HolidayRegion region, int year) =>
        [.. Calendar(region).PublicHolidays(year).Select(DateOnly.FromDateTime)];

    private static PublicHolidayBase Calendar(HolidayRegion region) => region switch
    {
        HolidayRegion.England => new UKBankHoliday(UKBankHoliday.UkCountries.England),
        HolidayRegion.Wales => new UKBankHoliday(UKBankHoliday.UkCountries.Wales),
        HolidayRegion.Scotland => new UKBankHoliday(UKBankHoliday.UkCountries.Scotland),
        HolidayRegion.NorthernIreland => new UKBankHoliday(UKBankHoliday.UkCountries.NorthernIreland),
        HolidayRegion.AustralianCapitalTerritory => Australia(AustraliaPublicHoliday.States.ACT),
        HolidayRegion.NewSouthWales => Australia(AustraliaPublicHoliday.States.NSW),
        HolidayRegion.NorthernTerritory => Australia(AustraliaPublicHoliday.States.NT),
        HolidayRegion.Queensland => Australia(AustraliaPublicHoliday.States.QLD),
        HolidayRegion.SouthAustralia => Australia(AustraliaPublicHoliday.States.SA),
        HolidayRegion.Tasmania => Australia(AustraliaPublicHoliday.States.TAS),
        HolidayRegion.Victoria => Australia(AustraliaPublicHoliday.States.VIC),
        HolidayRegion.WesternAustralia => Australia(AustraliaPublicHoliday.States.WA),
        HolidayRegion.NewZealand => new NewZealandPublicHoliday(),
        HolidayRegion.UnitedStates => new USAPublicHoliday(),
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "No public holidays for this region."),
    };

    private static AustraliaPublicHoliday Australia(AustraliaPublicHoliday.States state) => new() { State = state };
}
