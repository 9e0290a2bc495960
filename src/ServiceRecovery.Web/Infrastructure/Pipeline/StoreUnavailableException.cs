using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// The database could not take a write just now: the write gate's wait ran out, or the database was locked, full or
/// failing. Nothing was saved. Shown as the friendly 503 "Not saved" page; the message names only where it happened.
/// </summary>
public sealed class StoreUnavailableException(string where, Exception? cause = null)
    : Exception($"The database is unavailable ({where}); nothing was saved.", cause)
{
    /// <summary>
    /// True for a database failure that passes: SQLite busy (5), locked (6), I/O error (10) or full (13); SQL Server
    /// timeout (-2), deadlock victim (1205) or lock request timeout (1222). Looks through wrapping exceptions.
    /// </summary>
    public static bool IsStoreFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 5 or 6 or 10 or 13:
                case SqlException sql when sql.Number is -2 or 1205 or 1222:
                case StoreUnavailableException:
                    return true;
            }
        }

        return false;
    }
}
