using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Domain;

/// <summary>
/// What a practice is called, where it is and how it counts: set when the practice is made and changed by its
/// administrators. Checked in one place, <see cref="Checked"/>; each refusal names its field, as the forms call it.
/// </summary>
public sealed partial record PracticeDetails(
    string Name, string? Address, string TimeZoneId, string Culture, string Currency, string? Phone, string Slug)
{
    public const int AddressLength = 500;
    public const int PhoneLength = 32;
    public const int SlugLength = 60;

    /// <summary>The ISO 4217 codes of the currencies of the cultures .NET knows: "known" without a hand-kept list.</summary>
    private static readonly Lazy<HashSet<string>> KnownCurrencies = new(() =>
    [
        .. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return ""; } })
            .Where(code => code.Length == 3),
    ]);

    /// <summary>The details trimmed and normalised (slug lowercase, currency uppercase), or the first rule they break.</summary>
    public PracticeDetails Checked()
    {
        var name = Required(Name, nameof(Name), "the practice name", Limits.Name);
        var address = Optional(Address, nameof(Address), "The address", AddressLength)?.ReplaceLineEndings("\n");
        var phone = Optional(Phone, nameof(Phone), "The phone number", PhoneLength);
        if (phone is not null && !PhoneShape().IsMatch(phone))
        {
            throw DomainRuleException.For(nameof(Phone), "Enter a phone number of digits; spaces, +, ( ) and - are fine.");
        }

        var timeZone = Required(TimeZoneId, nameof(TimeZoneId), "a time zone", 64);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) || !zone.HasIanaId && !TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZone, out _))
        {
            throw DomainRuleException.For(nameof(TimeZoneId), "Choose a known time zone, such as Australia/Sydney.");
        }

        var culture = Required(Culture, nameof(Culture), "a culture", 16);
        if (!IsKnownCulture(culture))
        {
            throw DomainRuleException.For(nameof(Culture), "Choose a known culture, such as en-AU.");
        }

        var currency = Required(Currency, nameof(Currency), "a currency", 3).ToUpperInvariant();
        if (!KnownCurrencies.Value.Contains(currency))
        {
            throw DomainRuleException.For(nameof(Currency), "Choose a currency by its three-letter code, such as AUD.");
        }

        var slug = Required(Slug, nameof(Slug), "the comment-card address name", SlugLength).ToLowerInvariant();
        if (!SlugShape().IsMatch(slug))
        {
            throw DomainRuleException.For(nameof(Slug), "Use lowercase letters, digits and hyphens only, such as harbourside-dental.");
        }

        return new PracticeDetails(name, address, timeZone, culture, currency, phone, slug);
    }

    private static bool IsKnownCulture(string name)
    {
        try
        {
            // Specific cultures only (en-AU, not en): dates and money need a region.
            return !CultureInfo.GetCultureInfo(name, predefinedOnly: true).IsNeutralCulture;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static string Required(string? value, string field, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainRuleException.For(field, $"Enter {what}.");
        }

        return trimmed.Length > maxLength ? throw DomainRuleException.For(field, $"Enter at most {maxLength} characters.") : trimmed;
    }

    private static string? Optional(string? value, string field, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null
            : trimmed.Length > maxLength ? throw DomainRuleException.For(field, $"{what} must be at most {maxLength} characters.") : trimmed;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugShape();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{6,31}$")]
    private static partial Regex PhoneShape();
}
