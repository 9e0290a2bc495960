using System.Net;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Staff;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Staff accounts and sessions for the staff and password tests.</summary>
internal static class StaffTestSupport
{
    public static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@harbourside.test";

    /// <summary>An account made directly, as the seed does, with the test password.</summary>
    public static async Task<(string Id, string Email)> NewStaffAsync(this AppFactory app, string name, string role, params Guid[] practiceIds)
    {
        var email = NewEmail(name.Split(' ')[0].ToLowerInvariant());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var user = await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, email, name, role, TestWorld.Password, DateTimeOffset.UtcNow, practiceIds);
        return (user.Id, email);
    }

    /// <summary>A new account with its own role in each practice (a role belongs to a membership).</summary>
    public static async Task<(string Id, string Email)> NewStaffAsync(this AppFactory app, string name, params (Guid PracticeId, StaffRole Role)[] memberships)
    {
        var email = NewEmail(name.Split(' ')[0].ToLowerInvariant());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var user = await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, email, name, TestWorld.Password, DateTimeOffset.UtcNow, memberships);
        return (user.Id, email);
    }

    /// <summary>The same app and database with the session check proposed for Program.cs: every request checks the account.</summary>
    public static WebApplicationFactory<Program> CheckingEachRequest(this AppFactory app) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = StaffSessionCheck.ValidatePrincipalAsync)));

    public static async Task<WebClient> SignInOnAsync(this WebApplicationFactory<Program> host, string email, string password = TestWorld.Password)
    {
        var client = new WebClient(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"signing in as {email}");
        return client;
    }

    public static async Task ShouldBeSignedOutAsync(this WebClient client)
    {
        var response = await client.Http.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/Account/SignIn");
    }
}
