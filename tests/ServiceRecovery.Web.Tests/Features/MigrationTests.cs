using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Each provider's migrations describe exactly the current model. Offline: nothing connects.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=Offline;User Id=sa;Password=unused;TrustServerCertificate=True")]
    public void Migrations_match_the_model(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseServiceRecoveryDatabase(provider, connectionString);
        using var db = new AppDbContext(options.Options, FixedPracticeScope.Unrestricted);

        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse($"Add a migration for {provider}: the model has changed since the last one.");
    }

    [Fact]
    public async Task A_new_sqlite_database_is_created_without_a_warning()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sr-migrate-{Guid.NewGuid():N}.db");
        var warnings = new List<string>();
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .LogTo(line => warnings.Add(line), Microsoft.Extensions.Logging.LogLevel.Warning);
            options.UseServiceRecoveryDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            await using var db = new AppDbContext(options.Options, FixedPracticeScope.Unrestricted);

            await db.Database.MigrateAsync();

            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            warnings.ShouldBeEmpty("a first start logs no warning (no table rebuilt outside a transaction)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
