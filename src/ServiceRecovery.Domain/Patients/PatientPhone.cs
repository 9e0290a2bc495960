using System.Globalization;
using PhoneNumbers;

namespace ServiceRecovery.Domain;

/// <summary>
/// The one place phone numbers are read: the log form, the comment card, the patient import and the patient search all
/// parse a number for the practice's country and keep its E.164 form (+61412345678), so "0412 345 678", "+61 412 345 678"
/// and "61412345678" are one patient. The rules of each country come from libphonenumber, not from our own patterns.
/// </summary>
public static class PatientPhone
{
    /// <summary>What people may type: well beyond any real number with its spaces, short of anything that costs to parse.</summary>
    public const int MaxTypedLength = Limits.Phone;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The country whose numbers a practice dials without a country code: the region of its culture (en-AU → AU).</summary>
    public static string RegionOf(string culture)
    {
        try
        {
            var info = CultureInfo.GetCultureInfo(culture);
            var specific = info.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(info.Name) : info;
            var region = new RegionInfo(specific.Name).TwoLetterISORegionName;
            return Util.GetSupportedRegions().Contains(region) ? region : "AU";
        }
        catch (Exception e) when (e is CultureNotFoundException or ArgumentException)
        {
            return "AU";
        }
    }

    /// <summary>
    /// The E.164 form of <paramref name="phone"/> dialled in <paramref name="region"/>; null when nothing was typed. False when
    /// what was typed is not a number that can be dialled there (too short, too long, letters, a range no one is given).
    /// </summary>
    public static bool TryNormalise(string? phone, string region, out string? e164)
    {
        e164 = null;
        var typed = phone?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return true;
        }

        if (typed.Length > MaxTypedLength || !typed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.'))
        {
            return false;
        }

        try
        {
            var number = Util.Parse(typed, region);
            if (!Util.IsValidNumber(number))
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The E.164 form, or a rule violation that names the field (never the number: it is a patient's).</summary>
    public static string? Normalise(string? phone, string region, string what) =>
        TryNormalise(phone, region, out var e164) ? e164 : throw new DomainRuleException(InvalidMessage(what, region));

    public static string InvalidMessage(string what, string region) =>
        $"{what} is not a phone number that can be dialled from {CountryName(region)}: check the digits, or start with + and the country code.";

    public static string CountryName(string region)
    {
        try
        {
            return new RegionInfo(region).EnglishName;
        }
        catch (ArgumentException)
        {
            return region;
        }
    }
}
