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

    /// <summary>How long a write waits for the database by default (Database:WriteWaitSeconds).</summary>
    public static readonly TimeSpan DefaultWriteWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Configures EF Core for the chosen provider, with migrations from that provider's own assembly. On SQLite,
    /// <paramref name="writeWait"/> bounds how long a statement waits for another writer's lock (the busy timeout, and
    /// the driver's own retries), so a locked database answers within it rather than after half a minute.
    /// </summary>
    public static DbContextOptionsBuilder UseServiceRecoveryDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, TimeSpan? writeWait = null)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var wait = writeWait ?? DefaultWriteWait;
                var bounded = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) }.ToString();
                options.UseSqlite(bounded, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqlitePragmas.For(wait));
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
            Pooling = true,
        }.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings (see docs/decisions/0004-sqlite-durability.md): write-ahead logging,
/// a full sync on commit so an acknowledged change survives a crash, and a busy timeout for concurrent writers: the
/// same bound as the write gate's (Database:WriteWaitSeconds), so no write waits longer in SQLite than at the gate.
/// </summary>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TimeSpan, SqlitePragmas> Instances = new();

    private readonly string pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";

    /// <summary>One instance per bound, so EF Core's service provider cache is not rebuilt per context.</summary>
    public static SqlitePragmas For(TimeSpan busyTimeout) => Instances.GetOrAdd(busyTimeout, wait => new SqlitePragmas(wait));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
