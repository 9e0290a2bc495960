namespace ServiceRecovery.Domain.Tests.Practices;

public class PracticeDetailsTests
{
    private static readonly PracticeDetails Good = new("Harbourside Dental", "1 Wharf St\r\nSydney NSW 2000", "Australia/Sydney", "en-AU", "aud", "02 9000 0000", "Harbourside-Dental");

    private static readonly Actor Admin = new("admin-1", "Alex Morgan", StaffRole.Administrator);

    [Fact]
    public void A_practice_made_from_its_details_keeps_the_address_lines_and_phone_with_a_lowercase_address_name_and_uppercase_currency()
    {
        var practice = Practice.CreateWithDefaults(Good);

        practice.Address.ShouldBe("1 Wharf St\nSydney NSW 2000");
        practice.Phone.ShouldBe("02 9000 0000");
        practice.Slug.ShouldBe("harbourside-dental");
        practice.Currency.ShouldBe("AUD");
        practice.Stages.Count.ShouldBe(CxStage.DefaultNames.Count);
        practice.IsArchived.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Slug", "harbour side")]
    [InlineData("Slug", "harbour_side")]
    [InlineData("Slug", "-harbour")]
    [InlineData("Slug", "")]
    [InlineData("TimeZoneId", "Mars/Olympus")]
    [InlineData("Culture", "xx-QQ")]
    [InlineData("Culture", "en")]
    [InlineData("Currency", "ZZZ")]
    [InlineData("Phone", "call me")]
    [InlineData("Name", "  ")]
    public void A_detail_that_breaks_its_rule_is_refused_naming_its_field(string field, string value)
    {
        var details = field switch
        {
            "Slug" => Good with { Slug = value },
            "TimeZoneId" => Good with { TimeZoneId = value },
            "Culture" => Good with { Culture = value },
            "Currency" => Good with { Currency = value },
            "Phone" => Good with { Phone = value },
            _ => Good with { Name = value },
        };

        var refusal = Should.Throw<DomainRuleException>(() => Practice.Create(details));

        refusal.Field.ShouldBe(field);
        refusal.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Changing_the_details_checks_them_as_creating_does()
    {
        var practice = Practice.Create(Good);

        Should.Throw<DomainRuleException>(() => practice.ChangeDetails(practice.Details with { Culture = "not-a-culture" })).Field.ShouldBe("Culture");
        practice.Culture.ShouldBe("en-AU");

        practice.ChangeDetails(practice.Details with { Name = "Harbourside Family Dental", Phone = null });
        practice.Name.ShouldBe("Harbourside Family Dental");
        practice.Phone.ShouldBeNull();
    }

    [Fact]
    public void An_archived_practice_records_who_and_when_and_takes_no_new_defects()
    {
        var practice = Practice.Create(Good);
        var now = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

        practice.Archive(Admin, now);

        practice.ArchivedAt.ShouldBe(now);
        practice.ArchivedBy.ShouldBe("Alex Morgan");
        Should.Throw<DomainRuleException>(practice.EnsureTakesNewDefects).Message.ShouldContain("archived");
    }

    [Fact]
    public void Only_an_administrator_archives_a_practice()
    {
        var practice = Practice.Create(Good);

        Should.Throw<DomainRuleException>(() => practice.Archive(Admin with { Role = StaffRole.PracticeManager }, DateTimeOffset.UnixEpoch));
        practice.IsArchived.ShouldBeFalse();
    }
}
