namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Patients from the practice-management system: upload a CSV file (kept as a staging row), choose its columns, preview,
/// import. A manager's, for a practice they manage. Audited with who, when and the counts; never the rows.
/// </summary>
public static class ImportPatients
{
    /// <summary>Keeps the file for the next steps, once it reads as a patient list.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Upload(Guid PracticeId, byte[] Content) : IAppCommand<Guid>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class UploadHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Upload, CommandResult<Guid>>
    {
        public async ValueTask<CommandResult<Guid>> Handle(Upload command, CancellationToken cancellationToken)
        {
            if (!await db.Practices.AnyAsync(p => p.Id == command.PracticeId, cancellationToken))
            {
                return CommandResult<Guid>.NotFound();
            }

            var header = PatientFile.ReadHeader(command.Content);
            if (header.Error is { } error)
            {
                return CommandResult<Guid>.Invalid("File", error);
            }

            var now = clock.GetUtcNow();
            // Files left behind (previewed, never imported) go after a day, whichever practice left them: they hold patient details.
            var expired = now - PatientImportUpload.KeptFor;
            await db.PatientImportUploads.IgnoreQueryFilters().Where(u => u.UploadedAt < expired).ExecuteDeleteAsync(cancellationToken);
            var upload = PatientImportUpload.Create(command.PracticeId, user.UserId!, command.Content, now);
            db.PatientImportUploads.Add(upload);
            return CommandResult<Guid>.Ok(upload.Id);
        }
    }

    /// <summary>The file's columns and a first guess of which holds what; null when the upload is gone (imported, or over a day old).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Columns(Guid PracticeId, Guid UploadId) : IQuery<ColumnsView?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record ColumnsView(Guid UploadId, IReadOnlyList<string> Headings, ColumnMapping Guess);

    public sealed class ColumnsHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Columns, ColumnsView?>
    {
        public async ValueTask<ColumnsView?> Handle(Columns query, CancellationToken cancellationToken)
        {
            var content = await ContentAsync(db, clock, query.PracticeId, query.UploadId, cancellationToken);
            if (content is null)
            {
                return null;
            }

            var header = PatientFile.ReadHeader(content);
            return new ColumnsView(query.UploadId, header.Columns, ColumnMapping.Guess(header.Columns));
        }
    }

    /// <summary>What the import would do, saving nothing.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Preview(Guid PracticeId, Guid UploadId, ColumnMapping Mapping) : IQuery<PreviewView?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record PreviewView(ColumnsView Columns, IReadOnlyList<FieldError> Errors, PatientImporter.Outcome? Outcome);

    public sealed class PreviewHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Preview, PreviewView?>
    {
        public async ValueTask<PreviewView?> Handle(Preview query, CancellationToken cancellationToken)
        {
            var content = await ContentAsync(db, clock, query.PracticeId, query.UploadId, cancellationToken);
            var region = await RegionAsync(db, query.PracticeId, cancellationToken);
            if (content is null || region is null)
            {
                return null;
            }

            var header = PatientFile.ReadHeader(content);
            var columns = new ColumnsView(query.UploadId, header.Columns, query.Mapping);
            var errors = query.Mapping.Check(header.Columns.Count);
            if (errors.Count > 0)
            {
                return new PreviewView(columns, errors, null);
            }

            var outcome = await new PatientImporter(db, clock).RunAsync(query.PracticeId, region, content, query.Mapping, apply: false, cancellationToken);
            return new PreviewView(columns, [], outcome);
        }
    }

    /// <summary>Imports the upload with the chosen columns, in one transaction, and removes the upload.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Import(Guid PracticeId, Guid UploadId, ColumnMapping Mapping) : IAppCommand<PatientImporter.Outcome>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class ImportHandler(AppDbContext db, AuditLog audit, TimeProvider clock) : ICommandHandler<Import, CommandResult<PatientImporter.Outcome>>
    {
        public async ValueTask<CommandResult<PatientImporter.Outcome>> Handle(Import command, CancellationToken cancellationToken)
        {
            var content = await ContentAsync(db, clock, command.PracticeId, command.UploadId, cancellationToken);
            var region = await RegionAsync(db, command.PracticeId, cancellationToken);
            if (content is null || region is null)
            {
                return CommandResult<PatientImporter.Outcome>.NotFound();
            }

            var header = PatientFile.ReadHeader(content);
            var errors = command.Mapping.Check(header.Columns.Count);
            if (errors.Count > 0)
            {
                return CommandResult<PatientImporter.Outcome>.Invalid(errors);
            }

            // Removed first: a second import of the same upload (a double click, another manager) waits for this one and then finds
            // nothing to import. A refusal below rolls the removal back with everything else.
            var removed = await db.PatientImportUploads.Where(u => u.Id == command.UploadId && u.PracticeId == command.PracticeId).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return CommandResult<PatientImporter.Outcome>.NotFound();
            }

            var outcome = await new PatientImporter(db, clock).RunAsync(command.PracticeId, region, content, command.Mapping, apply: true, cancellationToken);
            if (outcome.IsRefused)
            {
                return CommandResult<PatientImporter.Outcome>.Invalid("", SharedIdsMessage(outcome));
            }

            audit.Add(AuditKind.PatientsImported, command.PracticeId,
                $"Imported patients from a CSV file: {outcome.Rows} rows; {outcome.Added} added, {outcome.Updated} updated, {outcome.Unchanged} unchanged, {outcome.Duplicates} possible duplicates skipped, {outcome.Refused} refused");
            return CommandResult<PatientImporter.Outcome>.Ok(outcome);
        }
    }

    public static string SharedIdsMessage(PatientImporter.Outcome outcome) =>
        "Nothing was imported: a PMS patient id must belong to one row, and these are on more than one: "
        + string.Join("; ", outcome.SharedIds.Take(20).Select(s => $"{PatientFile.Shown(s.PmsId)} on rows {string.Join(", ", s.Rows)}"))
        + (outcome.SharedIds.Count > 20 ? $"; and {outcome.SharedIds.Count - 20} more ids" : "")
        + ". Correct the file and upload it again.";

    private static async Task<byte[]?> ContentAsync(AppDbContext db, TimeProvider clock, Guid practiceId, Guid uploadId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - PatientImportUpload.KeptFor;
        return await db.PatientImportUploads.AsNoTracking()
            .Where(u => u.Id == uploadId && u.PracticeId == practiceId && u.UploadedAt >= since)
            .Select(u => u.Content)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<string?> RegionAsync(AppDbContext db, Guid practiceId, CancellationToken cancellationToken) =>
        await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.Culture).SingleOrDefaultAsync(cancellationToken) is { } culture
            ? PatientPhone.RegionOf(culture)
            : null;
}
