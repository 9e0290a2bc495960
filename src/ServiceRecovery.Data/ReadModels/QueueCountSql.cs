namespace ServiceRecovery.Data.ReadModels;

/// <summary>
/// The SQL that keeps <see cref="QueueCount"/>: an atomic increment of one cell, and the recount from the case rows
/// that fills the table for a database that had cases before the counts were kept (the migration
/// <c>KeptQueueCounts</c> runs it; so does the benchmark generator after its bulk load).
/// </summary>
public static class QueueCountSql
{
    /// <summary>The cells as a recount from the rows gives them. Both providers read it as written.</summary>
    public const string Recount =
        """
        SELECT "PracticeId", "Status", COALESCE("CurrentStep", 0) AS "Step", "Severity", COUNT(*) AS "Count"
        FROM "RecoveryCases"
        GROUP BY "PracticeId", "Status", COALESCE("CurrentStep", 0), "Severity"
        """;

    public const string Backfill =
        $"""
        DELETE FROM "QueueCounts";
        INSERT INTO "QueueCounts" ("PracticeId", "Status", "Step", "Severity", "Count")
        {Recount};
        """;

    /// <summary>Adds {4} to the cell ({0}, {1}, {2}, {3}), making it if it is not there (parameters in that order).</summary>
    public static string Increment(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer
        // The key range is locked for the statement, so two writers adding to a cell that does not exist yet cannot
        // both insert it.
        ? """
          MERGE "QueueCounts" WITH (HOLDLOCK) AS kept
          USING (SELECT {0} AS "PracticeId", {1} AS "Status", {2} AS "Step", {3} AS "Severity") AS cell
          ON kept."PracticeId" = cell."PracticeId" AND kept."Status" = cell."Status" AND kept."Step" = cell."Step" AND kept."Severity" = cell."Severity"
          WHEN MATCHED THEN UPDATE SET "Count" = kept."Count" + {4}
          WHEN NOT MATCHED THEN INSERT ("PracticeId", "Status", "Step", "Severity", "Count") VALUES ({0}, {1}, {2}, {3}, {4});
          """
        : """
          INSERT INTO "QueueCounts" ("PracticeId", "Status", "Step", "Severity", "Count") VALUES ({0}, {1}, {2}, {3}, {4})
          ON CONFLICT ("PracticeId", "Status", "Step", "Severity") DO UPDATE SET "Count" = "Count" + excluded."Count";
          """;
}
