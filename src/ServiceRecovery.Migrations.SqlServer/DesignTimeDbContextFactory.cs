using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceRecovery.Data;

namespace ServiceRecovery.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseServiceRecoveryDatabase(DatabaseProvider.SqlServer, DesignTimeConnectionString);
        return new AppDbContext(options.Options, FixedPracticeScope.Unrestricted);
    }

    public const string DesignTimeConnectionString = "Server=localhost;Database=ServiceRecovery;Trusted_Connection=False;User Id=sa;Password=design-time-only;TrustServerCertificate=True";
}
