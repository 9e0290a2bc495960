using System.Security.Cryptography;
using System.Text;

namespace ServiceRecovery.Domain;

/// <summary>
/// The secret of a link handed to one person or device (the huddle display link, the setup link, an invitation or a
/// password reset): 32 random bytes, URL-safe. Only its hash is ever stored.
/// </summary>
public static class SecretToken
{
    /// <summary>The length of a token from <see cref="New"/>: 32 bytes in unpadded base64url.</summary>
    public const int Length = 43;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>SHA-256 of the token as upper-case hex: what is stored, and what a presented token is compared by.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
