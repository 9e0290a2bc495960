using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ServiceRecovery.Durability.Tests;

/// <summary>
/// An acknowledged defect survives the process being killed mid-write (docs/decisions/0004-sqlite-durability.md:
/// WAL with synchronous=FULL), and the database is intact afterwards.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "servicerecovery-durability", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_acknowledged_defect_survives_a_SIGKILL_under_load_and_the_database_stays_intact()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var prefix = $"Kill{Guid.NewGuid():N}"[..16];
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var clock = Stopwatch.StartNew();

        LoadResult load;
        var first = await AppProcess.StartAsync(dataFolder, cancellationToken);
        try
        {
            output.WriteLine($"first start ready after {clock.Elapsed.TotalSeconds:F1} s");
            using var stop = new CancellationTokenSource();
            var running = DefectLoad.RunAsync(first.BaseAddress, prefix, loops: 8, maxRequests: 400, TimeSpan.FromSeconds(10), acknowledged, stop.Token);

            // Kill mid-load: once a good number of writes are acknowledged (others are then in flight), or after 5 s.
            var loadClock = Stopwatch.StartNew();
            while (acknowledged.Count < 40 && loadClock.Elapsed < TimeSpan.FromSeconds(5) && !running.IsCompleted)
            {
                await Task.Delay(20, cancellationToken);
            }

            running.IsCompleted.ShouldBeFalse("the load ended before the kill; it must be in flight when the process dies");
            await first.KillAsync();
            output.WriteLine($"SIGKILL after {loadClock.Elapsed.TotalSeconds:F1} s of load with {acknowledged.Count} acknowledged");
            await stop.CancelAsync();
            load = await running;
        }
        catch
        {
            output.WriteLine(first.OutputTail);
            throw;
        }
        finally
        {
            await first.DisposeAsync();
        }

        output.WriteLine($"load: {load.Issued} posts started, {acknowledged.Count} acknowledged, {load.Refused} refused, {load.Broken} cut off by the kill");
        acknowledged.Count.ShouldBeGreaterThan(0);
        load.Broken.ShouldBeGreaterThan(0, "no request was cut off: the kill did not happen mid-load");

        // Restart on the same data folder: the app recovers the WAL and answers every acknowledged case.
        var second = await AppProcess.StartAsync(dataFolder, cancellationToken);
        try
        {
            output.WriteLine($"restart ready after {clock.Elapsed.TotalSeconds:F1} s");
            using var client = await DefectLoad.SignInAsync(second.BaseAddress);
            foreach (var chunk in acknowledged.Chunk(8))
            {
                var statuses = await Task.WhenAll(chunk.Select(async a =>
                {
                    using var response = await client.Http.GetAsync(new Uri(a.CaseUrl, UriKind.Relative), cancellationToken);
                    return (a.CaseUrl, response.StatusCode);
                }));
                statuses.Where(s => s.StatusCode != HttpStatusCode.OK).ShouldBeEmpty();
            }

            await second.StopAsync();
        }
        catch
        {
            output.WriteLine(second.OutputTail);
            throw;
        }
        finally
        {
            await second.DisposeAsync();
        }

        // The file itself, once no process has it open.
        using var connection = DefectLoad.OpenReadOnly(second.DatabasePath);
        DefectLoad.IntegrityCheck(connection).ShouldBe("ok");
        var stored = DefectLoad.PatientNames(connection, prefix);
        acknowledged.Select(a => a.PatientName).Where(name => !stored.Contains(name)).ShouldBeEmpty("acknowledged defects were lost");
        output.WriteLine($"after restart: {stored.Count} of this run's patients stored ({acknowledged.Count} acknowledged), integrity_check ok, {clock.Elapsed.TotalSeconds:F1} s in all");
    }

    public void Dispose() => DeleteQuietly(dataFolder);

    internal static void DeleteQuietly(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
