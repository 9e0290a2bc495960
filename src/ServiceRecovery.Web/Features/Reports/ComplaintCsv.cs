using System.Globalization;

using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The complaints report as CSV: one row per figure per practice (practice, period, table, figure, value), numbers
/// culture-invariant, UTF-8 with a byte-order mark, formula-looking text neutralised by <see cref="CsvExport"/>.
/// </summary>
public static class ComplaintCsv
{
    public static readonly IReadOnlyList<string> Header = ["Practice", "From", "To", "Table", "Figure", "Value"];

    public static async Task<byte[]> WriteAsync(ComplaintReport.Report report, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var text = new StreamWriter(buffer, CsvExport.Utf8WithBom, leaveOpen: true))
        await using (var csv = CsvExport.Writer(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Header)
            {
                csv.WriteField(column);
            }

            await csv.EndRecordAsync(cancellationToken);
            for (var i = 0; i < report.Practices.Count; i++)
            {
                foreach (var table in report.Tables)
                {
                    foreach (var line in table.Lines)
                    {
                        if (line.Values[i] is not { } value)
                        {
                            continue;
                        }

                        csv.WriteField(report.Practices[i].Practice.Name);
                        csv.WriteField(ReportPeriod.Format(report.Period.From));
                        csv.WriteField(ReportPeriod.Format(report.Period.To));
                        csv.WriteField(table.Title);
                        csv.WriteField(line.Label);
                        csv.WriteField(value.Invariant);
                        await csv.EndRecordAsync(cancellationToken);
                    }
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A file name of the period alone: nothing about a patient, nor the practice's name.</summary>
    public static string FileName(ReportPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"complaints-report-{ReportPeriod.Format(period.From)}-to-{ReportPeriod.Format(period.To)}.csv");
}
