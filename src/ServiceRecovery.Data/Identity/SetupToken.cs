namespace ServiceRecovery.Data;

/// <summary>
/// The one-time link that lets the first administrator set up an empty install. One row at most (<see cref="TheOne"/>):
/// each unclaimed start replaces it, so only the newest printed link works. Only the SHA-256 of the token is kept.
/// </summary>
public sealed class SetupToken
{
    public const int TheOne = 1;

    public int Id { get; set; } = TheOne;

    /// <summary>Upper-case hex SHA-256 of the token's text.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set, in the same transaction as the first administrator, when setup succeeds; never cleared.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Concurrency token: two setup posts at once (even on two instances) cannot both claim it.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
