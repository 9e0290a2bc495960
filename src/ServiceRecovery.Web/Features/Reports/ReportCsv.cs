using System.Globalization;

using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// One figure's table as CSV: the same header and formatted cells as the page (dates and money in the
/// practice's culture), UTF-8 with a byte-order mark, and formula-looking text neutralised by <see cref="CsvExport"/>.
/// A figure is a few dozen rows at most, so it is written in memory.
/// </summary>
public static class ReportCsv
{
    public static async Task<byte[]> WriteAsync(FigureTable table, CultureInfo culture, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var text = new StreamWriter(buffer, CsvExport.Utf8WithBom, leaveOpen: true))
        await using (var csv = CsvExport.Writer(text, culture))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column);
            }

            await csv.EndRecordAsync(cancellationToken);
            foreach (var row in table.Rows.Concat(table.Footer))
            {
                csv.WriteField(row.Header);
                foreach (var cell in row.Cells)
                {
                    csv.WriteField(cell ?? "");
                }

                await csv.EndRecordAsync(cancellationToken);
            }
        }

        return buffer.ToArray();
    }
}
