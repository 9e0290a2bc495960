using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// Appointments in bulk, as a PMS sends them (issue 16): batches of 1,000 through <c>POST /api/v1/appointments</c> from one
/// client, and a CSV file through the import pages (upload, columns, preview, import). Each is timed from its first call
/// to its last answer; the app's working set is sampled throughout, to show memory stays flat while the rows go through.
/// </summary>
public static partial class AppointmentScenarios
{
    public const int BatchSize = 1_000;

    /// <summary>The one-shot measurements, in the order they run.</summary>
    public static readonly IReadOnlyList<string> Keys = ["api-batch-1000", "api-100k", "csv-100k"];

    public static async Task<Measurement> ApiAsync(AppServer server, BenchClient api, PracticeData practice, int count, string key, TextWriter log)
    {
        var random = new Random(16);
        var run = Guid.NewGuid().ToString("N")[..6];
        var batches = (count + BatchSize - 1) / BatchSize;
        var bodies = Enumerable.Range(0, batches)
            .Select(b => Batch(practice, random, $"B{run}-{b}", Math.Min(BatchSize, count - (b * BatchSize))))
            .ToList();
        using var memory = new MemorySampler(server);
        var added = 0;
        var latencies = new List<double>(batches);
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var started = Stopwatch.GetTimestamp();
            var (status, answer) = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/appointments", body);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var batchAdded = Added().Match(answer) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            if (status != HttpStatusCode.OK)
            {
                firstError ??= $"a batch answered {(int)status}: {answer[..Math.Min(300, answer.Length)]}";
            }

            added += batchAdded;
        }

        var totalMs = clock.Elapsed.TotalMilliseconds;
        var peak = await memory.StopAsync();
        latencies.Sort();
        var errors = added == count && firstError is null ? 0 : 1;
        firstError ??= added == count ? null : $"{added} added of {count}";
        var title = batches == 1
            ? $"API: one batch of {count:N0} new appointments"
            : $"API: {count:N0} appointments, {batches} batches of {BatchSize:N0} from one client (batch p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms; {added:N0} added; working set before {memory.Before:F0} MB)";
        log.WriteLine($"  {title}: {totalMs / 1000:F1} s, peak working set {peak:F0} MB" + (firstError is null ? "" : $"  first error: {firstError}"));
        return new Measurement(key, title, 1, errors, totalMs, totalMs, totalMs, totalMs, count / (totalMs / 1000), null, peak, server.Memory().Hwm, count, firstError);
    }

    public static async Task<Measurement> CsvAsync(AppServer server, BenchClient manager, PracticeData practice, int rows, TextWriter log)
    {
        var csv = Csv(practice, rows);
        using var memory = new MemorySampler(server);
        var page = $"/patients/import/appointments?practice={practice.Practice.Id}";
        var clock = Stopwatch.StartNew();
        using var uploaded = await manager.PostFileAsync($"/patients/import/appointments?handler=Upload&practice={practice.Practice.Id}", "File", csv, fileName: "appointments.csv");
        var columnsUrl = uploaded.StatusCode == HttpStatusCode.Redirect ? uploaded.Headers.Location!.OriginalString
            : throw new BenchFailureException($"The appointments upload answered {(int)uploaded.StatusCode}.");
        var uploadMs = clock.Elapsed.TotalMilliseconds;
        var upload = UploadId().Match(columnsUrl).Groups[1].Value;
        List<KeyValuePair<string, string>> fields =
            [new("Mapping.AppointmentId", "1"), new("Mapping.PmsPatientId", "2"), new("Mapping.Start", "3"), new("Mapping.Status", "4")];

        clock.Restart();
        using var preview = await manager.PostAsync($"/patients/import/appointments?handler=Preview&practice={practice.Practice.Id}&upload={upload}", fields, CancellationToken.None);
        var previewMs = clock.Elapsed.TotalMilliseconds;
        var previewBody = await preview.Content.ReadAsStringAsync();
        if (preview.StatusCode != HttpStatusCode.OK || !previewBody.Contains($"{rows} rows:", StringComparison.Ordinal))
        {
            throw new BenchFailureException($"The appointments preview answered {(int)preview.StatusCode} without the row count.");
        }

        clock.Restart();
        using var imported = await manager.PostAsync($"/patients/import/appointments?handler=Import&practice={practice.Practice.Id}&upload={upload}", fields, CancellationToken.None);
        var importMs = clock.Elapsed.TotalMilliseconds;
        var body = await imported.Content.ReadAsStringAsync();
        var peak = await memory.StopAsync();
        var added = ResultAdded().Match(body) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        var error = imported.StatusCode != HttpStatusCode.OK ? $"The import answered {(int)imported.StatusCode}." : added == rows ? null : $"{added} added of {rows}";
        var totalMs = uploadMs + previewMs + importMs;
        var title = $"CSV import: {rows:N0} appointments through {page.Split('?')[0]} (upload {uploadMs / 1000:F1} s, preview {previewMs / 1000:F1} s, import {importMs / 1000:F1} s; {added:N0} added; working set before {memory.Before:F0} MB)";
        log.WriteLine($"  {title}: {totalMs / 1000:F1} s, peak working set {peak:F0} MB" + (error is null ? "" : $"  first error: {error}"));
        return new Measurement("csv-100k", title, 1, error is null ? 0 : 1, totalMs, totalMs, totalMs, totalMs, rows / (totalMs / 1000), null, peak, server.Memory().Hwm, rows, error);
    }

    /// <summary>A batch of new appointments of the practice's patients: a past visit (mostly attended) or a booking ahead.</summary>
    private static string Batch(PracticeData practice, Random random, string prefix, int count)
    {
        var text = new StringBuilder("{\"appointments\":[", count * 120);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var (start, status) = Visit(random, now);
            text.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"appointmentId\":\"{prefix}-{i}\",\"pmsPatientId\":\"{practice.PmsIds[random.Next(practice.PmsIds.Count)]}\",")
                .Append(CultureInfo.InvariantCulture, $"\"start\":\"{TimeZoneInfo.ConvertTime(start, practice.Zone):yyyy-MM-dd'T'HH:mm:sszzz}\",\"status\":\"{status}\"}}");
        }

        return text.Append("]}").ToString();
    }

    /// <summary>A PMS export: appointment id, patient id, start in the practice's local time, status.</summary>
    private static byte[] Csv(PracticeData practice, int rows)
    {
        var random = new Random(61);
        var run = Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var text = new StringBuilder("Appointment ID,Patient ID,Start,Status\r\n", rows * 50);
        for (var i = 0; i < rows; i++)
        {
            var (start, status) = Visit(random, now);
            text.Append(CultureInfo.InvariantCulture, $"C{run}-{i},{practice.PmsIds[random.Next(practice.PmsIds.Count)]},")
                .Append(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(start, practice.Zone):yyyy-MM-dd HH:mm},{status}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Nine in ten visits of the last two years (80 % attended, then cancelled, no-show, rescheduled), one in ten a booking in the next 60 days.</summary>
    private static (DateTimeOffset Start, string Status) Visit(Random random, DateTimeOffset now)
    {
        var quarter = TimeSpan.FromMinutes(15);
        if (random.NextDouble() < 0.1)
        {
            var ahead = now.AddDays(random.Next(1, 60)).AddMinutes(15 * random.Next(0, 40));
            return (new DateTimeOffset(ahead.Ticks / quarter.Ticks * quarter.Ticks, TimeSpan.Zero), "booked");
        }

        var past = now.AddDays(-random.Next(1, 730)).AddMinutes(-15 * random.Next(0, 40));
        var roll = random.Next(100);
        return (new DateTimeOffset(past.Ticks / quarter.Ticks * quarter.Ticks, TimeSpan.Zero),
            roll < 80 ? "attended" : roll < 87 ? "cancelled" : roll < 92 ? "no-show" : "rescheduled");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The app's working set, sampled every 100 ms from start to stop.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task sampler;
        private double peak;

        public MemorySampler(AppServer server)
        {
            Before = server.Memory().Rss;
            sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, server.Memory().Rss);
                    try
                    {
                        await Task.Delay(100, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
        }

        public double Before { get; }

        public async Task<double> StopAsync()
        {
            await stop.CancelAsync();
            await sampler;
            return peak;
        }

        public void Dispose() => stop.Dispose();
    }

    [GeneratedRegex("\"added\":(\\d+)")]
    private static partial Regex Added();

    [GeneratedRegex("upload=([0-9a-f-]+)")]
    private static partial Regex UploadId();

    [GeneratedRegex(@"data-testid=""result-counts"">\d+ rows: <strong>(\d+)</strong> added")]
    private static partial Regex ResultAdded();
}
