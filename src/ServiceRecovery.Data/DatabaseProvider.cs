using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceRecovery.Data;

/// <summary>The two supported databases: SQLite embedded (the default) and SQL Server (production).</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseOptions
{
    public const string SqliteMigrationsAssembly = "ServiceRecovery.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "ServiceRecovery.Migrations.SqlServer";

    /// <summary>Configures EF Core for the chosen provider, with migrations from that provider's own assembly.</summary>
    public static DbContextOptionsBuilder UseServiceRecoveryDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider must be Sqlite or SqlServer.");
        }

        // Step records hang off a case, which carries the practice filter; they are only reached through it.
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        return options;
    }

    /// <summary>The embedded default: a file under the app's data folder.</summary>
    public static string DefaultSqliteConnectionString(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "servicerecovery.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings (see docs/decisions/0004-sqlite-durability.md): write-ahead logging,
/// a full sync on commit so an acknowledged change survives a crash, and a busy timeout for concurrent writers.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
