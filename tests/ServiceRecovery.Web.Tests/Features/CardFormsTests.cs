using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using ServiceRecovery.Web.Features.Feedback;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The comment card's form token (<see cref="CardForms"/>): genuine, unexpired, of its practice and its own form.</summary>
public sealed class CardFormsTests
{
    private static readonly Guid Practice = Guid.NewGuid();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private readonly CardForms _forms;

    public CardFormsTests() => _forms = new CardForms(new EphemeralDataProtectionProvider(), _clock);

    [Fact]
    public void A_token_read_back_with_its_own_antiforgery_token_gives_the_key_it_was_issued_with()
    {
        var key = Guid.NewGuid();
        var token = _forms.Issue(Practice, key, "antiforgery-1");

        _forms.Read(token, Practice, "antiforgery-1").ShouldNotBeNull().IdempotencyKey.ShouldBe(key);
        token.ShouldNotContain(key.ToString("N"), Case.Insensitive);
    }

    [Fact]
    public void A_token_is_good_for_four_hours_and_not_a_moment_longer()
    {
        var token = _forms.Issue(Practice, Guid.NewGuid(), "antiforgery-1");

        _clock.Advance(CardForms.Lifetime);
        _forms.Read(token, Practice, "antiforgery-1").ShouldNotBeNull();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _forms.Read(token, Practice, "antiforgery-1").ShouldBeNull();
    }

    [Fact]
    public void Another_practice_another_forms_antiforgery_token_an_altered_or_a_missing_token_is_refused()
    {
        var token = _forms.Issue(Practice, Guid.NewGuid(), "antiforgery-1");

        _forms.Read(token, Guid.NewGuid(), "antiforgery-1").ShouldBeNull();
        _forms.Read(token, Practice, "antiforgery-2").ShouldBeNull();
        _forms.Read(token, Practice, null).ShouldBeNull();
        _forms.Read(token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), Practice, "antiforgery-1").ShouldBeNull();
        _forms.Read("not a token at all!", Practice, "antiforgery-1").ShouldBeNull();
        _forms.Read(null, Practice, "antiforgery-1").ShouldBeNull();
        new CardForms(new EphemeralDataProtectionProvider(), _clock).Read(token, Practice, "antiforgery-1").ShouldBeNull("a token made with other keys is forged");
    }
}
