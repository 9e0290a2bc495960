using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// A patient's record for a manager: the name (or that the retention rule removed it), their cases, and the right-of-access
/// export. The patient is named by id only; a patient of a practice the person does not manage is "not found".
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class RecordModel(PatientExport export) : AppPageModel
{
    public static string Path(Guid patientId) => $"/patients/{patientId}";

    public Patient Patient { get; private set; } = null!;

    public IReadOnlyList<PatientExport.CaseLine> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await export.FindAsync(id, cancellationToken) is not { } patient)
        {
            return NotFound();
        }

        Patient = patient;
        Cases = await export.CasesAsync(patient, cancellationToken);
        return Page();
    }

    /// <summary>A POST, so the download is never a link to share, prefetch or keep in a history; the id alone is in the URL.</summary>
    public async Task<IActionResult> OnPostExportAsync(Guid id, CancellationToken cancellationToken) =>
        await export.ExportAsync(id, cancellationToken) is { } file
            ? File(file, "application/json", PatientExport.FileName(id))
            : NotFound();
}
