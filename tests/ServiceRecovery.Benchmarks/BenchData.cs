using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceRecovery.Benchmarks;

/// <summary>What the scenarios need to know about one practice of the generated database, read before the run.</summary>
public sealed record PracticeData(
    BenchPractice Practice,
    TimeZoneInfo Zone,
    Guid FirstStageId,
    Guid FilterStageId,
    IReadOnlyList<(Guid Id, string Reference)> SampleCases,
    IReadOnlyList<Guid> OpenCases,
    DateOnly ExportFrom,
    DateOnly FilterFrom,
    DateOnly Today,
    IReadOnlyList<string> PmsIds)
{
    /// <summary>The CSV export: closed cases logged from <see cref="ExportFrom"/> to today, about 10,000 rows.</summary>
    public string ExportUrl => $"/queue?handler=Csv&Filter.Status=Closed&Filter.PracticeId={Practice.Id}&Filter.From={Iso(ExportFrom)}&Filter.To={Iso(Today)}";

    /// <summary>A filtered queue page: closed cases of one stage logged in the last 180 days, page 2.</summary>
    public string FilteredQueueUrl => $"/queue?Filter.Status=Closed&Filter.PracticeId={Practice.Id}&Filter.StageId={FilterStageId}&Filter.From={Iso(FilterFrom)}&Filter.To={Iso(Today)}&Filter.Page=2";

    /// <summary>The instant a practice-local day starts, as the app computes it.</summary>
    public DateTimeOffset StartOf(DateOnly day) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone), TimeSpan.Zero);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Reads the generated database directly, for the run's inputs and the raw-SQL floors.</summary>
public static class BenchData
{
    private static readonly DateTimeOffsetToBinaryConverter Times = new();

    public static SqliteConnection OpenReadOnly(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The report's months not yet kept (-1 while the app has not marked any yet, as right after a start on a new database).</summary>
    public static long MonthsWaiting(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT COUNT(*) FROM "ReportMonths"), (SELECT COUNT(*) FROM "ReportMonths" WHERE "Changes" <> "Computed")""";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == 0 ? -1 : reader.GetInt64(1);
    }

    /// <summary>Parameters as the app binds them: Guid as upper-case text, DateTimeOffset as EF's packed number, DateOnly as text.</summary>
    public static object Value(object value) => value switch
    {
        Guid g => g.ToString().ToUpperInvariant(),
        DateTimeOffset t => Times.ConvertToProvider(t.ToUniversalTime())!,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, Value(value));
        }

        return command;
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<BenchPractice> Practices(SqliteConnection connection, IReadOnlyDictionary<Guid, string> apiKeys)
    {
        using var command = Command(connection, "SELECT Id, Name, TimeZoneId, Slug FROM Practices ORDER BY Name");
        using var reader = command.ExecuteReader();
        var practices = new List<BenchPractice>();
        while (reader.Read())
        {
            var slug = reader.GetString(3);
            practices.Add(new BenchPractice(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), $"manager@{slug}.example", $"frontdesk@{slug}.example",
                apiKeys.TryGetValue(reader.GetGuid(0), out var key) ? key : ""));
        }

        return practices;
    }

    public static PracticeData Load(SqliteConnection connection, BenchPractice practice, int exportRows)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(practice.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var stages = new List<Guid>();
        using (var command = Command(connection, "SELECT Id FROM CxStages WHERE PracticeId = $p ORDER BY Position", ("$p", practice.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stages.Add(reader.GetGuid(0));
            }
        }

        // Case pages: half any case of the practice (most of its history is closed), half open ones, which staff open
        // most and which show every form.
        var sample = new List<(Guid, string)>();
        using (var command = Command(connection, """
            SELECT Id, Reference FROM (SELECT Id, Reference FROM RecoveryCases WHERE PracticeId = $p ORDER BY random() LIMIT 1000)
            UNION ALL
            SELECT Id, Reference FROM (SELECT Id, Reference FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 ORDER BY random() LIMIT 1000)
            """, ("$p", practice.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sample.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        // Open cases whose last step is still to do: recording a fix there never resolves them, so every post succeeds.
        var open = new List<Guid>();
        using (var command = Command(connection, "SELECT Id FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 AND Extend_SettledAt IS NULL ORDER BY random() LIMIT 4000", ("$p", practice.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                open.Add(reader.GetGuid(0));
            }
        }

        // The practice-local day on which the most recent `exportRows` closed cases begin.
        DateOnly exportFrom;
        using (var command = Command(connection,
                   "SELECT OpenedAt FROM RecoveryCases WHERE PracticeId = $p AND Status = 3 ORDER BY OpenedAt DESC LIMIT 1 OFFSET $n",
                   ("$p", practice.Id), ("$n", exportRows - 1)))
        {
            var value = command.ExecuteScalar();
            exportFrom = value is long packed
                ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime((DateTimeOffset)Times.ConvertFromProvider(packed)!, zone).DateTime).AddDays(1)
                : today.AddYears(-Generator.Years - 1);
        }

        // Patients by PMS id, as the API names them.
        var pmsIds = new List<string>();
        using (var command = Command(connection, "SELECT ExternalId FROM Patients WHERE PracticeId = $p AND ExternalId IS NOT NULL ORDER BY random() LIMIT 5000", ("$p", practice.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                pmsIds.Add(reader.GetString(0));
            }
        }

        return new PracticeData(practice, zone, stages[0], stages[Math.Min(3, stages.Count - 1)], sample, open, exportFrom, today.AddDays(-180), today, pmsIds);
    }
}
