using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Right of access: everything the app holds about one patient, as one JSON file or as a printable copy (RecordPrint) built from the same gathering. The patient record, and every case
/// of theirs (comment-card cases included) with its defect, timeline, steps, gestures, letters as sent, welcome backs,
/// requests; their surveys with the answers; their appointments. Nothing of another patient. Only a manager (or
/// administrator) of the patient's practice; anyone else is told "not found". Audited with who, when and the patient's
/// id, never the content. After the retention rule the file shows the removed state.
/// </summary>
public sealed class PatientExport(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
    };

    /// <summary>The patient, when this person manages their practice; null otherwise (the page answers 404).</summary>
    public async Task<Patient?> FindAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var managed = user.PracticesWhere(StaffRole.PracticeManager);
        return await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId && managed.Contains(p.PracticeId), cancellationToken);
    }

    /// <summary>The patient's cases, newest first, for the page: reference and status only.</summary>
    public Task<List<CaseLine>> CasesAsync(Patient patient, CancellationToken cancellationToken) =>
        (from d in db.Defects.AsNoTracking()
         join c in db.Cases.AsNoTracking() on d.Id equals c.DefectId
         where d.PatientId == patient.Id && c.PracticeId == patient.PracticeId
         orderby c.OpenedAt descending
         select new CaseLine(c.Id, c.Reference, c.Status, c.OpenedAt)).ToListAsync(cancellationToken);

    public sealed record CaseLine(Guid Id, string Reference, CaseStatus Status, DateTimeOffset OpenedAt);

    /// <summary>The file's name: the patient's id, never their name.</summary>
    public static string FileName(Guid patientId) => $"patient-{patientId:N}.json";

    /// <summary>How the right-of-access copy is given: the JSON file, or the printable page a patient can read. Both are gathered by <see cref="GatherAsync"/>.</summary>
    public enum Format
    {
        JsonFile = 1,
        PrintableCopy = 2,
    }

    /// <summary>Everything held about one patient, gathered once for either format.</summary>
    public sealed record Everything(
        Patient Patient,
        Practice Practice,
        IReadOnlyList<RecoveryCase> Cases,
        IReadOnlyList<RecoverySurvey> Surveys,
        IReadOnlyList<Appointment> Appointments,
        DateTimeOffset ExportedAt)
    {
        /// <summary>The name of the stage of the patient's journey a case was logged at, if it had one.</summary>
        public string? StageOf(RecoveryCase c) => Practice.Stages.FirstOrDefault(s => s.Id == c.StageId)?.Name;
    }

    /// <summary>
    /// Gathers everything held about the patient and records in the audit trail who took it, when, which patient and in
    /// which format (never what it holds).
    /// </summary>
    /// <returns>Everything held, or null when this person may not see the patient (nothing is audited then).</returns>
    public async Task<Everything?> GatherAsync(Guid patientId, Format format, CancellationToken cancellationToken)
    {
        if (await FindAsync(patientId, cancellationToken) is not { } patient)
        {
            return null;
        }

        var practice = await db.Practices.AsNoTracking().Include(p => p.Stages).SingleAsync(p => p.Id == patient.PracticeId, cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.PracticeId == patient.PracticeId && db.Defects.Any(d => d.Id == c.DefectId && d.PatientId == patient.Id))
            .Include(c => c.Defect).Include(c => c.Timeline).Include(c => c.Apologies).Include(c => c.Fixes).Include(c => c.Contacts)
            .Include(c => c.Gestures).Include(c => c.Lessons).Include(c => c.FollowUps).Include(c => c.Returns).Include(c => c.WelcomeBacks)
            .Include(c => c.Skips).Include(c => c.Letters).Include(c => c.Requests)
            .AsSplitQuery()
            .OrderBy(c => c.OpenedAt)
            .ToListAsync(cancellationToken);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.PatientId == patient.Id && s.PracticeId == patient.PracticeId).OrderBy(s => s.IssuedAt).ToListAsync(cancellationToken);
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id && a.PracticeId == patient.PracticeId).OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);

        // Audited with the copy: who (the audit's actor), when, which patient, which format; never what it holds.
        var formatWords = format == Format.PrintableCopy ? "printable copy" : "JSON file";
        audit.Add(AuditKind.PatientExported, patient.PracticeId, string.Create(CultureInfo.InvariantCulture,
            $"Exported everything held about patient {patient.Id} (right of access, {formatWords}): {cases.Count} case(s), {surveys.Count} survey(s), {appointments.Count} appointment(s)"));
        await db.SaveChangesAsync(cancellationToken);
        return new Everything(patient, practice, cases, surveys, appointments, clock.GetUtcNow());
    }

    /// <returns>The file, or null when this person may not see the patient.</returns>
    public async Task<byte[]?> ExportAsync(Guid patientId, CancellationToken cancellationToken)
    {
        if (await GatherAsync(patientId, Format.JsonFile, cancellationToken) is not { } everything)
        {
            return null;
        }

        var (patient, cases) = (everything.Patient, everything.Cases);
        var document = new
        {
            ExportedAt = everything.ExportedAt,
            Practice = everything.Practice.Name,
            Patient = new
            {
                patient.Id,
                Name = patient.DisplayName,
                patient.Phone,
                patient.OtherPhone,
                patient.Email,
                PracticeManagementId = patient.ExternalId,
                patient.CreatedAt,
                patient.UpdatedAt,
                patient.DetailsRemovedAt,
            },
            Cases = cases.Select(c => new
            {
                c.Id,
                c.Reference,
                c.Status,
                c.Severity,
                Stage = everything.StageOf(c),
                c.OpenedAt,
                c.FirstApologyAt,
                c.ResolvedAt,
                c.ClosedAt,
                c.WithdrawnAt,
                c.WithdrawReason,
                c.OwnerName,
                c.Recovered,
                c.FirstReturnOn,
                c.WelcomeBackGesture,
                Defect = new { c.Defect.OccurredAt, c.Defect.Channel, c.Defect.Severity, c.Defect.Description, c.Defect.LoggedByName, c.Defect.LoggedAt },
                Timeline = c.Timeline.OrderBy(e => e.At).Select(e => new { e.At, e.ActorName, e.Kind, e.Step, e.Detail }),
                c.Apologies,
                c.Fixes,
                c.Contacts,
                c.Gestures,
                c.Lessons,
                c.FollowUps,
                c.Returns,
                c.WelcomeBacks,
                c.Skips,
                Letters = c.Letters.Select(l => new { l.RecordedAt, l.RecordedByName, l.Channel, l.Purpose, l.TemplateName, l.TemplateVersion, l.Subject, l.Text }),
                c.Requests,
            }),
            Surveys = everything.Surveys.Select(s => new { s.CaseId, s.IssuedAt, s.ExpiresAt, s.AnsweredAt, s.OutcomeFair, s.EasyAndQuick, s.TreatedWithRespect, s.Recommend, s.Comment }),
            Appointments = everything.Appointments.Select(a => new { PracticeManagementId = a.ExternalId, a.StartsAt, a.Status, a.Source, a.ReceivedAt, a.UpdatedAt }),
        };

        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
