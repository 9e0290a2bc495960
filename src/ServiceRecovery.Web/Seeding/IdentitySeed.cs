using Microsoft.AspNetCore.Identity;

namespace ServiceRecovery.Web.Seeding;

public static class IdentitySeed
{
    /// <summary>Creates a staff account with the same role in each of the given practices; used by the demo seed and by tests.</summary>
    public static Task<ApplicationUser> CreateStaffAsync(
        IServiceProvider services, string email, string displayName, string role, string password, DateTimeOffset now, params Guid[] practiceIds) =>
        CreateStaffAsync(services, email, displayName, password, now, [.. practiceIds.Select(id => (id, Roles.Parse(role) ?? throw new ArgumentException($"No such role: {role}", nameof(role))))]);

    /// <summary>Creates a staff account with its role in each practice (a role belongs to a membership).</summary>
    public static async Task<ApplicationUser> CreateStaffAsync(
        IServiceProvider services, string email, string displayName, string password, DateTimeOffset now, IReadOnlyList<(Guid PracticeId, StaffRole Role)> memberships)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = now };
        Check(await users.CreateAsync(user, password), email);
        foreach (var (practiceId, role) in memberships)
        {
            db.Memberships.Add(new PracticeMembership { UserId = user.Id, PracticeId = practiceId, Role = role });
        }

        await db.SaveChangesAsync();
        return user;
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the account {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
