using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceRecovery.Data;

namespace ServiceRecovery.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseServiceRecoveryDatabase(DatabaseProvider.Sqlite, DesignTimeConnectionString);
        return new AppDbContext(options.Options, FixedPracticeScope.Unrestricted);
    }

    public const string DesignTimeConnectionString = "Data Source=design-time.db";
}
