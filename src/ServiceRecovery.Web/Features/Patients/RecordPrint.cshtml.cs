using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// The right-of-access copy a patient can read: the same gathering as the JSON file (<see cref="PatientExport.GatherAsync"/>),
/// written out in plain words for printing. A manager of the patient's practice only, audited like the file, never cached;
/// the patient is named by id only in the URL.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class RecordPrintModel(PatientExport export) : AppPageModel
{
    public static string Path(Guid patientId) => $"/patients/{patientId}/export/print";

    public PatientExport.Everything Held { get; private set; } = null!;

    public PracticeLocale Locale => Held.Practice.Locale;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (await export.GatherAsync(id, PatientExport.Format.PrintableCopy, cancellationToken) is not { } held)
        {
            return NotFound();
        }

        Held = held;
        return Page();
    }

    /// <summary>A date at the practice, written the practice's way.</summary>
    public string Day(DateTimeOffset utc) => Locale.ToLocal(utc).ToString("d MMMM yyyy", Locale.CultureInfo);

    public string Day(DateOnly day) => day.ToString("d MMMM yyyy", Locale.CultureInfo);

    public static string Score(int? score) => score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not answered";
}
