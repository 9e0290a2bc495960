using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// The password hashing a sign-in does when there is no usable account to check against (no such account, a
/// deactivated or a locked-out one): the typed password is verified against a hash of a random password, made
/// with the app's own hasher options. So such an answer takes as long as a wrong password, and the time taken
/// does not tell whether an account exists.
/// </summary>
public sealed class UnusablePasswordCheck(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<ApplicationUser>(options).HashPassword(new ApplicationUser(), RandomNumberGenerator.GetHexString(32)));

    /// <summary>Verifies <paramref name="password"/> with the app's hasher; it never matches.</summary>
    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password) =>
        hasher.VerifyHashedPassword(new ApplicationUser(), _hash.Value, password);
}
