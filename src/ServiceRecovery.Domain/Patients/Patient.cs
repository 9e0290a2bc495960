namespace ServiceRecovery.Domain;

/// <summary>
/// Only what recovery needs: a display name and how to reach the patient. Nothing clinical.
/// These details are personal health information: never log them or put them in a URL.
/// </summary>
public sealed class Patient
{
    private Patient() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    /// <summary>The phone number's digits alone, so "0412 345 678" and "0412345678" find the same patient.</summary>
    public string? PhoneDigits { get; private set; }

    /// <summary>The patient's identifier in the practice-management system, when staff know it.</summary>
    public string? ExternalId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Patient Create(Guid practiceId, string displayName, string? phone, string? email, string? externalId, DateTimeOffset now)
    {
        var patient = new Patient
        {
            Id = Guid.CreateVersion7(),
            PracticeId = practiceId,
            DisplayName = Guard.Text(displayName, "Patient name", Limits.Name),
            Phone = Guard.OptionalText(phone, "Phone", Limits.Phone),
            Email = Guard.OptionalText(email, "Email", Limits.Email),
            ExternalId = Guard.OptionalText(externalId, "Practice-management id", Limits.ExternalId),
            CreatedAt = now,
        };
        patient.PhoneDigits = DigitsOf(patient.Phone);
        if (patient.Phone is null && patient.Email is null)
        {
            throw new DomainRuleException("Give a phone number or an email address so the practice can reach the patient.");
        }

        return patient;
    }

    public static string? DigitsOf(string? phone)
    {
        var digits = phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}
