namespace ServiceRecovery.Domain.Tests.Patients;

public class PatientPhoneTests
{
    private static readonly Guid PracticeId = Guid.CreateVersion7();

    [Theory]
    [InlineData("0412 345 678")]
    [InlineData("+61 412 345 678")]
    [InlineData("61412345678")]
    [InlineData("(04) 1234-5678")]
    public void The_ways_of_writing_one_australian_mobile_are_one_number(string typed)
    {
        PatientPhone.TryNormalise(typed, "AU", out var e164).ShouldBeTrue();
        e164.ShouldBe("+61412345678");
        Patient.Create(PracticeId, "Pat Jones", typed, null, null, DateTimeOffset.UnixEpoch, "AU").PhoneE164.ShouldBe("+61412345678");
    }

    [Theory]
    [InlineData("en-AU", "AU")]
    [InlineData("en-NZ", "NZ")]
    [InlineData("en-GB", "GB")]
    [InlineData("en", "US")]
    [InlineData("not-a-culture", "AU")]
    public void The_practice_country_comes_from_its_culture(string culture, string region)
    {
        PatientPhone.RegionOf(culture).ShouldBe(region);
    }

    [Fact]
    public void A_number_is_read_for_the_practice_country()
    {
        PatientPhone.TryNormalise("07911 123456", "GB", out var uk).ShouldBeTrue();
        uk.ShouldBe("+447911123456");
        PatientPhone.TryNormalise("+44 7911 123456", "AU", out var fromAbroad).ShouldBeTrue();
        fromAbroad.ShouldBe("+447911123456");
    }

    [Theory]
    [InlineData("0412 345")]
    [InlineData("1234567890123456")]
    [InlineData("=1+2")]
    [InlineData("0412 345 678 ext")]
    public void A_number_that_cannot_be_dialled_is_refused_with_a_message_naming_the_field(string typed)
    {
        PatientPhone.TryNormalise(typed, "AU", out _).ShouldBeFalse();

        var refusal = Should.Throw<DomainRuleException>(() => Patient.Create(PracticeId, "Pat Jones", typed, null, null, DateTimeOffset.UnixEpoch, "AU"));

        refusal.Message.ShouldStartWith("Phone is not a phone number that can be dialled from Australia");
        refusal.Message.ShouldNotContain(typed);
    }

    [Fact]
    public void The_same_number_written_differently_is_no_change_and_a_new_one_is()
    {
        var patient = Patient.Create(PracticeId, "Pat Jones", "0412 345 678", "pat@example.com", "PMS-1", DateTimeOffset.UnixEpoch, "AU");

        patient.UpdateFromPms("Pat Jones", "+61412345678", null, "PAT@example.com", "AU", DateTimeOffset.UnixEpoch).ShouldBeFalse();
        patient.Phone.ShouldBe("0412 345 678");

        patient.UpdateFromPms("Pat Jones", "0412 999 888", "02 9876 5432", null, "AU", DateTimeOffset.UnixEpoch).ShouldBeTrue();
        patient.PhoneE164.ShouldBe("+61412999888");
        patient.OtherPhoneE164.ShouldBe("+61298765432");
        patient.Email.ShouldBe("pat@example.com");
    }
}
