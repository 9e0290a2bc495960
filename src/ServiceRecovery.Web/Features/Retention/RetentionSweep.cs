using System.Globalization;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Features.Retention;

/// <summary>
/// One run of the retention job: in each practice with a complaint profile, the patients due under
/// <see cref="RetentionRule"/> lose their name and contact details, with the words of their letters, the emails sent to
/// them and their survey comments. Each batch is one transaction: the patients, their cases' "Patient details removed"
/// events and the audit. A patient's <see cref="Patient.DetailsRemovedAt"/> is a concurrency token, so the update is
/// conditional on it still being empty: two instances running at once record a removal once (the loser's batch rolls
/// back and its next run finds nothing more). A practice with no profile is never searched.
/// </summary>
public sealed class RetentionSweep(AppDbContext db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSweep> logger)
{
    public sealed record Result(int Patients, int Cases);

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var practices = await db.Practices.AsNoTracking().Where(p => p.ComplaintProfileId != null).ToListAsync(cancellationToken);
        int patients = 0, cases = 0;
        foreach (var practice in practices)
        {
            if (JurisdictionProfiles.Find(practice.ComplaintProfileId)?.In(practice.HolidayRegion) is not { } profile)
            {
                continue;
            }

            var cutoff = RetentionRule.Cutoff(profile.RetentionYears, practice.Locale, now);
            while (true)
            {
                var due = await DuePatients(practice.Id, cutoff).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
                if (due.Count == 0)
                {
                    break;
                }

                var removed = await RemoveBatchAsync(practice.Id, profile, due, now, cancellationToken);
                if (removed is null)
                {
                    break;
                }

                patients += due.Count;
                cases += removed.Value;
                if (due.Count < options.Value.BatchSize)
                {
                    break;
                }
            }
        }

        if (patients > 0)
        {
            db.Audit.Add(AuditEvent.Record(AuditKind.RetentionRun, null, Actor.RetentionRule.UserId, Actor.RetentionRule.Name,
                string.Create(CultureInfo.InvariantCulture, $"Retention run: details of {patients} patient(s) on {cases} case(s) removed"), null, now));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new Result(patients, cases);
    }

    /// <summary>
    /// The practice's patients due on <paramref name="cutoff"/>: details still kept, at least one case, every case closed or
    /// withdrawn before the cutoff, no appointment and no update of the record since. Uses the (PracticeId, DetailsRemovedAt)
    /// index and the patient keys of defects and appointments.
    /// </summary>
    private IQueryable<Guid> DuePatients(Guid practiceId, DateTimeOffset cutoff) =>
        from p in db.Patients.AsNoTracking()
        where p.PracticeId == practiceId && p.DetailsRemovedAt == null && p.UpdatedAt < cutoff
              && db.Defects.Any(d => d.PatientId == p.Id)
              && !(from d in db.Defects
                   join c in db.Cases on d.Id equals c.DefectId
                   where d.PatientId == p.Id
                         && !((c.Status == CaseStatus.Closed && c.ClosedAt != null && c.ClosedAt < cutoff)
                              || (c.Status == CaseStatus.Withdrawn && c.WithdrawnAt != null && c.WithdrawnAt < cutoff))
                   select c.Id).Any()
              && !db.Appointments.Any(a => a.PatientId == p.Id && a.StartsAt >= cutoff)
        orderby p.Id
        select p.Id;

    /// <returns>The cases recorded, or null when another instance removed one of these patients first.</returns>
    private async Task<int?> RemoveBatchAsync(Guid practiceId, JurisdictionProfile profile, List<Guid> patientIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patients = await db.Patients.Where(p => patientIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var caseIds = await db.Defects.Where(d => d.PatientId != null && patientIds.Contains(d.PatientId.Value))
            .Join(db.Cases, d => d.Id, c => c.DefectId, (d, c) => new { PatientId = d.PatientId!.Value, CaseId = c.Id })
            .ToListAsync(cancellationToken);
        var ids = caseIds.Select(c => c.CaseId).ToList();
        var cases = await db.Cases
            .Include(c => c.Letters)
            .Include(c => c.Timeline.Where(e => e.Kind == TimelineEventKind.PatientDetailsRemoved))
            .Where(c => ids.Contains(c.Id))
            .ToListAsync(cancellationToken);
        var letterEmails = cases.SelectMany(c => c.Letters).Where(l => l.OutboxMessageId != null).Select(l => l.OutboxMessageId!.Value).ToList();
        var surveyKeys = ids.Select(id => $"survey:{id:N}").ToList();
        var emails = await db.Outbox
            .Where(m => m.PracticeId == practiceId && (letterEmails.Contains(m.Id) || (m.Kind == EmailKind.RecoverySurvey && surveyKeys.Contains(m.DedupKey))))
            .ToListAsync(cancellationToken);
        var surveys = await db.Surveys.Where(s => patientIds.Contains(s.PatientId) || ids.Contains(s.CaseId)).ToListAsync(cancellationToken);

        var recorded = 0;
        foreach (var patient in patients)
        {
            patient.RemoveDetails(now);
            var theirs = caseIds.Where(c => c.PatientId == patient.Id).Select(c => c.CaseId).ToHashSet();
            var caseCount = 0;
            foreach (var recoveryCase in cases.Where(c => theirs.Contains(c.Id)))
            {
                if (recoveryCase.RecordPatientDetailsRemoved(profile, now))
                {
                    caseCount++;
                }
            }

            recorded += caseCount;
            db.Audit.Add(AuditEvent.Record(AuditKind.PatientDetailsRemoved, practiceId, Actor.RetentionRule.UserId, Actor.RetentionRule.Name,
                string.Create(CultureInfo.InvariantCulture,
                    $"Patient {patient.Id} details removed under the retention rule ({profile.Id}, {profile.RetentionYears} years): {caseCount} case(s)"),
                null, now));
        }

        foreach (var email in emails)
        {
            email.RemovePatientDetails();
        }

        foreach (var survey in surveys)
        {
            survey.RemoveComment();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Retention: details of {Patients} patient(s) on {Cases} case(s) removed in practice {PracticeId}", patients.Count, recorded, practiceId);
            return recorded;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance removed one of these first, or someone saved one of the cases a moment ago: the next run looks again.
            logger.LogInformation("Retention batch in practice {PracticeId} not saved this time: another save came first", practiceId);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
