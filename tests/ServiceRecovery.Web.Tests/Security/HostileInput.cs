using System.Text;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// A corpus of hostile form and query-string values: over-long, empty, Unicode edge cases, control characters,
/// markup, SQL and CSV formula starters, malformed numbers and dates, out-of-range enums and foreign ids.
/// </summary>
public static class HostileInput
{
    public static IReadOnlyList<string> Corpus { get; } = Build();

    private static List<string> Build()
    {
        var values = new List<string>
        {
            "", " ", "\t", "\r\n", new string(' ', 500),
            new string('a', 121), new string('a', 255), new string('a', 4001), new string('x', 20_000), new string('9', 400),
            "<script>alert(1)</script>", "\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "javascript:alert(1)",
            "</textarea><script>alert(1)</script>", "<!--", "]]>", "{{7*7}}", "${7*7}", "@(1+1)", "<%= 7*7 %>",
            "' OR '1'='1", "'; DROP TABLE RecoveryCases; --", "\" OR \"\"=\"", "1; SELECT * FROM AspNetUsers", "%' --", "_%", "\\", "\\\\%", "[a-z]%",
            "=1+2", "+1+2", "-1+2", "@SUM(A1)", "=HYPERLINK(\"http://evil\")", "\t=1", "\r=1", "=cmd|' /C calc'!A0",
            "\u202Eevil", "\u202Dtext", "a\u200Bb", "\u200D", "\uFEFF", "e\u0301\u0301\u0301\u0301", "Z\u0351\u0352\u0353\u0354\u0355",
            "😀", "👩‍👩‍👧‍👦", "🇦🇺", "\uD83D", "\uDE00", "a\uD83Db", "\u0000", "a\u0000b", "\u0007\u0008", "\u001B[31mred", "\u0085", "\u2028", "\u2029",
            "名前", "اسم المريض", "שם", "Ελληνικά", "Ωmega", "ß", "İ", "ǅ",
            "-1", "0", "-0", "1e309", "NaN", "Infinity", "-Infinity", "1,000.50", "1.000,50", "$50", "50$", "0x1F", "1_000", "١٢٣", "١٢٣٫٤٥", "9999999999999999999999999",
            "2026-02-30", "31/12/2026", "12/31/2026", "2026-13-01", "0000-00-00", "9999-12-31T23:59", "1900-01-01", "yesterday", "2026-11-23T25:61", "23/11/2026 10:00",
            "99", "-99", "2147483648", "Open; DROP", "Minor,Major", "00000000-0000-0000-0000-000000000000", "not-a-guid", Guid.NewGuid().ToString(),
            "../../etc/passwd", "..\\..\\windows", "%00", "%2e%2e%2f", "file:///etc/passwd", "http://169.254.169.254/",
            "true", "false", "null", "undefined", "[]", "{}", "{\"a\":1}", "<xml/>", "SR-2026-0001", "SR-9999-99999999", "sr-2026-0001 OR 1=1",
        };

        // Mix the categories, so a value can carry more than one problem at once, until the corpus has over 300.
        var random = new Random(7);
        var seeds = values.ToArray();
        while (values.Count < 320)
        {
            var builder = new StringBuilder();
            for (var part = 0; part < 3; part++)
            {
                var seed = seeds[random.Next(seeds.Length)];
                builder.Append(seed.AsSpan(0, Math.Min(60, seed.Length)));
            }

            values.Add(builder.ToString());
        }

        return values;
    }
}
