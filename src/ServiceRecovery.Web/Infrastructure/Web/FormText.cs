using System.Globalization;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Checks on free text typed into forms, shared by the validators.</summary>
public static class FormText
{
    /// <summary>No control characters, no bidirectional overrides, no lone surrogates.</summary>
    public static bool IsPrintable(string? text) => text is null || (text.All(IsAllowed) && !HasLoneSurrogate(text));

    /// <summary>As <see cref="IsPrintable"/>, but line breaks and tabs are fine.</summary>
    public static bool IsPrintableMultiline(string? text) => text is null || (text.All(c => c is '\r' or '\n' or '\t' || IsAllowed(c)) && !HasLoneSurrogate(text));

    public static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return phone.Length <= 40 && digits is >= 6 and <= 15 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.');
    }

    private static bool IsAllowed(char c) =>
        !char.IsControl(c)
        && CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.Format || c == '\u200D'; // keep ZWJ for emoji sequences

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
