namespace ServiceRecovery.Domain;

/// <summary>
/// How the patient of a new case may be reached, as whoever opened the case gave it. The contact rules of every way a
/// case is opened (the log form, the comment card, the API) live here, once: a name, a phone number or an email
/// address, and a phone number that can be dialled from the practice's country. Each refusal names its field.
/// </summary>
public sealed record PatientContact(string? Name, string? Phone, string? Email, string? PmsId = null)
{
    /// <summary>A patient the practice can reach: a phone number or an email address, at least.</summary>
    public static bool IsReachable(string? phone, string? email) => !string.IsNullOrWhiteSpace(phone) || !string.IsNullOrWhiteSpace(email);

    /// <summary>A new patient of the practice, or a refusal in the words of whoever opened the case (never with the details themselves).</summary>
    /// <param name="phoneRegion">The practice's country (<see cref="PatientPhone.RegionOf"/>), for numbers typed without a country code.</param>
    public Patient ToPatient(Guid practiceId, string phoneRegion, DateTimeOffset now, ContactWording wording)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw DomainRuleException.For(wording.NameField, wording.NameRequired);
        }

        if (!IsReachable(Phone, Email))
        {
            throw DomainRuleException.For(wording.PhoneField, wording.NeedsAWayToReach);
        }

        if (!PatientPhone.TryNormalise(Phone, phoneRegion, out _))
        {
            throw DomainRuleException.For(wording.PhoneField, PatientPhone.InvalidMessage("The phone number", phoneRegion));
        }

        return Patient.Create(practiceId, Name, Phone, Email, PmsId, now, phoneRegion);
    }
}

/// <summary>
/// The words and form fields of the contact rules for one way of opening a case: staff are told about "the patient",
/// the comment card speaks to the patient. The fields are the property names the form and its command share.
/// </summary>
public sealed record ContactWording(string NameField, string PhoneField, string NameRequired, string NeedsAWayToReach)
{
    /// <summary>Staff logging a defect (the log form, and later the API).</summary>
    public static readonly ContactWording Staff = new(
        "PatientName",
        "PatientPhone",
        "Enter the patient's name.",
        "Enter a phone number or an email address so we can reach the patient.");

    /// <summary>The patient on the public comment card.</summary>
    public static readonly ContactWording Patient = new(
        "Name",
        "Phone",
        "Tell us your name, so we know who to contact.",
        "Give a phone number or an email address so we can reach you, or choose “No, thank you”.");
}
