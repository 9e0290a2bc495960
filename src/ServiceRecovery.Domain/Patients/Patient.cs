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

    /// <summary>The mobile (or only) number, as it was typed.</summary>
    public string? Phone { get; private set; }

    /// <summary>Another number (home, work) from the practice-management system.</summary>
    public string? OtherPhone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>
    /// <see cref="Phone"/> in E.164 form for the practice's country (<see cref="PatientPhone"/>), so "0412 345 678" and
    /// "+61 412 345 678" find the same patient.
    /// </summary>
    public string? PhoneE164 { get; private set; }

    /// <summary><see cref="OtherPhone"/> in E.164 form.</summary>
    public string? OtherPhoneE164 { get; private set; }

    /// <summary>The patient's identifier in the practice-management system (the PMS id), when known.</summary>
    public string? ExternalId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the details last changed (created, or updated from the practice-management system): the retention rule counts from it.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the retention rule removed the name and contact details (<see cref="RemoveDetails"/>); null while they are kept.</summary>
    public DateTimeOffset? DetailsRemovedAt { get; private set; }

    public bool DetailsRemoved => DetailsRemovedAt is not null;

    /// <param name="phoneRegion">The practice's country (<see cref="PatientPhone.RegionOf"/>), for numbers typed without a country code.</param>
    /// <summary>The first word of the name the practice keeps, for a greeting; empty when there is no name.</summary>
    public static string FirstNameOf(string? displayName) =>
        (displayName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    public static Patient Create(Guid practiceId, string displayName, string? phone, string? email, string? externalId, DateTimeOffset now,
        string phoneRegion, string? otherPhone = null)
    {
        var patient = new Patient
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            DisplayName = Guard.Text(displayName, "Patient name", Limits.Name),
            Email = Guard.OptionalText(email, "Email", Limits.Email),
            ExternalId = Guard.OptionalText(externalId, "Practice-management id", Limits.ExternalId),
            CreatedAt = now,
            UpdatedAt = now,
        };
        patient.SetPhone(phone, phoneRegion);
        patient.SetOtherPhone(otherPhone, phoneRegion);
        if (patient.Phone is null && patient.OtherPhone is null && patient.Email is null)
        {
            throw new DomainRuleException("Give a phone number or an email address so the practice can reach the patient.");
        }

        return patient;
    }

    /// <summary>
    /// The details the practice-management system now holds. A value left out (null or blank) keeps what we have: an import
    /// never erases a way to reach the patient. A number that is the same number written differently is no change.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool UpdateFromPms(string? displayName, string? phone, string? otherPhone, string? email, string phoneRegion, DateTimeOffset now)
    {
        if (DetailsRemoved)
        {
            // Removed under the retention rule: nothing brings the details back to this record.
            return false;
        }

        var changed = false;
        if (Guard.OptionalText(displayName, "Patient name", Limits.Name) is { } name && name != DisplayName)
        {
            DisplayName = name;
            changed = true;
        }

        if (!string.IsNullOrWhiteSpace(phone) && PatientPhone.Normalise(phone, phoneRegion, "Mobile") != PhoneE164)
        {
            SetPhone(phone, phoneRegion);
            changed = true;
        }

        if (!string.IsNullOrWhiteSpace(otherPhone) && PatientPhone.Normalise(otherPhone, phoneRegion, "Other phone") != OtherPhoneE164)
        {
            SetOtherPhone(otherPhone, phoneRegion);
            changed = true;
        }

        if (Guard.OptionalText(email, "Email", Limits.Email) is { } address && !string.Equals(address, Email, StringComparison.OrdinalIgnoreCase))
        {
            Email = address;
            changed = true;
        }

        if (changed)
        {
            UpdatedAt = now;
        }

        return changed;
    }

    /// <summary>
    /// The one exception to "nothing is deleted": the retention rule (<see cref="RetentionRule"/>) removes the name and every
    /// way to reach or identify the patient, the practice-management id included (it names the person in that system).
    /// The record stays, with a fixed neutral name, so the cases, their steps and figures keep their patient.
    /// </summary>
    /// <returns>Whether anything was removed: false when already removed.</returns>
    public bool RemoveDetails(DateTimeOffset now)
    {
        if (DetailsRemoved)
        {
            return false;
        }

        DisplayName = RetentionRule.RemovedName;
        Phone = null;
        OtherPhone = null;
        PhoneE164 = null;
        OtherPhoneE164 = null;
        Email = null;
        ExternalId = null;
        DetailsRemovedAt = now;
        UpdatedAt = now;
        return true;
    }

    private void SetPhone(string? phone, string region)
    {
        Phone = Guard.OptionalText(phone, "Phone", Limits.Phone);
        PhoneE164 = PatientPhone.Normalise(Phone, region, "Phone");
    }

    private void SetOtherPhone(string? phone, string region)
    {
        OtherPhone = Guard.OptionalText(phone, "Other phone", Limits.Phone);
        OtherPhoneE164 = PatientPhone.Normalise(OtherPhone, region, "Other phone");
    }
}
