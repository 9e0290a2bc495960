using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Patients;

public class PatientTests
{
    private static readonly Guid PracticeId = Guid.CreateVersion7();

    private static Patient Create(string name = "Pat Jones", string? phone = null, string? email = null, string? externalId = null) =>
        Patient.Create(PracticeId, name, phone, email, externalId, A.Now, "AU");

    [Fact]
    public void A_patient_with_only_a_phone_number_can_be_reached()
    {
        var patient = Create(phone: " 0400 123 456 ");

        patient.Phone.ShouldBe("0400 123 456");
        patient.Email.ShouldBeNull();
        patient.PracticeId.ShouldBe(PracticeId);
        patient.CreatedAt.ShouldBe(A.Now);
    }

    [Fact]
    public void A_patient_with_only_an_email_address_can_be_reached()
    {
        var patient = Create(email: "pat@example.com");

        patient.Email.ShouldBe("pat@example.com");
        patient.Phone.ShouldBeNull();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("   ", "  ")]
    public void A_patient_with_neither_phone_nor_email_is_refused(string? phone, string? email)
    {
        Should.Throw<DomainRuleException>(() => Create(phone: phone, email: email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_patient_needs_a_name(string name)
    {
        Should.Throw<DomainRuleException>(() => Create(name: name, phone: "0400 123 456"));
    }

    [Fact]
    public void The_name_is_trimmed_and_may_be_as_long_as_the_limit()
    {
        var longest = new string('n', Limits.Name);

        Create(name: $"  {longest}  ", phone: "0400 123 456").DisplayName.ShouldBe(longest);
    }

    [Fact]
    public void A_name_over_the_limit_is_refused()
    {
        Should.Throw<DomainRuleException>(() => Create(name: new string('n', Limits.Name + 1), phone: "0400 123 456"));
    }

    [Fact]
    public void A_phone_number_over_the_limit_is_refused()
    {
        var spaced = "0412" + new string(' ', Limits.Phone - 10) + "345678";
        Create(phone: spaced).PhoneE164.ShouldBe("+61412345678");
        Should.Throw<DomainRuleException>(() => Create(phone: spaced + "9"));
    }

    [Fact]
    public void An_email_address_over_the_limit_is_refused()
    {
        var domain = "@example.com";
        Should.NotThrow(() => Create(email: new string('e', Limits.Email - domain.Length) + domain));
        Should.Throw<DomainRuleException>(() => Create(email: new string('e', Limits.Email - domain.Length + 1) + domain));
    }

    [Fact]
    public void A_practice_management_id_over_the_limit_is_refused()
    {
        Create(phone: "0400 123 456", externalId: "PMS-1001").ExternalId.ShouldBe("PMS-1001");
        Should.Throw<DomainRuleException>(() => Create(phone: "0400 123 456", externalId: new string('9', Limits.ExternalId + 1)));
    }

    [Fact]
    public void A_blank_practice_management_id_is_kept_as_none()
    {
        Create(phone: "0400 123 456", externalId: "   ").ExternalId.ShouldBeNull();
    }
}
