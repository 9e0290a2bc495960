using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// The time a sign-in takes must not tell whether an account exists. Timings are too noisy to test, so this checks
/// the cause instead: every failed sign-in verifies exactly one password hash, whatever the reason it failed.
/// Its own app: it deactivates and locks out accounts.
/// </summary>
public sealed class SignInTimingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Unknown_deactivated_and_locked_out_accounts_cost_the_same_password_hashing_as_a_wrong_password()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = fixture.App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));
        await fixture.App.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == TestWorld.FrontDesk)).IsActive = false;
            (await db.Users.SingleAsync(u => u.Email == TestWorld.OtherFrontDesk)).LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            return await db.SaveChangesAsync();
        });
        using var client = new WebClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var attempts = new (string Why, string Email, string Password)[]
        {
            ("a wrong password", TestWorld.Manager, "not-the-password-1"),
            ("no such account", "nobody@harbourside.test", "not-the-password-1"),
            ("a deactivated account", TestWorld.FrontDesk, TestWorld.Password),
            ("a locked-out account", TestWorld.OtherFrontDesk, TestWorld.Password),
        };
        foreach (var (why, email, password) in attempts)
        {
            var page = await client.GetPageAsync("/Account/SignIn");
            hasher.Reset();

            var response = await client.SubmitAsync(page, "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });

            response.StatusCode.ShouldBe(HttpStatusCode.OK, why);
            (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent.ShouldContain(SignInModel.FailureMessage, customMessage: why);
            hasher.Verifications.ShouldBe(1, why);
        }

        hasher.Reset();
        var rightPassword = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.Manager, ["Input.Password"] = TestWorld.Password });
        rightPassword.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        hasher.Verifications.ShouldBe(1, "the right password");
    }

    /// <summary>The app's own hasher, counting how often a password is verified.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
