using Microsoft.Data.Sqlite;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// The data floor of each read screen: hand-written SQL that reads what the screen shows, through
/// Microsoft.Data.Sqlite on a read-only connection, every row read and every value materialised. A screen's time
/// divided by its floor is what the app's own layers (EF, the page, the stack) cost on top of the data.
/// </summary>
public static class Floors
{
    private const string CaseJoins = """
        FROM RecoveryCases c
        JOIN ServiceDefects d ON d.Id = c.DefectId
        JOIN CxStages s ON s.Id = d.StageId
        LEFT JOIN DefectCategories cat ON cat.Id = d.CategoryId
        JOIN Practices pr ON pr.Id = c.PracticeId
        """;

    /// <summary>The queue and its export read the severity, stage and category kept on the case row, not the defect's.</summary>
    private const string QueueJoins = """
        LEFT JOIN CxStages s ON s.Id = c.StageId
        LEFT JOIN DefectCategories cat ON cat.Id = c.CategoryId
        JOIN Practices pr ON pr.Id = c.PracticeId
        """;

    private const string QueueRow = """
        SELECT c.Id, c.Version, c.Reference, pr.Name, c.PracticeId, s.Name, cat.Name, c.Severity, c.Status, c.CurrentStep, c.OpenedAt, c.NextDueAt,
               c.OwnerId, c.OwnerName, EXISTS (SELECT 1 FROM Gestures g WHERE g.CaseId = c.Id AND g.State = 2), pr.TimeZoneId, pr.Culture, pr.Currency
        """;

    private const string QueueOrder = "ORDER BY (c.NextDueAt IS NOT NULL AND c.NextDueAt < $now) DESC, c.NextDueAt IS NULL, c.NextDueAt, c.OpenedAt DESC, c.Id";

    /// <summary>
    /// What the case page reads: the case row with its defect, stage, category, practice and patient; the records it
    /// shows (not the step skips, which it shows from the case row's tracks); the timeline; the patient's other cases;
    /// the improvements the case links and, for the forms of an open case, the unfinished ones it could link; and, for
    /// a case in progress (open or resolved), the staff of its owner list.
    /// </summary>
    public static void CasePage(SqliteConnection db, PracticeData p, Random random)
    {
        var id = p.SampleCases[random.Next(p.SampleCases.Count)].Id;
        Guid? patient = null;
        var status = 0;
        using (var command = BenchData.Command(db, $"SELECT c.*, d.*, s.Name, cat.Name, pr.Name, pr.TimeZoneId, pr.Culture, pr.Currency, pa.DisplayName, pa.Phone, pa.Email {CaseJoins} LEFT JOIN Patients pa ON pa.Id = d.PatientId WHERE c.Id = $id", ("$id", id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Touch(reader);
                var patientColumn = reader.GetOrdinal("PatientId");
                patient = reader.IsDBNull(patientColumn) ? null : reader.GetGuid(patientColumn);
                status = reader.GetInt32(reader.GetOrdinal("Status"));
            }
        }

        foreach (var table in new[] { "Apologies", "Fixes", "PersonalContacts", "Gestures", "Lessons", "FollowUps", "PatientReturns", "TimelineEvents" })
        {
            Drain(db, $"SELECT * FROM {table} WHERE CaseId = $id", ("$id", id));
        }

        if (patient is { } patientId)
        {
            Drain(db, "SELECT c.Id, c.Reference, c.Status, c.OpenedAt FROM RecoveryCases c JOIN ServiceDefects d ON d.Id = c.DefectId WHERE c.PracticeId = $p AND d.PatientId = $patient AND c.Id <> $id ORDER BY c.OpenedAt DESC LIMIT 10",
                ("$p", p.Practice.Id), ("$patient", patientId), ("$id", id));
        }

        Drain(db, """
            SELECT i.Id, i.Title, i.Status, i.OwnerName, i.DueOn, EXISTS (SELECT 1 FROM ImprovementLinks l WHERE l.CaseId = $id AND l.ImprovementId = i.Id)
            FROM Improvements i
            WHERE i.PracticeId = $p AND (($open AND i.Status <> 3) OR EXISTS (SELECT 1 FROM ImprovementLinks l WHERE l.CaseId = $id AND l.ImprovementId = i.Id))
            ORDER BY i.Title LIMIT 200
            """, ("$p", p.Practice.Id), ("$id", id), ("$open", status == 1));
        if (status is 1 or 2)
        {
            Drain(db, "SELECT u.Id, u.DisplayName FROM PracticeMemberships m JOIN AspNetUsers u ON u.Id = m.UserId WHERE m.PracticeId = $p AND u.IsActive = 1 ORDER BY u.DisplayName", ("$p", p.Practice.Id));
        }
    }

    public static void QueueFirstPage(SqliteConnection db, PracticeData p, Random random) =>
        Queue(db, p, "c.PracticeId = $p AND c.Status = 1", 0, []);

    public static void QueueFiltered(SqliteConnection db, PracticeData p, Random random) =>
        Queue(db, p, "c.PracticeId = $p AND c.Status = 3 AND c.StageId = $stage AND c.OpenedAt >= $from AND c.OpenedAt < $to", 25,
            [("$stage", p.FilterStageId), ("$from", p.StartOf(p.FilterFrom)), ("$to", p.StartOf(p.Today.AddDays(1)))]);

    private static void Queue(SqliteConnection db, PracticeData p, string where, int offset, (string, object)[] extra)
    {
        (string, object)[] parameters = [("$p", p.Practice.Id), ("$now", DateTimeOffset.UtcNow), .. extra];
        Drain(db, "SELECT Id, Name FROM Practices WHERE Id = $p", parameters);
        Drain(db, "SELECT Id, Name FROM CxStages WHERE PracticeId = $p ORDER BY Position", parameters);
        Drain(db, "SELECT Id, Name FROM DefectCategories WHERE PracticeId = $p ORDER BY Position", parameters);
        Drain(db, "SELECT u.Id, u.DisplayName, m.PracticeId FROM PracticeMemberships m JOIN AspNetUsers u ON u.Id = m.UserId WHERE m.PracticeId = $p AND u.IsActive = 1 ORDER BY u.DisplayName", parameters);
        // Every count at once (the total, by step, by severity and overdue are sums of these groups), then the page: its
        // 25 ids chosen on the queue's covering index, and only those cases read and joined.
        Drain(db, $"SELECT c.CurrentStep, c.Severity, c.Status = 1 AND c.NextDueAt < $now, COUNT(*) FROM RecoveryCases c WHERE {where} GROUP BY 1, 2, 3", parameters);
        Drain(db, $"{QueueRow} FROM (SELECT c.Id FROM RecoveryCases c WHERE {where} {QueueOrder} LIMIT 25 OFFSET {offset}) AS page JOIN RecoveryCases c ON c.Id = page.Id {QueueJoins} {QueueOrder}", parameters);
        Drain(db, "SELECT g.Id, g.Kind, g.Amount, g.RecordedAt, c.Id, c.Reference FROM Gestures g JOIN RecoveryCases c ON c.Id = g.CaseId WHERE g.State = 2 AND c.PracticeId = $p ORDER BY g.RecordedAt LIMIT 50", parameters);
    }

    public static void Huddle(SqliteConnection db, PracticeData p, Random random)
    {
        var now = DateTimeOffset.UtcNow;
        var weekStart = p.Today.AddDays(-(((int)p.Today.DayOfWeek - 1 + 7) % 7));
        (string, object)[] parameters =
        [
            ("$p", p.Practice.Id), ("$now", now), ("$since", now.AddHours(-24)), ("$week", p.StartOf(weekStart)), ("$weekDay", weekStart),
            ("$today", p.Today), ("$window", p.StartOf(p.Today.AddDays(-29))),
        ];
        Drain(db, "SELECT Id, Name, TimeZoneId, Culture, Currency, LastHuddleAt FROM Practices WHERE Id = $p", parameters);
        Drain(db, "SELECT CurrentStep, COUNT(*) FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 GROUP BY CurrentStep", parameters);
        Drain(db, "SELECT COUNT(*) FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 AND NextDueAt < $now", parameters);
        Drain(db, "SELECT Reference, SaySorry_DueAt, SaySorry_SettledAt, Expedite_DueAt, Expedite_SettledAt, Respond_DueAt, Respond_SettledAt, Victory_DueAt, Victory_SettledAt, Improve_DueAt, Improve_SettledAt, Communicate_DueAt, Communicate_SettledAt, Extend_DueAt, Extend_SettledAt FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 AND NextDueAt < $now ORDER BY NextDueAt, Reference LIMIT 6", parameters);
        Drain(db, "SELECT COUNT(*) FROM RecoveryCases WHERE PracticeId = $p AND OpenedAt > $since AND Status <> 4", parameters);
        Drain(db, $"SELECT c.Reference, s.Name, cat.Name, c.CurrentStep {CaseJoins} WHERE c.PracticeId = $p AND c.OpenedAt > $since AND c.Status <> 4 ORDER BY c.OpenedAt DESC LIMIT 5", parameters);
        // The gestures of this week: recorded this week, or approved this week (an approval comes after the gesture was recorded).
        Drain(db, "SELECT COUNT(*), SUM(CAST(g.Amount AS REAL)) FROM Gestures g JOIN RecoveryCases c ON c.Id = g.CaseId WHERE c.PracticeId = $p AND g.State = 1 AND (g.RecordedAt >= $week OR g.DecidedAt >= $week)", parameters);
        Drain(db, "SELECT COUNT(DISTINCT d.PatientId) FROM RecoveryCases c JOIN ServiceDefects d ON d.Id = c.DefectId WHERE c.PracticeId = $p AND c.Id IN (SELECT r.CaseId FROM PatientReturns r WHERE r.ReturnedOn >= $weekDay AND r.ReturnedOn <= $today)", parameters);
        Drain(db, "SELECT COUNT(*) FROM RecoveryCases c JOIN Lessons l ON l.CaseId = c.Id WHERE c.PracticeId = $p AND c.Status = 1 AND l.SharedOn IS NULL", parameters);
        Drain(db, "SELECT c.Id, c.Reference, l.Text FROM RecoveryCases c JOIN Lessons l ON l.CaseId = c.Id WHERE c.PracticeId = $p AND c.Status = 1 AND l.SharedOn IS NULL ORDER BY l.RecordedAt LIMIT 3", parameters);
        Drain(db, "SELECT d.StageId, d.OccurredAt FROM ServiceDefects d JOIN RecoveryCases c ON c.DefectId = d.Id WHERE d.PracticeId = $p AND d.OccurredAt >= $window AND c.Status <> 4", parameters);
        Drain(db, "SELECT Id, Name, RetiredAt FROM CxStages WHERE PracticeId = $p ORDER BY Position", parameters);
        Drain(db, "SELECT COUNT(*) FROM FollowUps f JOIN RecoveryCases c ON c.Id = f.CaseId WHERE c.PracticeId = $p AND c.Status = 1 AND f.PlannedFor <= $today AND f.Outcome IS NULL", parameters);
        Drain(db, "SELECT c.Reference, f.Method FROM FollowUps f JOIN RecoveryCases c ON c.Id = f.CaseId WHERE c.PracticeId = $p AND c.Status = 1 AND f.PlannedFor <= $today AND f.Outcome IS NULL ORDER BY f.PlannedFor LIMIT 4", parameters);
    }

    /// <summary>The report reads the case rows alone: when the defect happened and the report's facts are kept on them.</summary>
    public static void Report(SqliteConnection db, PracticeData p, Random random)
    {
        var from = new DateOnly(p.Today.Year, p.Today.Month, 1).AddMonths(-11);
        (string, object)[] parameters = [("$p", p.Practice.Id), ("$start", p.StartOf(from)), ("$end", p.StartOf(p.Today.AddDays(1)))];
        const string Cases = "RecoveryCases c WHERE c.PracticeId = $p AND c.Status <> 4 AND c.DefectOccurredAt >= $start AND c.DefectOccurredAt < $end";
        Drain(db, "SELECT Id, Name, TimeZoneId, Culture, Currency FROM Practices WHERE Id = $p", parameters);
        Drain(db, $"SELECT s.Name, s.Position, x.n, x.g, x.r FROM (SELECT c.StageId AS StageId, COUNT(*) AS n, SUM(c.HasGivenGesture) AS g, SUM(c.Recovered) AS r FROM {Cases} GROUP BY c.StageId) x LEFT JOIN CxStages s ON s.Id = x.StageId", parameters);
        Drain(db, $"SELECT cat.Name, cat.Position, x.n FROM (SELECT c.CategoryId AS CategoryId, COUNT(*) AS n FROM {Cases} GROUP BY c.CategoryId) x LEFT JOIN DefectCategories cat ON cat.Id = x.CategoryId", parameters);
        Drain(db, $"SELECT c.DefectOccurredAt, c.FirstApologyAt, c.OpenedAt, c.ResolvedAt, c.Status FROM {Cases} AND (c.FirstApologyAt IS NOT NULL OR c.ResolvedAt IS NOT NULL) ORDER BY c.DefectOccurredAt LIMIT 20001", parameters);
        Drain(db, $"SELECT COALESCE(g.DecidedAt, g.RecordedAt), g.Amount FROM Gestures g JOIN {Cases} AND c.HasGivenGesture AND g.CaseId = c.Id AND g.State = 1", parameters);
        Drain(db, $"SELECT c.DefectOccurredAt, c.FirstReturnOn, c.Recovered FROM {Cases} AND c.FirstReturnOn IS NOT NULL ORDER BY c.DefectOccurredAt LIMIT 20001", parameters);
        Drain(db, $"SELECT i.Title, i.Status, x.n FROM (SELECT l.ImprovementId AS ImprovementId, COUNT(DISTINCT l.CaseId) AS n FROM ImprovementLinks l JOIN {Cases} AND l.CaseId = c.Id GROUP BY l.ImprovementId HAVING COUNT(DISTINCT l.CaseId) >= 2) x JOIN Improvements i ON i.Id = x.ImprovementId ORDER BY x.n DESC, i.Title LIMIT 50", parameters);
        Drain(db, "SELECT CurrentStep, COUNT(*) FROM RecoveryCases WHERE PracticeId = $p AND Status = 1 AND CurrentStep IS NOT NULL GROUP BY CurrentStep", parameters);
    }

    public static int Export(SqliteConnection db, PracticeData p, Random random)
    {
        (string, object)[] parameters = [("$p", p.Practice.Id), ("$now", DateTimeOffset.UtcNow), ("$from", p.StartOf(p.ExportFrom)), ("$to", p.StartOf(p.Today.AddDays(1)))];
        return Drain(db, $"""
            SELECT c.Reference, pr.Name, s.Name, cat.Name, c.Severity, d.Channel, d.OccurredAt, c.OpenedAt, c.Status, c.CurrentStep, c.NextDueAt, c.OwnerName,
                   (SELECT SUM(CAST(g.Amount AS REAL)) FROM Gestures g WHERE g.CaseId = c.Id AND g.State = 1)
            FROM RecoveryCases c JOIN ServiceDefects d ON d.Id = c.DefectId {QueueJoins}
            WHERE c.PracticeId = $p AND c.Status = 3 AND c.OpenedAt >= $from AND c.OpenedAt < $to {QueueOrder}
            """, parameters);
    }

    private static int Drain(SqliteConnection db, string sql, params (string, object)[] parameters)
    {
        using var command = BenchData.Command(db, sql, [.. parameters.Where(x => sql.Contains(x.Item1, StringComparison.Ordinal))]);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            Touch(reader);
            rows++;
        }

        return rows;
    }

    private static void Touch(SqliteDataReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _ = reader.GetValue(i);
        }
    }
}
