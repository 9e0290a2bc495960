namespace ServiceRecovery.Data;

/// <summary>
/// A single-use link that lets a person set their password without knowing one: an invitation or a password reset.
/// Only the SHA-256 hash of the token is stored, so the database cannot be read for a working link. Used, revoked and
/// expired tokens are kept (nothing is deleted) and simply stop working.
/// </summary>
public sealed class AccountToken
{
    public const int HashLength = 64;

    public Guid Id { get; set; } = ServiceRecovery.Domain.Ids.New();
    public string UserId { get; set; } = "";
    public AccountTokenPurpose Purpose { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token; unique.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The practice the invitation is for (and whose outbox carries the email).</summary>
    public Guid? PracticeId { get; set; }

    /// <summary>Who issued it: the inviting manager; null for a reset the person asked for.</summary>
    public string? IssuedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum AccountTokenPurpose
{
    Invitation = 1,
    PasswordReset = 2,
}
