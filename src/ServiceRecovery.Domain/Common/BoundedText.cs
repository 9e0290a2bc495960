using System.Globalization;
using System.Text;

namespace ServiceRecovery.Domain;

/// <summary>
/// Text built from lists of names or from free text, made to fit the column it is written to. A text longer
/// than its column is refused by SQL Server, and a refused timeline event would stop the whole save it is part
/// of (an escalation for every case of the practice, say): it is shortened instead, in words a reader follows.
/// </summary>
public static class BoundedText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// <paramref name="prefix"/> then as many of <paramref name="names"/> as fit in <paramref name="maxLength"/>,
    /// in order, and "and N others" for the rest: "emailed Mia Chen, Sam Patel and 38 others".
    /// When every name fits, they are all listed: "emailed Mia Chen, Sam Patel, Ada Jones".
    /// </summary>
    public static string Names(string prefix, IReadOnlyList<string> names, int maxLength)
    {
        var text = new StringBuilder(prefix);
        for (var shown = 0; shown < names.Count; shown++)
        {
            // Commas throughout, as the timeline has always written the list; "and" only before the others.
            var separator = shown == 0 ? "" : ", ";
            var rest = names.Count - shown - 1;
            // The next name fits only if the words for whatever follows it fit too.
            var tail = rest == 0 ? "" : Others(rest, afterNames: true);
            if (text.Length + separator.Length + names[shown].Length + tail.Length > maxLength)
            {
                var remaining = names.Count - shown;
                return Fit(text.Append(shown == 0 ? Others(remaining, afterNames: false) : Others(remaining, afterNames: true)).ToString(), maxLength);
            }

            text.Append(separator).Append(names[shown]);
        }

        return Fit(text.ToString(), maxLength);
    }

    /// <summary>The text itself when it fits; otherwise as much as fits, ending with "…".</summary>
    public static string Fit(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(maxLength - Ellipsis.Length)].TrimEnd() + Ellipsis;

    private static string Others(int count, bool afterNames) => afterNames
        ? string.Create(CultureInfo.InvariantCulture, $" and {count} {(count == 1 ? "other" : "others")}")
        : string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "person" : "people")}");
}
