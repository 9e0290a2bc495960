using System.Globalization;
using System.Text;
using CsvHelper;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// CSV that opens cleanly in Excel (UTF-8 with a byte-order mark, the culture's list separator) and cannot
/// run formulas: a text field starting with = + - @, tab or CR gets a leading single quote (CsvHelper's injection escape).
/// </summary>
public static class CsvExport
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static CsvWriter Writer(TextWriter text, CultureInfo culture) =>
        CsvWriter.Create(text, CsvWriterOptions.Default with
        {
            Injection = CsvInjection.Escape,
            Separator = culture.TextInfo.ListSeparator is [var separator] && char.IsAscii(separator) ? separator : ',',
        }, leaveOpen: true);
}
