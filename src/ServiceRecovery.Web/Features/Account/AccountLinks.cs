using Microsoft.Extensions.Options;

using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>How long the single-use links last. Invitations: <c>Account:InvitationHours</c> (48 by default).</summary>
public sealed class AccountLinkOptions : ISettings
{
    public static string Section => "Account";

    public double InvitationHours { get; set; } = 48;

    /// <summary>A reset link works for one hour; the issue fixes it, so it is not a setting.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    /// <summary>At most this many reset emails per account per hour, whoever asks.</summary>
    public int ResetsPerAddressPerHour { get; set; } = 3;

    public TimeSpan InvitationLifetime => TimeSpan.FromHours(InvitationHours > 0 ? InvitationHours : 48);
}

/// <summary>What a token turned out to be, for a clear page in every case.</summary>
public enum LinkState
{
    Usable,
    Unknown,
    Used,
    Revoked,
    Expired,
    AccountDeactivated,
}

/// <summary>
/// The one mechanism for invitation and reset links: a random 256-bit token in the emailed link, its SHA-256 hash in
/// <see cref="AccountToken"/>. Issuing a new link of a kind revokes the person's earlier ones of that kind; using one
/// is a conditional update that only one request can win, so a link works once.
/// </summary>
public sealed class AccountLinks(AppDbContext db, TimeProvider clock, IOptions<AccountLinkOptions> options)
{
    public const int MaxTokenLength = 100;

    public AccountLinkOptions Options => options.Value;

    /// <summary>Adds a new token (saved with the caller's changes) and revokes the open ones of the same kind; returns the token.</summary>
    public async Task<(AccountToken Row, string Token)> IssueAsync(
        string userId, AccountTokenPurpose purpose, Guid? practiceId, string? issuedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await RevokeOpenAsync(userId, purpose, cancellationToken);
        var token = SecretToken.New();
        var row = new AccountToken
        {
            UserId = userId,
            Purpose = purpose,
            TokenHash = SecretToken.Hash(token),
            PracticeId = practiceId,
            IssuedByUserId = issuedBy,
            CreatedAt = now,
            ExpiresAt = now + (purpose == AccountTokenPurpose.Invitation ? Options.InvitationLifetime : AccountLinkOptions.ResetLifetime),
        };
        db.AccountTokens.Add(row);
        return (row, token);
    }

    /// <summary>Marks the person's open links of a kind revoked (tracked, saved with the caller's changes); returns how many.</summary>
    public async Task<int> RevokeOpenAsync(string userId, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.AccountTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null && t.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var row in open)
        {
            row.RevokedAt = now;
        }

        return open.Count(t => t.ExpiresAt > now);
    }

    /// <summary>The token's row and what it is now; any text at all may come in, from a forged or mangled link.</summary>
    public async Task<(AccountToken? Row, ApplicationUser? Account, LinkState State)> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return (null, null, LinkState.Unknown);
        }

        var hash = SecretToken.Hash(token.Trim());
        var row = await db.AccountTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null)
        {
            return (null, null, LinkState.Unknown);
        }

        var account = await db.Users.SingleOrDefaultAsync(u => u.Id == row.UserId, cancellationToken);
        var state = row.UsedAt is not null ? LinkState.Used
            : row.RevokedAt is not null ? LinkState.Revoked
            : row.ExpiresAt <= clock.GetUtcNow() ? LinkState.Expired
            : account is not { IsActive: true } ? LinkState.AccountDeactivated
            : LinkState.Usable;
        return (row, account, state);
    }

    /// <summary>Uses the token: true for exactly one caller, while it is still open and unexpired.</summary>
    public async Task<bool> TryUseAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.AccountTokens
            .Where(t => t.Id == tokenId && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
    }

    /// <summary>Reset links sent to this account in the last hour (the per-address limit).</summary>
    public Task<int> RecentResetsAsync(string userId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(1);
        return db.AccountTokens.CountAsync(t => t.UserId == userId && t.Purpose == AccountTokenPurpose.PasswordReset && t.CreatedAt > since, cancellationToken);
    }

}
