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
    public async Task Roles_move_onto_each_membership_from_the_global_role_the_person_held()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sr-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            options.UseServiceRecoveryDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
            await using var db = new AppDbContext(options.Options, FixedPracticeScope.Unrestricted);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("QueueCoveringIndexes");

            var practice = Guid.NewGuid();
            // One connection for the lot, so the foreign-key switch below holds: the memberships' practice need not exist here.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('r1', 'FrontDesk', 'FRONTDESK'), ('r2', 'PracticeManager', 'PRACTICEMANAGER'), ('r3', 'Administrator', 'ADMINISTRATOR')");
            foreach (var user in new[] { "desk", "manager", "both", "none" })
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO AspNetUsers (Id, DisplayName, IsActive, CreatedAt, NonEssentialMailOptOut, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES ({0}, {0}, 1, 0, 0, 1, 0, 0, 1, 0)", user);
            }

            await db.Database.ExecuteSqlRawAsync("INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ('desk', 'r1'), ('manager', 'r2'), ('both', 'r1'), ('both', 'r3')");
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            foreach (var user in new[] { "desk", "manager", "both", "none" })
            {
                await db.Database.ExecuteSqlRawAsync("INSERT INTO PracticeMemberships (UserId, PracticeId) VALUES ({0}, {1})", user, practice.ToString().ToUpperInvariant());
            }

            await migrator.MigrateAsync();

            var roles = await db.Memberships.AsNoTracking().ToDictionaryAsync(m => m.UserId, m => m.Role);
            roles.ShouldBe(new Dictionary<string, StaffRole>
            {
                ["desk"] = StaffRole.FrontDesk,
                ["manager"] = StaffRole.PracticeManager,
                ["both"] = StaffRole.Administrator,
                ["none"] = StaffRole.FrontDesk,
            }, ignoreOrder: true);
            (await db.UserRoles.CountAsync()).ShouldBe(0, "no global role is left for anything to read");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
