namespace ServiceRecovery.Domain;

/// <summary>
/// What a key may do: each endpoint of the API names the one scope it needs. A practice gives its PMS bridge only the
/// scopes it uses, so a leaked key that only writes appointments cannot read a case.
/// </summary>
public static class ApiScopes
{
    public const string AppointmentsWrite = "appointments:write";
    public const string PatientsWrite = "patients:write";
    public const string DefectsWrite = "defects:write";
    public const string CasesRead = "cases:read";

    public static IReadOnlyList<string> All { get; } = [AppointmentsWrite, PatientsWrite, DefectsWrite, CasesRead];
}

/// <summary>
/// A key a practice gives its practice-management system (or a small bridge) to call the API as that practice. The secret
/// is shown once, when the key is created; only its hash is kept, with a short prefix people recognise the key by.
/// Revoking is final (a new key is made instead); nothing is deleted.
/// </summary>
public sealed class ApiKey
{
    /// <summary>Every key starts with this, so a key pasted in the wrong place (a log, a chat) is easy to spot and to search for.</summary>
    public const string Marker = "srk_";

    /// <summary>How many characters of the key are kept in the clear to recognise it by: the marker and eight of the secret.</summary>
    public const int PrefixLength = 12;

    /// <summary>Last use is written at most this often per key, so a busy bridge does not turn each call into a write.</summary>
    public static readonly TimeSpan LastUseGranularity = TimeSpan.FromMinutes(1);

    private ApiKey() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The scopes, space-separated in <see cref="ApiScopes.All"/> order.</summary>
    public string Scopes { get; private set; } = "";

    public string Prefix { get; private set; } = "";

    /// <summary><see cref="SecretToken.Hash"/> of the whole key: what a presented key is found by.</summary>
    public string SecretHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    public string? RevokedByName { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public Guid Version { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Allows(string scope) => ScopeList.Contains(scope, StringComparer.Ordinal);

    /// <summary>A new key and its secret, which the caller shows once and never keeps.</summary>
    public static (ApiKey Key, string Secret) Create(Guid practiceId, string name, IEnumerable<string>? scopes, Actor by, DateTimeOffset now)
    {
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager or an administrator can create an API key.");
        }

        var chosen = (scopes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            throw DomainRuleException.For(nameof(Scopes), "Choose at least one thing the key may do.");
        }

        if (chosen.FirstOrDefault(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            throw DomainRuleException.For(nameof(Scopes), $"\"{BoundedText.Fit(unknown, 40)}\" is not a scope of the API; choose from {string.Join(", ", ApiScopes.All)}.");
        }

        var secret = Marker + SecretToken.New();
        var key = new ApiKey
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            Name = Guard.Text(name, "Key name", Limits.Name),
            Scopes = string.Join(' ', ApiScopes.All.Where(chosen.Contains)),
            Prefix = secret[..PrefixLength],
            SecretHash = SecretToken.Hash(secret),
            CreatedAt = now,
            CreatedById = by.UserId,
            CreatedByName = by.Name,
            Version = Guid.NewGuid(),
        };
        return (key, secret);
    }

    public void Revoke(Actor by, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new DomainRuleException("This key is already revoked.");
        }

        RevokedAt = now;
        RevokedById = by.UserId;
        RevokedByName = by.Name;
        Version = Guid.NewGuid();
    }

    /// <summary>The id the key acts under: the author of what it writes, never a person's account.</summary>
    public static string ActorIdOf(Guid keyId) => $"{ActorIdMarker}{keyId:D}";

    public const string ActorIdMarker = "api-key:";

    /// <summary>The key an actor id names, when it is a key's (see <see cref="ActorIdOf"/>); false for a person.</summary>
    public static bool TryKeyIdOf(string? actorId, out Guid keyId)
    {
        keyId = default;
        return actorId is not null && actorId.StartsWith(ActorIdMarker, StringComparison.Ordinal) && Guid.TryParse(actorId.AsSpan(ActorIdMarker.Length), out keyId);
    }

    /// <summary>
    /// The key as the author of what it writes (a case it opens, its first timeline event): named by the name the manager
    /// gave it, so staff read "API key “Reception kiosk”" and know which system it was. It holds the least role.
    /// </summary>
    public Actor AsActor() => new(ActorIdOf(Id), $"API key “{BoundedText.Fit(Name, Limits.Name - 11)}”", StaffRole.FrontDesk);

    /// <summary>Notes a call; false when the last one noted is under <see cref="LastUseGranularity"/> ago (nothing to write).</summary>
    public bool NoteUse(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < LastUseGranularity)
        {
            return false;
        }

        LastUsedAt = now;
        return true;
    }
}
