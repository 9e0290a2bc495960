namespace ServiceRecovery.Domain.Tests.Patients;

/// <summary>The contact rules of every way a case is opened: one home, the words of whoever opens it, beside its field.</summary>
public class PatientContactTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PracticeId = Guid.CreateVersion7();

    [Fact]
    public void A_new_patient_with_a_name_and_a_phone_number_becomes_a_patient_of_the_practice()
    {
        var patient = new PatientContact("Pat Jones", "0412 345 678", null, "PMS-7").ToPatient(PracticeId, "AU", Now, ContactWording.Staff);

        (patient.PracticeId, patient.DisplayName, patient.PhoneE164, patient.ExternalId).ShouldBe((PracticeId, "Pat Jones", "+61412345678", "PMS-7"));
    }

    [Fact]
    public void A_patient_with_an_email_address_and_no_phone_can_be_reached()
    {
        var patient = new PatientContact("Pat Jones", null, "pat@example.com").ToPatient(PracticeId, "AU", Now, ContactWording.Patient);

        patient.Email.ShouldBe("pat@example.com");
    }

    [Fact]
    public void Staff_are_told_beside_the_patients_phone_that_a_phone_or_an_email_is_needed()
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            new PatientContact("Pat Jones", " ", "").ToPatient(PracticeId, "AU", Now, ContactWording.Staff));

        (refusal.Field, refusal.Message).ShouldBe(("PatientPhone", "Enter a phone number or an email address so we can reach the patient."));
    }

    [Fact]
    public void The_card_asks_the_patient_beside_their_phone_for_a_phone_or_an_email()
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            new PatientContact("Pat Jones", null, null).ToPatient(PracticeId, "AU", Now, ContactWording.Patient));

        (refusal.Field, refusal.Message).ShouldBe(("Phone", "Give a phone number or an email address so we can reach you, or choose “No, thank you”."));
    }

    [Fact]
    public void A_new_patient_needs_a_name_in_the_words_of_whoever_opens_the_case()
    {
        var staff = Should.Throw<DomainRuleException>(() =>
            new PatientContact("  ", "0412 345 678", null).ToPatient(PracticeId, "AU", Now, ContactWording.Staff));
        var card = Should.Throw<DomainRuleException>(() =>
            new PatientContact(null, "0412 345 678", null).ToPatient(PracticeId, "AU", Now, ContactWording.Patient));

        (staff.Field, staff.Message).ShouldBe(("PatientName", "Enter the patient's name."));
        (card.Field, card.Message).ShouldBe(("Name", "Tell us your name, so we know who to contact."));
    }

    [Fact]
    public void A_phone_number_that_cannot_be_dialled_from_the_practices_country_is_refused_beside_the_phone_without_repeating_it()
    {
        var refusal = Should.Throw<DomainRuleException>(() =>
            new PatientContact("Pat Jones", "12345", "pat@example.com").ToPatient(PracticeId, "AU", Now, ContactWording.Staff));

        refusal.Field.ShouldBe("PatientPhone");
        refusal.Message.ShouldStartWith("The phone number is not a phone number that can be dialled from Australia");
        refusal.Message.ShouldNotContain("12345");
    }

    [Theory]
    [InlineData("0412 345 678", null, true)]
    [InlineData(null, "pat@example.com", true)]
    [InlineData(" ", "", false)]
    [InlineData(null, null, false)]
    public void A_patient_can_be_reached_with_a_phone_number_or_an_email_address(string? phone, string? email, bool reachable) =>
        PatientContact.IsReachable(phone, email).ShouldBe(reachable);
}
