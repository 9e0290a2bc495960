using System.Diagnostics;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// A screen, or a floor, run by every worker in a loop: one call is one timed request (or one floor's SQL). With
/// <see cref="Clients"/>, only that many of the workers (the first ones) run it, whatever <c>--clients</c> says.
/// </summary>
public sealed record Scenario(string Key, string Title, string? FloorKey, Func<Worker, CancellationToken, Task> Step, int? Clients = null);

/// <summary>One of the concurrent clients: its HTTP session or its database connection, its practice and its own cases.</summary>
public sealed class Worker(int index, PracticeData practice, BenchClient? client, Microsoft.Data.Sqlite.SqliteConnection? connection)
{
    public int Index { get; } = index;
    public PracticeData Practice { get; } = practice;
    public BenchClient Client => client ?? throw new InvalidOperationException("This worker has no HTTP client.");
    public Microsoft.Data.Sqlite.SqliteConnection Connection => connection ?? throw new InvalidOperationException("This worker has no connection.");
    public Random Random { get; } = new(1000 + index);

    /// <summary>Open cases that only this worker edits, so two workers never race for one case.</summary>
    public Queue<Guid> OwnOpenCases { get; } = new();

    public long Rows { get; set; }

    /// <summary>The practice's API caller (its key in <c>X-Api-Key</c>), for the API scenarios.</summary>
    public BenchClient? Api { get; set; }

    /// <summary>The practice's front desk, signed in, for the home page.</summary>
    public BenchClient? FrontDesk { get; set; }

    /// <summary>Counts this worker's new appointments, so each has its own PMS id.</summary>
    public int Sent { get; set; }
}

public sealed class BenchFailureException : Exception
{
    public BenchFailureException() { }

    public BenchFailureException(string message) : base(message) { }

    public BenchFailureException(string message, Exception inner) : base(message, inner) { }
}

public sealed record Measurement(
    string Key, string Title, int Count, int Errors, double P50, double P95, double P99, double Mean, double Throughput,
    double? AllocatedKbPerRequest, double? PeakRssMb, double? HwmMb, long RowsPerRequest, string? FirstError);

public static class Runner
{
    public static async Task<Measurement> RunAsync(
        Scenario scenario, IReadOnlyList<Worker> workers, TimeSpan warmUp, TimeSpan duration, AppServer? server, BenchClient? admin, TextWriter log)
    {
        if (scenario.Clients is { } clients && clients < workers.Count)
        {
            workers = [.. workers.Take(clients)];
        }

        var stop = Stopwatch.StartNew();
        var measuring = false;
        var latencies = workers.Select(_ => new List<double>(4096)).ToArray();
        var errors = 0;
        string? firstError = null;
        long rows = 0;

        double peakRss = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = server is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, server.Memory().Rss);
                try
                {
                    await Task.Delay(200, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        Gc? before = null;
        var measuredFrom = TimeSpan.Zero;
        var end = warmUp + duration;
        // A request still running 30 s after the phase ends is given up (and counted as an error), so one slow
        // screen cannot pile work onto the next phase.
        using var abandon = new CancellationTokenSource(end + TimeSpan.FromSeconds(30));
        var loops = workers.Select((worker, i) => Task.Run(async () =>
        {
            while (stop.Elapsed < end)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await scenario.Step(worker, abandon.Token);
                    // Counted when it ends while the clock runs, whenever it started: a screen slower than the
                    // warm-up still shows.
                    if (measuring)
                    {
                        latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is BenchFailureException or HttpRequestException or OperationCanceledException or InvalidOperationException or IOException)
                {
                    // A request that fails or is abandoned while the clock runs counts, whenever it started.
                    if (measuring)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{e.GetType().Name}: {e.Message}";
                    }
                }
            }
        })).ToList();

        await Task.Delay(warmUp);
        if (admin is not null)
        {
            before = await GcAsync(admin);
        }

        foreach (var worker in workers)
        {
            worker.Rows = 0;
        }

        measuredFrom = stop.Elapsed;
        measuring = true;
        await Task.WhenAll(loops);
        var measuredFor = stop.Elapsed - measuredFrom;
        var after = admin is null ? null : await GcAsync(admin);
        if (server is not null)
        {
            // Abandoned requests may still be running in the server: let it finish them before the next scenario.
            await server.WaitUntilIdleAsync(TimeSpan.FromMinutes(3));
        }

        await sampling.CancelAsync();
        await sampler;
        rows = workers.Sum(w => w.Rows);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var count = all.Length;
        var measurement = new Measurement(
            scenario.Key, scenario.Title, count, errors,
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), count == 0 ? 0 : all.Average(),
            count / measuredFor.TotalSeconds,
            before is not null && after is not null && count > 0 ? (after.AllocatedBytes - before.AllocatedBytes) / 1024.0 / count : null,
            server is null ? null : peakRss,
            server?.Memory().Hwm,
            count == 0 ? 0 : rows / Math.Max(1, count),
            firstError);
        log.WriteLine($"  {scenario.Title,-34} n={count,6} err={errors,3} p50={measurement.P50,8:F1} p95={measurement.P95,8:F1} p99={measurement.P99,8:F1} ms  {measurement.Throughput,7:F1}/s" +
                      (measurement.AllocatedKbPerRequest is { } kb ? $"  {kb,8:F0} KB/req" : "") + (firstError is null ? "" : $"  first error: {firstError}"));
        return measurement;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task<Gc?> GcAsync(BenchClient admin)
    {
        try
        {
            var (status, body) = await admin.GetAsync("/bench/gc");
            return status == System.Net.HttpStatusCode.OK ? System.Text.Json.JsonSerializer.Deserialize<Gc>(body, JsonOptions) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A server too busy to answer within the timeout: no allocation figure for this scenario.
            return null;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private sealed record Gc(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long ManagedBytes, long HeapSizeBytes, long WorkingSetBytes);
}
