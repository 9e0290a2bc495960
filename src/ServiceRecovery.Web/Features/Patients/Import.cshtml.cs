using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using ServiceRecovery.Web.Features.Settings;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Import patients from a CSV file: upload, choose the columns, preview, import. Each step names the upload by its id
/// (a random key of the staging row), never by anything of a patient's.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RefuseLargeUploads]
public sealed class ImportModel(IMediator mediator) : AppPageModel
{
    /// <summary>The file and the form around it.</summary>
    public const long MaxRequestBytes = PatientImportUpload.MaxBytes + (64 * 1024);

    public static readonly string TooLargeMessage =
        $"The file is larger than {PatientImportUpload.MaxBytes / 1024 / 1024} MB, so it was not read. Export only the columns you need (names, phones, email, PMS id), or the patients in parts.";

    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    [BindProperty(SupportsGet = true, Name = "upload")]
    public Guid? UploadId { get; set; }

    [BindProperty(SupportsGet = true, Name = "refused")]
    public string? Refused { get; set; }

    [BindProperty]
    public ColumnMapping Mapping { get; set; } = new();

    public PracticeSettings.View Practice { get; private set; } = null!;

    public ImportPatients.ColumnsView? Columns { get; private set; }

    public PatientImporter.Outcome? Outcome { get; private set; }

    /// <summary>The upload is gone: imported already, or kept over a day.</summary>
    public bool UploadGone { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Refused == "size")
        {
            ModelState.AddModelError("File", TooLargeMessage);
        }

        if (UploadId is { } uploadId)
        {
            Columns = await mediator.Send(new ImportPatients.Columns(Practice.Practice.Id, uploadId), cancellationToken);
            UploadGone = Columns is null;
            Mapping = Columns?.Guess ?? new ColumnMapping();
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
            ModelState.AddModelError("File", file is null ? "Choose the CSV file exported from your practice-management system." : "The file is empty: export the patient list again, with a header row and a row per patient.");
            return Page();
        }

        if (file.Length > PatientImportUpload.MaxBytes)
        {
            ModelState.AddModelError("File", TooLargeMessage);
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

        return Redirect($"/patients/import?practice={Practice.Practice.Id}&upload={result.Value}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPracticeAsync(cancellationToken))
        {
            return NotFound();
        }

        var preview = await mediator.Send(new ImportPatients.Preview(Practice.Practice.Id, UploadId ?? Guid.Empty, ModelState.IsValid ? Mapping : new ColumnMapping()), cancellationToken);
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
        if (Outcome is { IsRefused: true })
        {
            ModelState.AddModelError("", ImportPatients.SharedIdsMessage(Outcome));
        }

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

        var result = await mediator.Send(new ImportPatients.Import(Practice.Practice.Id, UploadId ?? Guid.Empty, Mapping), cancellationToken);
        if (result.IsNotFound)
        {
            UploadGone = true;
            return Page();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Mapping));
            Columns = await mediator.Send(new ImportPatients.Columns(Practice.Practice.Id, UploadId ?? Guid.Empty), cancellationToken);
            return Page();
        }

        var o = result.Value!;
        Flash($"Patients imported: {o.Added} added, {o.Updated} updated, {o.Unchanged} unchanged, {o.Duplicates} possible duplicates skipped, {o.Refused} rows refused.");
        return Redirect($"/patients/import?practice={Practice.Practice.Id}");
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

/// <summary>
/// Refuses an upload that says it is larger than the limit before anything reads its body (the form token check would read
/// it all): the person is sent back to the page with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RefuseLargeUploadsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery check (order 1000).</summary>
    public int Order => -1000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength > ImportModel.MaxRequestBytes)
        {
            var practice = Guid.TryParse(request.Query["practice"], out var id) ? $"practice={id}&" : "";
            context.Result = new RedirectResult($"/patients/import?{practice}refused=size");
        }
    }
}
