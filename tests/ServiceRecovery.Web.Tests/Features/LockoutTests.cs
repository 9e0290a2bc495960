using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Its own app: locking an account out must not disturb other tests.</summary>
public sealed class LockoutTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_attempt_is_audited()
    {
        using var client = fixture.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.OtherFrontDesk, ["Input.Password"] = "wrong-password-123" });
        }

        var withRightPassword = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.OtherFrontDesk, ["Input.Password"] = TestWorld.Password });

        withRightPassword.StatusCode.ShouldBe(HttpStatusCode.OK, "a locked account cannot sign in, even with the right password");
        (await WebClient.ParseAsync(withRightPassword)).QuerySelector("#error-summary")!.TextContent.ShouldContain(SignInModel.FailureMessage);
        var failures = await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.SignInFailed));
        failures.ShouldBeGreaterThanOrEqualTo(6);
        (await fixture.App.WithDbAsync(db => db.Audit.AnyAsync(a => a.Detail.Contains("locked out")))).ShouldBeTrue();
    }
}
