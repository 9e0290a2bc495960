using System.Globalization;
using System.Text;

namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// How the API writes the product's words: enum values in kebab case ("in-person", "say-sorry", "due-soon"), and times
/// in ISO 8601 with their offset. Read back the same way, so a caller sends what it was shown.
/// </summary>
public static class ApiText
{
    public static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    public static IReadOnlyList<string> KebabValues<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Kebab).ToList();

    /// <summary>A value of <typeparamref name="T"/> by its kebab-case name, ignoring case; numbers are not names.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var wanted = text?.Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Kebab(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>An ISO 8601 date and time with its offset ("Z" or "+10:00"); a time without one is refused, never guessed.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = text?.Trim();
        return trimmed is { Length: > 11 } && trimmed[4] == '-' && trimmed[7] == '-' && (trimmed[10] is 'T' or 't')
               && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local)
               && local.Kind != DateTimeKind.Unspecified
               && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
