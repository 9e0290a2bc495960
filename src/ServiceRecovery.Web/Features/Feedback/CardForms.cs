using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// One rendered comment card is good for one card. Each time the card is shown, the server issues a form token:
/// data-protected (nobody can make or change one), time-limited, naming the practice, carrying the card's idempotency
/// key and bound to the antiforgery token rendered in the same form. A post needs the token of its own form; the case
/// it opens carries the token's key, so sending the same form again (a double tap, a retry, a script replaying one
/// page) opens no second case, and a script must fetch the card again for every card it sends, inside the rate
/// limits. The key never comes from the form itself.
/// </summary>
public sealed class CardForms(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    /// <summary>Long enough to fill in a card in the waiting room and send it later that day; then the form must be sent again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    /// <summary>Web instances' clocks may differ a little: a token issued a moment "later" by another instance is fine.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const byte Version = 1;

    private const int Length = 1 + 16 + 16 + 8 + 32;

    private readonly IDataProtector protector = dataProtection.CreateProtector("ServiceRecovery.Feedback.CardForm.v1");

    /// <summary>A card form as the server issued it.</summary>
    public sealed record Form(Guid PracticeId, Guid IdempotencyKey, DateTimeOffset IssuedAt);

    /// <summary>A token for the form about to be rendered with <paramref name="antiforgeryToken"/>.</summary>
    public string Issue(Guid practiceId, Guid idempotencyKey, string antiforgeryToken)
    {
        var payload = new byte[Length];
        payload[0] = Version;
        practiceId.TryWriteBytes(payload.AsSpan(1, 16));
        idempotencyKey.TryWriteBytes(payload.AsSpan(17, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(33, 8), clock.GetUtcNow().UtcTicks);
        Fingerprint(antiforgeryToken).CopyTo(payload.AsSpan(41));
        return WebEncoders.Base64UrlEncode(protector.Protect(payload));
    }

    /// <summary>
    /// The form the token was issued for, when it is genuine, unexpired, of this practice and posted with the
    /// antiforgery token it was rendered with; otherwise null (absent, forged, altered, expired, or moved to
    /// another practice's card or another form).
    /// </summary>
    public Form? Read(string? token, Guid practiceId, string? antiforgeryToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || string.IsNullOrEmpty(antiforgeryToken))
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        if (payload.Length != Length || payload[0] != Version)
        {
            return null;
        }

        var form = new Form(
            new Guid(payload.AsSpan(1, 16)),
            new Guid(payload.AsSpan(17, 16)),
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(33, 8)), TimeSpan.Zero));
        var age = clock.GetUtcNow() - form.IssuedAt;
        var sameForm = CryptographicOperations.FixedTimeEquals(payload.AsSpan(41), Fingerprint(antiforgeryToken));
        return form.PracticeId == practiceId && sameForm && age >= -ClockSkew && age <= Lifetime ? form : null;
    }

    private static byte[] Fingerprint(string antiforgeryToken) => SHA256.HashData(Encoding.UTF8.GetBytes(antiforgeryToken));
}
