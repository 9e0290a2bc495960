using System.Collections.Concurrent;
using System.Globalization;

namespace ServiceRecovery.Domain;

/// <summary>
/// The practice's calendar and money: times are stored in UTC and read, typed and shown in the practice's own time
/// zone, culture and currency. The domain's date rules ("not in the future", "today at the practice") ask it.
/// </summary>
public sealed record PracticeLocale(string TimeZoneId, string Culture, string Currency)
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public TimeZoneInfo Zone => Zones.GetOrAdd(TimeZoneId, id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc);

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    public DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;

    /// <summary>The date at the practice at the given moment: what "today" means for a date field.</summary>
    public DateOnly DateAt(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>Local wall-clock time to the minute: the default of a date-and-time field.</summary>
    public DateTime ToLocalMinute(DateTimeOffset utc)
    {
        var local = ToLocal(utc);
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    /// <summary>A wall-clock time typed at the practice, as UTC. An ambiguous or skipped hour resolves to standard time.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone), TimeSpan.Zero);
    }

    public string Format(DateTimeOffset utc) => ToLocal(utc).ToString("ddd d MMM yyyy, h:mm tt", CultureInfo);

    public string FormatShort(DateTimeOffset utc) => ToLocal(utc).ToString("d MMM, h:mm tt", CultureInfo);

    /// <summary>The value an &lt;input type="datetime-local"&gt; expects.</summary>
    public string ForInput(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An amount in the practice's currency, written the practice's culture's way (en-GB with EUR: €12.50, not £12.50).</summary>
    public string Money(decimal amount) => amount.ToString("C", MoneyFormats.GetOrAdd((Culture, Currency), key => MoneyFormat(key.Culture, key.Currency)));

    private static readonly ConcurrentDictionary<(string Culture, string Currency), NumberFormatInfo> MoneyFormats = new();

    private static NumberFormatInfo MoneyFormat(string culture, string currency)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        var format = (NumberFormatInfo)info.NumberFormat.Clone();
        var own = RegionOf(info);
        if (own is not null && string.Equals(own.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))
        {
            return NumberFormatInfo.ReadOnly(format);
        }

        // Another country's money: its own symbol where that cannot be mistaken for this culture's (€ in en-GB);
        // otherwise its code, so US dollars at an Australian practice never read as Australian ones.
        var symbol = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(RegionOf)
            .FirstOrDefault(region => region is not null && string.Equals(region.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))
            ?.CurrencySymbol;
        format.CurrencySymbol = symbol is null || symbol == format.CurrencySymbol || symbol.All(char.IsAsciiLetter) ? currency.ToUpperInvariant() + " " : symbol;
        return NumberFormatInfo.ReadOnly(format);
    }

    private static RegionInfo? RegionOf(CultureInfo culture)
    {
        try
        {
            return culture.IsNeutralCulture || culture.Name.Length == 0 ? null : new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
