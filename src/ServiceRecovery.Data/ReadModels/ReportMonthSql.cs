namespace ServiceRecovery.Data.ReadModels;

/// <summary>The SQL that marks a kept report month (<see cref="ReportMonth"/>) changed, making its row if it has none.</summary>
public static class ReportMonthSql
{
    /// <summary>Adds one to the changes of month {1} of practice {0} (parameters in that order).</summary>
    public static string Mark(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer
        ? """
          MERGE "ReportMonths" WITH (HOLDLOCK) AS kept
          USING (SELECT {0} AS "PracticeId", {1} AS "Month") AS month
          ON kept."PracticeId" = month."PracticeId" AND kept."Month" = month."Month"
          WHEN MATCHED THEN UPDATE SET "Changes" = kept."Changes" + 1
          WHEN NOT MATCHED THEN INSERT ("PracticeId", "Month", "Changes", "Computed") VALUES ({0}, {1}, 1, 0);
          """
        : """
          INSERT INTO "ReportMonths" ("PracticeId", "Month", "Changes", "Computed") VALUES ({0}, {1}, 1, 0)
          ON CONFLICT ("PracticeId", "Month") DO UPDATE SET "Changes" = "Changes" + 1;
          """;

    /// <summary>Marks every kept month of practice {0} changed: its time zone moved the months' boundaries.</summary>
    public const string MarkPractice = """UPDATE "ReportMonths" SET "Changes" = "Changes" + 1 WHERE "PracticeId" = {0}""";
}
