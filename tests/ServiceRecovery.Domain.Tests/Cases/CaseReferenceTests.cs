using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class CaseReferenceTests
{
    [Theory]
    [InlineData(2026, 42, "SR-2026-0042")]
    [InlineData(2026, 1, "SR-2026-0001")]
    [InlineData(2027, 9999, "SR-2027-9999")]
    [InlineData(2027, 12345, "SR-2027-12345")]
    public void Reference_reads_SR_year_and_a_four_digit_number(int year, int number, string expected)
    {
        new CaseReference(year, number).ToString().ShouldBe(expected);
    }

    [Fact]
    public void An_opened_case_carries_its_readable_reference()
    {
        var recoveryCase = A.Case().WithReference(2026, 42).Build();

        recoveryCase.Reference.ShouldBe("SR-2026-0042");
        recoveryCase.Year.ShouldBe(2026);
        recoveryCase.Number.ShouldBe(42);
    }

    [Theory]
    [InlineData("SR-2026-0042", 2026, 42)]
    [InlineData("sr-2026-0042", 2026, 42)]
    [InlineData("  SR-2026-0042  ", 2026, 42)]
    [InlineData("SR-2026-42", 2026, 42)]
    [InlineData("SR-2000-0001", 2000, 1)]
    [InlineData("SR-9999-12345", 9999, 12345)]
    public void Reference_text_is_read_back(string text, int year, int number)
    {
        CaseReference.TryParse(text, out var reference).ShouldBeTrue();

        reference.ShouldBe(new CaseReference(year, number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("SR")]
    [InlineData("SR-2026")]
    [InlineData("SR-2026-")]
    [InlineData("SR--0042")]
    [InlineData("SR-2026-0042-1")]
    [InlineData("XX-2026-0042")]
    [InlineData("SR2026-0042")]
    [InlineData("SR-1999-0042")]
    [InlineData("SR-10000-0042")]
    [InlineData("SR-2026-0000")]
    [InlineData("SR-2026--42")]
    [InlineData("SR-2026-+42")]
    [InlineData("SR-20x6-0042")]
    [InlineData("SR-2026-00 42")]
    [InlineData("SR-2026-99999999999")]
    public void Text_that_is_not_a_reference_is_rejected(string? text)
    {
        CaseReference.TryParse(text, out var reference).ShouldBeFalse();

        reference.ShouldBe(default);
    }

    [Fact]
    public void A_formatted_reference_parses_back_to_itself()
    {
        var original = new CaseReference(2031, 7);

        CaseReference.TryParse(original.ToString(), out var parsed).ShouldBeTrue();

        parsed.ShouldBe(original);
    }
}
