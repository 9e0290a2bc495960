using System.Security.Cryptography;
using System.Text;

namespace ServiceRecovery.Web.Features.Setup;

/// <summary>
/// The one-time setup token of an empty install. Issued while nobody has an account: 32 random bytes, URL-safe, valid
/// for <see cref="Lifetime"/>; only its SHA-256 is stored. Each unclaimed start replaces the stored one (several
/// instances may share the database: the newest printed link is the one that works). Nothing about it is kept once
/// setup is done except the used row, and nothing answers a token after the first account exists.
/// </summary>
public sealed class SetupTokens(AppDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>43 characters: 32 bytes in URL-safe base64 without padding.</summary>
    public const int TokenLength = SecretToken.Length;

    /// <summary>Whether someone has already set the install up (any account exists, or a token was used).</summary>
    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(cancellationToken) || await db.SetupTokens.AnyAsync(t => t.UsedAt != null, cancellationToken);

    /// <summary>A new token replacing any earlier one, or null when the install is already set up.</summary>
    public async Task<string?> IssueAsync(CancellationToken cancellationToken)
    {
        if (await IsSetUpAsync(cancellationToken))
        {
            return null;
        }

        var token = SecretToken.New();
        var now = clock.GetUtcNow();
        var row = await db.SetupTokens.SingleOrDefaultAsync(t => t.Id == SetupToken.TheOne, cancellationToken);
        if (row is null)
        {
            row = new SetupToken();
            db.SetupTokens.Add(row);
        }
        else
        {
            row.Version = Guid.NewGuid();
        }

        row.TokenHash = SecretToken.Hash(token);
        row.IssuedAt = now;
        row.ExpiresAt = now + Lifetime;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The stored token row when <paramref name="token"/> is the current, unexpired, unused one and nobody has an account yet.</summary>
    public async Task<SetupToken?> FindValidAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: TokenLength })
        {
            return null;
        }

        var row = await db.SetupTokens.SingleOrDefaultAsync(t => t.Id == SetupToken.TheOne, cancellationToken);
        var offered = Encoding.ASCII.GetBytes(SecretToken.Hash(token));
        if (row is null || row.UsedAt is not null || row.ExpiresAt <= clock.GetUtcNow()
            || !CryptographicOperations.FixedTimeEquals(offered, Encoding.ASCII.GetBytes(row.TokenHash)))
        {
            return null;
        }

        return await db.Users.AnyAsync(cancellationToken) ? null : row;
    }
}
