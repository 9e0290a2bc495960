using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>One row of the file, read through the chosen columns and checked as the patient rules would check it.</summary>
public sealed record ImportRow(int Number, string Name, string? Mobile, string? MobileE164, string? OtherPhone, string? OtherPhoneE164, string? Email, string? PmsId)
{
    /// <summary>The row, or why it is refused. The reason names the field, never its value (it is a patient's).</summary>
    public static (ImportRow? Row, string? Refusal) Read(int number, string[] cells, ColumnMapping mapping, string region)
    {
        string? Cell(int? column) => column is { } c && c <= cells.Length && !string.IsNullOrWhiteSpace(cells[c - 1]) ? cells[c - 1].Trim() : null;

        var name = mapping.FullName is not null ? Cell(mapping.FullName) : string.Join(' ', new[] { Cell(mapping.FirstName), Cell(mapping.LastName) }.Where(p => p is not null));
        var mobile = Cell(mapping.Mobile);
        var other = Cell(mapping.OtherPhone);
        var email = Cell(mapping.Email);
        var pmsId = Cell(mapping.PmsId);

        if (string.IsNullOrEmpty(name))
        {
            return (null, "No name.");
        }

        if ((Refusal("Name", name, Limits.Name) ?? Refusal("Email", email, Limits.Email) ?? Refusal("PMS patient id", pmsId, Limits.ExternalId)) is { } reason)
        {
            return (null, reason);
        }

        if (mobile?.Length > Limits.Phone || other?.Length > Limits.Phone)
        {
            return (null, $"A phone number is longer than {Limits.Phone} characters.");
        }

        if (!PatientPhone.TryNormalise(mobile, region, out var mobileE164))
        {
            return (null, PatientPhone.InvalidMessage("Mobile", region));
        }

        if (!PatientPhone.TryNormalise(other, region, out var otherE164))
        {
            return (null, PatientPhone.InvalidMessage("Other phone", region));
        }

        if (email is not null && !LooksLikeEmail(email))
        {
            return (null, "Email is not an email address like name@example.com.");
        }

        if (mobile is null && other is null && email is null)
        {
            return (null, "No phone number or email address, so the practice could not reach the patient.");
        }

        return (new ImportRow(number, name, mobile, mobileE164, other, otherE164, email, pmsId), null);
    }

    /// <summary>
    /// A formula, an over-long or an unprintable value. A value starting with = + - or @ is refused, not stored: a spreadsheet
    /// opening a later export would run it (the export neutralises such values too, but a name that is a formula is not a name).
    /// </summary>
    private static string? Refusal(string field, string? value, int maxLength) => value switch
    {
        null => null,
        { Length: var length } when length > maxLength => $"{field} is longer than {maxLength} characters.",
        [('=' or '+' or '-' or '@'), ..] => $"{field} starts with {value[0]}, which a spreadsheet would run as a formula; correct it in your practice-management system.",
        _ when !FormText.IsPrintable(value) => $"{field} contains characters that cannot be used.",
        _ => null,
    };

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
