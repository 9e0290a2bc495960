using System.Globalization;
using System.Text;
using System.Text.Unicode;
using nietras.SeparatedValues;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Reads a CSV file exported from a practice-management system: comma, semicolon or tab; UTF-8 with or without its
/// byte-order mark, or Windows-1252 (older exports); quoted fields with line breaks. What the file
/// holds is patient details: no message here quotes a cell, only row and column numbers and header names. Parsing is
/// Sep's (separator detected from the header row; quotes unescaped; rows may have fewer or more cells than the header).
/// </summary>
public static class PatientFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The file's header, or why it cannot be read as a patient list.</summary>
    public sealed record Header(IReadOnlyList<string> Columns, string? Error)
    {
        public static Header Refused(string error) => new([], error);
    }

    public static Header ReadHeader(byte[] content)
    {
        if (Decoding(content) is { Error: { } error })
        {
            return Header.Refused(error);
        }

        try
        {
            using var rows = Cells(content).GetEnumerator();
            if (!rows.MoveNext())
            {
                return Header.Refused("The file is empty: export the patient list again, with a header row and a row per patient.");
            }

            var columns = rows.Current.Select((name, i) => string.IsNullOrWhiteSpace(name) ? $"Column {i + 1}" : name.Trim()).ToList();
            var repeated = columns.Select((name, i) => (name, number: i + 1)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
            if (repeated.Count > 0)
            {
                var which = string.Join("; ", repeated.Select(g => $"\"{Shown(g.Key)}\" (columns {string.Join(" and ", g.Select(c => c.number))})"));
                return Header.Refused($"Two columns have the same heading: {which}. Rename one in the file, so each field is chosen from one column, and upload it again.");
            }

            while (rows.MoveNext())
            {
                if (rows.Current.Any(cell => !string.IsNullOrWhiteSpace(cell)))
                {
                    return new Header(columns, null);
                }
            }

            return Header.Refused("The file has a header row but no patients under it.");
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or NotSupportedException)
        {
            return Header.Refused("The file could not be read as CSV. Export the patient list from your practice-management system as CSV and upload that file.");
        }
    }

    /// <summary>Each data row with its number as a spreadsheet shows it (the header is row 1); blank rows are skipped.</summary>
    public static IEnumerable<(int Number, string[] Cells)> Rows(byte[] content)
    {
        var number = 0;
        foreach (var cells in Cells(content))
        {
            number++;
            if (number == 1 || cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return (number, cells);
        }
    }

    /// <summary>How the bytes are text: UTF-8 when they are valid UTF-8, else Windows-1252, unless they are both at once or not text.</summary>
    public static (Encoding? Encoding, int Skip, string? Error) Decoding(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            return (null, 0, "The file is empty: export the patient list again, with a header row and a row per patient.");
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (null, 0, "The file is saved as UTF-16 text. Save it as \"CSV UTF-8\" (or plain CSV) and upload it again.");
        }

        var skip = content.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var text = content[skip..];
        if (text.Contains((byte)0) || ControlBytes(text) > Math.Max(8, text.Length / 1000))
        {
            return (null, 0, "This is not a CSV file (it holds binary data). Export the patient list from your practice-management system as CSV and upload that file.");
        }

        if (Utf8.IsValid(text))
        {
            return (new UTF8Encoding(false, true), skip, null);
        }

        if (skip > 0 || HasUtf8Sequences(text))
        {
            return (null, 0, "The file mixes two text encodings (UTF-8 and Windows-1252), so some names would come out garbled. Open it in a spreadsheet, save it as \"CSV UTF-8\" and upload it again.");
        }

        return (CodePagesEncodingProvider.Instance.GetEncoding(1252)!, 0, null);
    }

    /// <summary>Text as it may go into a message: no longer than a heading needs, no control characters.</summary>
    public static string Shown(string text) =>
        Infrastructure.Auth.AuditLog.AsTyped(text, 40);

    /// <summary>The cells of each row, the header first.</summary>
    private static IEnumerable<string[]> Cells(byte[] content)
    {
        var (encoding, skip, _) = Decoding(content);
        using var text = new StreamReader(new MemoryStream(content, skip, content.Length - skip, writable: false), encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row[i].ToString();
            }

            yield return cells;
        }
    }

    private static int ControlBytes(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var b in text)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether the bytes hold at least one well-formed multi-byte UTF-8 character (é written as UTF-8).</summary>
    private static bool HasUtf8Sequences(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done && rune.Value > 0x7F)
            {
                return true;
            }

            text = text[Math.Max(consumed, 1)..];
        }

        return false;
    }
}
