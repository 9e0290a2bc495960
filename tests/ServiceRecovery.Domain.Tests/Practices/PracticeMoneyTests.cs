namespace ServiceRecovery.Domain.Tests.Practices;

/// <summary>Money is written in the practice's currency, the practice's culture's way, whatever the two are.</summary>
public sealed class PracticeMoneyTests
{
    [Fact]
    public void A_practice_in_its_own_countrys_currency_writes_money_as_its_culture_does()
    {
        new PracticeLocale("Australia/Sydney", "en-AU", "AUD").Money(12.5m).ShouldBe("$12.50");
        new PracticeLocale("Europe/London", "en-GB", "GBP").Money(12.5m).ShouldBe("£12.50");
    }

    [Fact]
    public void A_practice_whose_currency_is_not_its_cultures_shows_its_own_currency_not_the_cultures()
    {
        var euro = new PracticeLocale("Europe/Dublin", "en-GB", "EUR").Money(12.5m);
        euro.ShouldContain("€");
        euro.ShouldNotContain("£");
        euro.ShouldContain("12.50");

        var dollars = new PracticeLocale("Australia/Sydney", "en-AU", "USD").Money(12.5m);
        dollars.ShouldNotStartWith("$", customMessage: "US dollars must not read as Australian ones");
        dollars.ShouldContain("12.50");
    }
}
