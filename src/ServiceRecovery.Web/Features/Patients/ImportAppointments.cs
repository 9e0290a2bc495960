using System.Globalization;
using ServiceRecovery.Web.Features.Appointments;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Appointments from the practice-management system by CSV file, for a PMS without the API: the file is uploaded as the
/// patient import's is (<see cref="ImportPatients.Upload"/>, kept as a <see cref="PatientImportUpload"/>), its columns
/// chosen, previewed (nothing saved), then imported by <see cref="AppointmentImporter"/> through
/// <see cref="RecordAppointments"/>. A manager's, for a practice they manage. Audited with the counts, never the rows.
/// </summary>
public static class ImportAppointments
{
    /// <summary>The file's columns and a first guess; null when the upload is gone.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Columns(Guid PracticeId, Guid UploadId) : IQuery<ColumnsView?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record ColumnsView(Guid UploadId, IReadOnlyList<string> Headings, AppointmentColumnMapping Guess);

    public sealed class ColumnsHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Columns, ColumnsView?>
    {
        public async ValueTask<ColumnsView?> Handle(Columns query, CancellationToken cancellationToken)
        {
            var file = await FileAsync(db, clock, query.PracticeId, query.UploadId, cancellationToken);
            if (file is null)
            {
                return null;
            }

            var header = PatientFile.ReadHeader(file.Content);
            return new ColumnsView(query.UploadId, header.Columns, AppointmentColumnMapping.Guess(header.Columns));
        }
    }

    /// <summary>The upload and the practice's locale, for the import; null when the upload is gone.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record File(Guid PracticeId, Guid UploadId) : IQuery<UploadedFile?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record UploadedFile(byte[] Content, PracticeLocale Locale, IReadOnlyList<string> Headings);

    public sealed class FileHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<File, UploadedFile?>
    {
        public async ValueTask<UploadedFile?> Handle(File query, CancellationToken cancellationToken) =>
            await FileAsync(db, clock, query.PracticeId, query.UploadId, cancellationToken);
    }

    /// <summary>What the import would do with every row, saving nothing: the same checks as <see cref="RecordAppointments"/>, on rows read without tracking.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Preview(Guid PracticeId, Guid UploadId, AppointmentColumnMapping Mapping) : IQuery<PreviewView?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record PreviewView(ColumnsView Columns, IReadOnlyList<FieldError> Errors, AppointmentImporter.Outcome? Outcome);

    public sealed class PreviewHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Preview, PreviewView?>
    {
        public async ValueTask<PreviewView?> Handle(Preview query, CancellationToken cancellationToken)
        {
            var file = await FileAsync(db, clock, query.PracticeId, query.UploadId, cancellationToken);
            if (file is null)
            {
                return null;
            }

            var columns = new ColumnsView(query.UploadId, file.Headings, query.Mapping);
            var errors = query.Mapping.Check(file.Headings.Count);
            if (errors.Count > 0)
            {
                return new PreviewView(columns, errors, null);
            }

            var outcome = new AppointmentImporter.Outcome();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var batch = new List<(int Row, string[] Cells)>(RecordAppointments.MaxItems);
            foreach (var row in PatientFile.Rows(file.Content))
            {
                batch.Add(row);
                if (batch.Count == RecordAppointments.MaxItems)
                {
                    await PreviewBatchAsync(query, file.Locale, batch, seen, outcome, cancellationToken);
                    batch.Clear();
                }
            }

            await PreviewBatchAsync(query, file.Locale, batch, seen, outcome, cancellationToken);
            return new PreviewView(columns, [], outcome);
        }

        private async Task PreviewBatchAsync(Preview query, PracticeLocale locale, List<(int Row, string[] Cells)> rows, Dictionary<string, int> seen,
            AppointmentImporter.Outcome outcome, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var items = rows.Select(r => (r.Row, Read: AppointmentImporter.Read(r.Cells, query.Mapping, locale))).ToList();
            var pmsIds = items.Select(i => i.Read.Item.PmsPatientId).OfType<string>().Distinct().ToList();
            var ids = items.Select(i => i.Read.Item.AppointmentId).OfType<string>().Distinct().ToList();
            var patients = (await db.Patients.AsNoTracking()
                    .Where(p => p.PracticeId == query.PracticeId && p.ExternalId != null && pmsIds.Contains(p.ExternalId))
                    .Select(p => new { p.Id, ExternalId = p.ExternalId! }).ToListAsync(cancellationToken))
                .ToLookup(p => p.ExternalId, p => p.Id, StringComparer.Ordinal);
            // Not tracked: an Update below changes the copy the preview holds, and nothing is saved.
            var known = await db.Appointments.AsNoTracking().Where(a => a.PracticeId == query.PracticeId && ids.Contains(a.ExternalId))
                .ToDictionaryAsync(a => a.ExternalId, StringComparer.Ordinal, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var (row, (item, startRefusal)) in items)
            {
                var (what, reason) = What(row, item, startRefusal, patients, known, seen, query.PracticeId, now);
                outcome.Rows++;
                outcome.Count(what, row, reason);
                if (outcome.Preview.Count < AppointmentImporter.PreviewRows)
                {
                    outcome.Preview.Add(new AppointmentImporter.PreviewRow(row, item.AppointmentId, item.PmsPatientId,
                        item.Start is { } start ? locale.ToLocal(start).ToString("g", locale.CultureInfo) : null, item.Status,
                        what == RecordAppointments.Outcome.Refused ? $"Refused: {reason}" : what.ToString()));
                }
            }
        }

        private static (RecordAppointments.Outcome, string?) What(int row, RecordAppointments.Item item, string? startRefusal, ILookup<string, Guid> patients,
            Dictionary<string, Appointment> known, Dictionary<string, int> seen, Guid practiceId, DateTimeOffset now)
        {
            try
            {
                var id = Appointment.IdOf(item.AppointmentId);
                if (string.IsNullOrEmpty(item.PmsPatientId))
                {
                    return (RecordAppointments.Outcome.Refused, "The PMS patient id is required.");
                }

                if (startRefusal is not null || item.Start is not { } start)
                {
                    return (RecordAppointments.Outcome.Refused, startRefusal ?? "The start is required.");
                }

                var status = AppointmentStatuses.Parse(item.Status);
                if (!seen.TryAdd(id, row))
                {
                    return (RecordAppointments.Outcome.Refused, $"This appointment id is also on row {seen[id]}; each appointment once.");
                }

                var matches = patients[item.PmsPatientId].ToList();
                if (matches.Count != 1)
                {
                    return (RecordAppointments.Outcome.Refused, matches.Count == 0
                        ? $"The practice has no patient with the PMS patient id {PatientFile.Shown(item.PmsPatientId)}; import the patients first."
                        : "Two patients of the practice have this PMS patient id; merge them first.");
                }

                if (known.TryGetValue(id, out var appointment))
                {
                    return (appointment.Update(matches[0], start, status, AppointmentSource.Csv, now) ? RecordAppointments.Outcome.Updated : RecordAppointments.Outcome.Unchanged, null);
                }

                _ = Appointment.Record(practiceId, id, matches[0], start, status, AppointmentSource.Csv, now);
                return (RecordAppointments.Outcome.Added, null);
            }
            catch (DomainRuleException rule)
            {
                return (RecordAppointments.Outcome.Refused, rule.Message);
            }
        }
    }

    /// <summary>After the import: the upload goes (it holds patients' PMS ids), and the audit notes the counts.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Finish(Guid PracticeId, Guid UploadId, AppointmentImporter.Outcome Outcome) : IAppCommand<bool>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class FinishHandler(AppDbContext db, AuditLog audit) : ICommandHandler<Finish, CommandResult<bool>>
    {
        public async ValueTask<CommandResult<bool>> Handle(Finish command, CancellationToken cancellationToken)
        {
            await db.PatientImportUploads.Where(u => u.Id == command.UploadId && u.PracticeId == command.PracticeId).ExecuteDeleteAsync(cancellationToken);
            var o = command.Outcome;
            audit.Add(AuditKind.AppointmentsImported, command.PracticeId, string.Create(CultureInfo.InvariantCulture,
                $"Imported appointments from a CSV file: {o.Rows} rows; {o.Added} added, {o.Updated} updated, {o.Unchanged} unchanged, {o.Refused} refused; {o.ReturnsRecorded} returns recorded"));
            return CommandResult<bool>.Ok(true);
        }
    }

    private static async Task<UploadedFile?> FileAsync(AppDbContext db, TimeProvider clock, Guid practiceId, Guid uploadId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - PatientImportUpload.KeptFor;
        var content = await db.PatientImportUploads.AsNoTracking()
            .Where(u => u.Id == uploadId && u.PracticeId == practiceId && u.UploadedAt >= since)
            .Select(u => u.Content)
            .SingleOrDefaultAsync(cancellationToken);
        var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        return content is null || practice is null ? null : new UploadedFile(content, practice.Locale, PatientFile.ReadHeader(content).Columns);
    }
}
