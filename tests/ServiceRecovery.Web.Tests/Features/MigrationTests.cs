using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;

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
}
