using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ServiceRecovery.Data;

/// <summary>
/// Tells a unique-key clash (the row is already there) apart from every other failed save, for each provider.
/// Only the clash means "someone else saved the same thing first"; a full disk, a lock timeout or a dropped
/// connection must not be mistaken for it.
/// </summary>
public static class UniqueKeyViolation
{
    // SQLite: SQLITE_CONSTRAINT (19) with SQLITE_CONSTRAINT_UNIQUE (2067) or, for a primary key, SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    // SQL Server: 2601 duplicate key in a unique index, 2627 violation of a unique or primary key constraint.
    private const int SqlServerDuplicateKey = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                                  && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException sql => sql.Number is SqlServerDuplicateKey or SqlServerUniqueConstraint,
        _ => false,
    };
}
