using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Api;

/// <summary>An API key: a manager's to give, for named scopes only, its secret never kept, and revoked once.</summary>
public sealed class ApiKeyTests
{
    private static readonly Guid PracticeId = Guid.NewGuid();

    [Fact]
    public void A_new_key_keeps_only_the_hash_and_a_prefix_of_its_secret()
    {
        var (key, secret) = ApiKey.Create(PracticeId, "PMS bridge", [ApiScopes.PatientsWrite], A.Manager, A.Now);

        secret.ShouldStartWith(key.Prefix);
        key.Prefix.Length.ShouldBeLessThan(secret.Length);
        key.SecretHash.ShouldBe(SecretToken.Hash(secret));
        key.SecretHash.ShouldNotContain(secret);
    }

    [Fact]
    public void Front_desk_cannot_create_a_key()
    {
        Should.Throw<DomainRuleException>(() => ApiKey.Create(PracticeId, "PMS bridge", [ApiScopes.PatientsWrite], A.FrontDesk, A.Now));
    }

    [Fact]
    public void A_key_with_no_scope_is_refused_beside_the_scopes()
    {
        var refusal = Should.Throw<DomainRuleException>(() => ApiKey.Create(PracticeId, "PMS bridge", [" "], A.Manager, A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("Scopes", "Choose at least one thing the key may do."));
    }

    [Fact]
    public void A_scope_the_api_does_not_have_is_refused_beside_the_scopes()
    {
        var refusal = Should.Throw<DomainRuleException>(() => ApiKey.Create(PracticeId, "PMS bridge", ["patients:delete"], A.Manager, A.Now));

        refusal.Field.ShouldBe("Scopes");
        refusal.Message.ShouldContain("\"patients:delete\" is not a scope of the API");
    }

    [Fact]
    public void A_key_allows_only_its_own_scopes()
    {
        var (key, _) = ApiKey.Create(PracticeId, "Kiosk", [ApiScopes.DefectsWrite], A.Manager, A.Now);

        key.Allows(ApiScopes.DefectsWrite).ShouldBeTrue();
        key.Allows(ApiScopes.PatientsWrite).ShouldBeFalse();
    }

    [Fact]
    public void A_key_is_revoked_once()
    {
        var (key, _) = ApiKey.Create(PracticeId, "PMS bridge", [ApiScopes.PatientsWrite], A.Manager, A.Now);
        var version = key.Version;

        key.Revoke(A.Manager, A.Now.AddDays(1));

        key.IsRevoked.ShouldBeTrue();
        key.Version.ShouldNotBe(version);
        Should.Throw<DomainRuleException>(() => key.Revoke(A.Manager, A.Now.AddDays(2))).Message.ShouldBe("This key is already revoked.");
    }

    [Fact]
    public void Use_is_noted_at_most_once_a_minute()
    {
        var (key, _) = ApiKey.Create(PracticeId, "PMS bridge", [ApiScopes.PatientsWrite], A.Manager, A.Now);

        key.NoteUse(A.Now).ShouldBeTrue();
        key.NoteUse(A.Now.AddSeconds(30)).ShouldBeFalse();
        key.NoteUse(A.Now.AddMinutes(1)).ShouldBeTrue();
        key.LastUsedAt.ShouldBe(A.Now.AddMinutes(1));
    }
}
