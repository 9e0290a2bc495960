using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Web.Features.Appointments;

/// <summary>
/// An appointment's start as text from the PMS. The API takes ISO 8601 with its offset only (a bridge can always say
/// where it is); a CSV file exported by hand may also hold the practice's wall-clock time, as <c>yyyy-MM-dd HH:mm</c> or
/// in the practice's culture (<c>14/03/2026 10:30 am</c> for en-AU), read in the practice's time zone.
/// </summary>
public static partial class AppointmentStart
{
    public const string IsoMessage = "Give the start as a date and time with its offset (ISO 8601), such as 2026-03-14T10:30:00+11:00.";

    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd H:mm"];

    /// <summary>ISO 8601 read invariantly, with Z or an offset; anything else (no offset, not a date) is null.</summary>
    public static DateTimeOffset? Iso(string? text)
    {
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed) && Offset().IsMatch(trimmed) && char.IsDigit(trimmed[0])
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                ? start
                : null;
    }

    /// <summary>What a CSV cell may hold: ISO 8601 with an offset, or a wall-clock time at the practice; null when it is neither.</summary>
    public static DateTimeOffset? Read(string? text, PracticeLocale locale)
    {
        if (Iso(text) is { } iso)
        {
            return iso;
        }

        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var culture = locale.CultureInfo;
        string[] cultureFormats =
        [
            .. culture.DateTimeFormat.GetAllDateTimePatterns('g'),
            culture.DateTimeFormat.ShortDatePattern + " HH:mm",
            culture.DateTimeFormat.ShortDatePattern + " H:mm",
        ];
        return DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            || DateTime.TryParseExact(trimmed, cultureFormats, culture, DateTimeStyles.AllowWhiteSpaces, out local)
                ? locale.FromLocal(local)
                : null;
    }

    public static string LocalMessage(PracticeLocale locale) =>
        $"Give the start as a date and time: yyyy-MM-dd HH:mm at the practice, {locale.CultureInfo.DateTimeFormat.ShortDatePattern} {locale.CultureInfo.DateTimeFormat.ShortTimePattern}, or ISO 8601 with its offset.";

    [GeneratedRegex(@"(Z|z|[+-]\d{2}(:?\d{2})?)$")]
    private static partial Regex Offset();
}
