using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// Patient import through the real pages, as a manager does it: upload a generated CSV of <see cref="Rows"/> patients (a tenth with --quick), preview it,
/// import it. Timed from the import post to its answer (the preview is the same code path without writes, timed apart);
/// the app's peak working set is sampled throughout, to show memory stays flat while the rows stream through in batches.
/// </summary>
public static partial class ImportScenario
{
    public const int Rows = 50_000;

    public static async Task<Measurement> RunAsync(AppServer server, BenchClient manager, Guid practiceId, int rows, TextWriter log)
    {
        var csv = Generate(rows);
        double peakRss = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, server.Memory().Rss);
                try
                {
                    await Task.Delay(100, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var rssBefore = server.Memory().Rss;

        using var uploaded = await manager.PostFileAsync($"/patients/import?handler=Upload&practice={practiceId}", "File", csv);
        var columnsUrl = uploaded.StatusCode == HttpStatusCode.Redirect ? uploaded.Headers.Location!.OriginalString
            : throw new BenchFailureException($"The upload answered {(int)uploaded.StatusCode}.");
        var upload = UploadId().Match(columnsUrl).Groups[1].Value;
        string[] mapping = ["Mapping.PmsId=1", "Mapping.FirstName=2", "Mapping.LastName=3", "Mapping.Mobile=5", "Mapping.Email=6"];
        var fields = mapping.Select(m => m.Split('=')).Select(m => KeyValuePair.Create(m[0], m[1])).ToList();

        var clock = Stopwatch.StartNew();
        using var preview = await manager.PostAsync($"/patients/import?handler=Preview&practice={practiceId}&upload={upload}", fields, CancellationToken.None);
        var previewMs = clock.Elapsed.TotalMilliseconds;
        var previewBody = await preview.Content.ReadAsStringAsync();
        if (preview.StatusCode != HttpStatusCode.OK || !previewBody.Contains($"{rows} rows:", StringComparison.Ordinal))
        {
            throw new BenchFailureException($"The preview answered {(int)preview.StatusCode} without the row count.");
        }

        clock.Restart();
        using var imported = await manager.PostAsync($"/patients/import?handler=Import&practice={practiceId}&upload={upload}", fields, CancellationToken.None);
        var importMs = clock.Elapsed.TotalMilliseconds;
        await sampling.CancelAsync();
        await sampler;
        if (imported.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchFailureException($"The import answered {(int)imported.StatusCode}.");
        }

        var (_, done) = await manager.GetAsync(imported.Headers.Location!.OriginalString);
        var added = AddedCount().Match(done) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        log.WriteLine($"  Patient import ({rows:N0} rows): preview {previewMs / 1000:F1} s, import {importMs / 1000:F1} s, {added:N0} added; app working set {rssBefore:F0} MB before, peak {peakRss:F0} MB");
        return new Measurement("import", $"Patient import, {rows:N0} CSV rows (HTTP upload, preview {previewMs / 1000:F1} s, then import; {added:N0} added; working set before {rssBefore:F0} MB)",
            1, added == rows ? 0 : 1, importMs, importMs, importMs, importMs, rows / (importMs / 1000), null, peakRss, server.Memory().Hwm, rows,
            added == rows ? null : $"{added} added of {rows}");
    }

    /// <summary>A PMS export: id, first name, surname, date of birth (never kept), mobile, email; unique ids and numbers.</summary>
    private static byte[] Generate(int rows)
    {
        var text = new StringBuilder("Patient ID,First name,Surname,Date of birth,Mobile,Email\r\n", rows * 80);
        var random = new Random(8);
        string[] first = ["Olivia", "Noah", "Charlotte", "Jack", "Amelia", "Oliver", "Isla", "William", "Mia", "Leo"];
        string[] last = ["Nguyen", "Smith", "Rossi", "Chen", "O'Brien", "Patel", "Kowalski", "Jones", "Singh", "Brown"];
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < rows; i++)
        {
            var name = (first[random.Next(first.Length)], last[random.Next(last.Length)]);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"B{run}-{i},{name.Item1},{name.Item2},19{random.Next(40, 99)}-0{random.Next(1, 9)}-1{random.Next(0, 9)},")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"0410 {i / 1000 % 1000:000} {i % 1000:000},")
                .Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name.Item1}.{i}@example.test\r\n").ToLowerInvariant());
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [GeneratedRegex("upload=([0-9a-f-]+)")]
    private static partial Regex UploadId();

    [GeneratedRegex(@"Patients imported: (\d+) added")]
    private static partial Regex AddedCount();
}
