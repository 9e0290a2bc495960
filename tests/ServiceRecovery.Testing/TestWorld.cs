using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Testing;

/// <summary>Two practices with their staff, so every test can check that one practice never sees the other's data.</summary>
public sealed record TestWorld(Practice Harbourside, Practice Other)
{
    public const string Password = "Correct-horse-battery-9";

    public const string FrontDesk = "frontdesk@harbourside.test";
    public const string FrontDeskName = "Mia Chen";
    public const string Manager = "manager@harbourside.test";
    public const string ManagerName = "Sam Patel";
    public const string Administrator = "admin@harbourside.test";
    public const string OtherFrontDesk = "frontdesk@other.test";

    /// <summary>A practice manager of the other practice only: whatever they are refused at Harbourside, the practice refuses, not the role.</summary>
    public const string OtherManager = "manager@other.test";

    public static async Task<TestWorld> CreateAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        var harbourside = Practice.CreateWithDefaults("Harbourside Dental", "harbourside", "Australia/Sydney", "en-AU", "AUD");
        var other = Practice.CreateWithDefaults("Other Street Dental", "other-street", "Australia/Perth", "en-AU", "AUD");
        db.Practices.AddRange(harbourside, other);
        await db.SaveChangesAsync();

        await IdentitySeed.CreateStaffAsync(services, FrontDesk, FrontDeskName, Roles.FrontDesk, Password, now, harbourside.Id);
        await IdentitySeed.CreateStaffAsync(services, Manager, ManagerName, Roles.PracticeManager, Password, now, harbourside.Id);
        await IdentitySeed.CreateStaffAsync(services, Administrator, "Alex Morgan", Roles.Administrator, Password, now, harbourside.Id, other.Id);
        await IdentitySeed.CreateStaffAsync(services, OtherFrontDesk, "Noah Singh", Roles.FrontDesk, Password, now, other.Id);
        await IdentitySeed.CreateStaffAsync(services, OtherManager, "Priya Nair", Roles.PracticeManager, Password, now, other.Id);
        return new TestWorld(harbourside, other);
    }
}
