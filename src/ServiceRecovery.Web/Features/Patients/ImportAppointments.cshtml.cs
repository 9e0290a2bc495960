using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Settings;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Import appointments from a CSV file, beside the patient import and in the same steps: upload, choose the columns,
/// preview, import. The upload is named by its id, never by anything of a patient's.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
[RequestSizeLimit(ImportModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportModel.MaxRequestBytes)]
[RefuseLargeUploads]
public sealed class ImportAppointmentsModel(IMediator mediator, IServiceScopeFactory scopes) : AppPageModel
{
    public const string Path = "/patients/import/appointments";

    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    [BindProperty(SupportsGet = true, Name = "upload")]
    public Guid? UploadId { get; set; }

    [BindProperty]
    public AppointmentColumnMapping Mapping { get; set; } = new();

    public PracticeSettings.View Practice { get; private set; } = null!;

    public ImportAppointments.ColumnsView? Columns { get; private set; }

    /// <summary>What the preview says would happen.</summary>
    public AppointmentImporter.Outcome? Outcome { get; private set; }

    /// <summary>What the import did.</summary>
    public AppointmentImporter.Outcome? Imported { get; private set; }

    public bool UploadGone { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (UploadId is { } uploadId)
        {
            Columns = await mediator.Send(new ImportAppointments.Columns(Practice.Practice.Id, uploadId), cancellationToken);
            UploadGone = Columns is null;
            Mapping = Columns?.Guess ?? new AppointmentColumnMapping();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        var file = Request.HasFormContentType ? Request.Form.Files.GetFile("File") : null;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", file is null ? "Choose the CSV file of appointments exported from your practice-management system." : "The file is empty: export the appointments again, with a header row and a row per appointment.");
            return Page();
        }

        if (file.Length > PatientImportUpload.MaxBytes)
        {
            ModelState.AddModelError("File", $"The file is larger than {PatientImportUpload.MaxBytes / 1024 / 1024} MB, so it was not read. Export only the four columns, or the appointments in parts.");
            return Page();
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var result = await mediator.Send(new ImportPatients.Upload(Practice.Practice.Id, content), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            return Page();
        }

        return Redirect($"{Path}?practice={Practice.Practice.Id}&upload={result.Value}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        var preview = await mediator.Send(new ImportAppointments.Preview(Practice.Practice.Id, UploadId ?? Guid.Empty, ModelState.IsValid ? Mapping : new AppointmentColumnMapping()), cancellationToken);
        if (preview is null)
        {
            UploadGone = true;
            return Page();
        }

        Columns = preview.Columns;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        ShowErrors(preview.Errors, nameof(Mapping));
        Outcome = preview.Outcome;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await OnPostPreviewAsync(cancellationToken);
        }

        var uploadId = UploadId ?? Guid.Empty;
        var file = await mediator.Send(new ImportAppointments.File(Practice.Practice.Id, uploadId), cancellationToken);
        if (file is null)
        {
            UploadGone = true;
            return Page();
        }

        var errors = Mapping.Check(file.Headings.Count);
        if (errors.Count > 0)
        {
            ShowErrors(errors, nameof(Mapping));
            Columns = new ImportAppointments.ColumnsView(uploadId, file.Headings, Mapping);
            return Page();
        }

        Imported = await new AppointmentImporter(scopes).ImportAsync(Practice.Practice.Id, file.Content, Mapping, file.Locale, cancellationToken);
        await mediator.Send(new ImportAppointments.Finish(Practice.Practice.Id, uploadId, Imported), cancellationToken);
        return Page();
    }

    private async Task<bool> LoadPracticeAsync(CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new PracticeSettings.Query(PracticeId), cancellationToken);
        if (view is null)
        {
            return false;
        }

        Practice = view;
        return true;
    }
}
