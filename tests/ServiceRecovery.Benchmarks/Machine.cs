using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ServiceRecovery.Benchmarks;

public sealed record DataSizes(long Cases, long OpenCases, long Practices, long Rows, double DatabaseMb, IReadOnlyList<(string Table, long Rows)> Tables);

/// <summary>What the figures were measured on: the machine, its load, and the database's size.</summary>
public static class Machine
{
    private static readonly string[] Tables =
    [
        "RecoveryCases", "ServiceDefects", "Patients", "TimelineEvents", "Apologies", "Fixes", "PersonalContacts", "Gestures",
        "ImprovementLinks", "Lessons", "FollowUps", "PatientReturns", "StepSkips", "Improvements", "Appointments", "FormalComplaints", "ComplaintPauses", "PatientLetters",
    ];

    public static string Description()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryGib = memory is null ? "?" : (double.Parse(memory.Split(' ')[0], CultureInfo.InvariantCulture) / 1024 / 1024).ToString("F0", CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memoryGib} GiB, " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    public static DataSizes Sizes(SqliteConnection connection, string databasePath)
    {
        var tables = Tables.Select(t => (t, BenchData.Scalar(connection, $"SELECT COUNT(*) FROM {t}"))).ToList();
        return new DataSizes(
            BenchData.Scalar(connection, "SELECT COUNT(*) FROM RecoveryCases"),
            BenchData.Scalar(connection, "SELECT COUNT(*) FROM RecoveryCases WHERE Status = 1"),
            BenchData.Scalar(connection, "SELECT COUNT(*) FROM Practices"),
            tables.Sum(t => t.Item2),
            new FileInfo(databasePath).Length / 1024.0 / 1024.0,
            tables);
    }
}
