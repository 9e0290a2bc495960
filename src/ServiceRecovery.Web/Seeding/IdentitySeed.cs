using Microsoft.AspNetCore.Identity;
using ServiceRecovery.Data;

namespace ServiceRecovery.Web.Seeding;

public static class IdentitySeed
{
    /// <summary>The three roles exist in every installation.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    /// <summary>Creates a staff account in the given practices; used by the demo seed and by tests.</summary>
    public static async Task<ApplicationUser> CreateStaffAsync(
        IServiceProvider services, string email, string displayName, string role, string password, DateTimeOffset now, params Guid[] practiceIds)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = now };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
        foreach (var practiceId in practiceIds)
        {
            db.Memberships.Add(new PracticeMembership { UserId = user.Id, PracticeId = practiceId });
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
