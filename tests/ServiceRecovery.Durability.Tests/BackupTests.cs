using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ServiceRecovery.Durability.Tests;

/// <summary>An online backup with the SQLite backup API, taken while the app runs, is complete and intact.</summary>
public sealed class BackupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "servicerecovery-durability", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_online_backup_of_the_running_app_is_intact_and_holds_every_acknowledged_case()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var prefix = $"Bkp{Guid.NewGuid():N}"[..16];
        var backupPath = Path.Combine(dataFolder, "backup", "servicerecovery-backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backupPath)!);
        var clock = Stopwatch.StartNew();

        var app = await AppProcess.StartAsync(dataFolder, cancellationToken);
        try
        {
            long before;
            using (var live = DefectLoad.OpenReadOnly(app.DatabasePath))
            {
                before = DefectLoad.CaseCount(live);
            }

            var acknowledged = new ConcurrentBag<Acknowledged>();
            var load = await DefectLoad.RunAsync(app.BaseAddress, prefix, loops: 4, maxRequests: 60, TimeSpan.FromSeconds(8), acknowledged, cancellationToken);
            load.Refused.ShouldBe(0);
            load.Broken.ShouldBe(0);
            acknowledged.Count.ShouldBeGreaterThan(0);

            // The app is still running, with its connections open and the WAL not checkpointed.
            File.Exists(app.DatabasePath + "-wal").ShouldBeTrue();
            var backupClock = Stopwatch.StartNew();
            using (var source = DefectLoad.OpenReadOnly(app.DatabasePath))
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Pooling = false }.ToString()))
            {
                destination.Open();
                source.BackupDatabase(destination);
            }

            output.WriteLine($"{before} cases before, {acknowledged.Count} acknowledged in {load.Elapsed.TotalSeconds:F1} s, backup took {backupClock.ElapsedMilliseconds} ms");

            using var backup = DefectLoad.OpenReadOnly(backupPath);
            DefectLoad.IntegrityCheck(backup).ShouldBe("ok");
            DefectLoad.CaseCount(backup).ShouldBe(before + acknowledged.Count);
            var stored = DefectLoad.PatientNames(backup, prefix);
            stored.ShouldBe(acknowledged.Select(a => a.PatientName), ignoreOrder: true);

            // The app carries on serving after the backup.
            using var client = await DefectLoad.SignInAsync(app.BaseAddress);
            (await client.GetPageAsync("/defects/log")).ShouldNotBeNull();
            output.WriteLine($"backup: integrity_check ok, {before + acknowledged.Count} cases; {clock.Elapsed.TotalSeconds:F1} s in all");
        }
        catch
        {
            output.WriteLine(app.OutputTail);
            throw;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public void Dispose() => KillTests.DeleteQuietly(dataFolder);
}
