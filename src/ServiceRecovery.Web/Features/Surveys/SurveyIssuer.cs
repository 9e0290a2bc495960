using ServiceRecovery.Web.Email;

namespace ServiceRecovery.Web.Features.Surveys;

/// <summary>
/// A sweep of the notifications service: each resolved (or since closed) case of the last <see cref="LookBackDays"/>
/// days whose patient has an email address and no survey yet gets one, unless that patient had one in the practice's
/// <see cref="Practice.SurveyIntervalDays"/>. The survey, its email in the outbox and the case's "Survey sent" event are
/// saved together; one survey per case (a unique key), so two app instances sweeping at once send one.
/// A case opened from a comment card without consent has no patient, so it never gets one; a withdrawn case is not resolved.
/// </summary>
public sealed class SurveyIssuer(AppDbContext db, TimeProvider clock, EmailLinks links, ILogger<SurveyIssuer> logger)
{
    public const int LookBackDays = 7;

    public const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-LookBackDays);
        var candidates = new List<Candidate>();
        // The per-patient interval is part of the query, one query per interval the practices have set (a handful), so a
        // case whose patient was surveyed lately is never a candidate and cannot hold newer cases back from the batch.
        var intervals = await db.Practices.AsNoTracking().Select(p => p.SurveyIntervalDays).Distinct().ToListAsync(cancellationToken);
        foreach (var interval in intervals)
        {
            var recent = now.AddDays(-interval);
            candidates.AddRange(await (
                    from c in db.Cases.AsNoTracking()
                    join d in db.Defects.AsNoTracking() on c.DefectId equals d.Id
                    join p in db.Patients.AsNoTracking() on d.PatientId equals p.Id
                    join pr in db.Practices.AsNoTracking() on c.PracticeId equals pr.Id
                    where pr.SurveyIntervalDays == interval
                          && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed) && c.ResolvedAt != null && c.ResolvedAt >= since
                          && p.Email != null && p.Email != ""
                          && !db.Surveys.Any(s => s.CaseId == c.Id)
                          && !db.Surveys.Any(s => s.PatientId == p.Id && s.IssuedAt > recent)
                    orderby c.ResolvedAt
                    select new Candidate(c.Id, p.Id, p.Email!, p.DisplayName, pr.Name))
                .Take(BatchSize)
                .ToListAsync(cancellationToken));
        }

        var issued = 0;
        var surveyedNow = new HashSet<Guid>();
        foreach (var candidate in candidates)
        {
            if (!surveyedNow.Add(candidate.PatientId))
            {
                continue;
            }

            var recoveryCase = await db.Cases.SingleAsync(c => c.Id == candidate.CaseId, cancellationToken);
            var token = SecretToken.New();
            var survey = RecoverySurvey.Issue(recoveryCase, candidate.PatientId, token, now);
            recoveryCase.RecordSurveySent(survey, now);
            db.Surveys.Add(survey);
            db.Outbox.Add(SurveyEmails.Invitation(survey, candidate.Email, SurveyEmails.FirstName(candidate.DisplayName), candidate.PracticeName,
                links.Survey(token), now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                issued++;
            }
            catch (DbUpdateException exception) when (UniqueKeyViolation.Is(exception) || exception is DbUpdateConcurrencyException)
            {
                // Another instance sent this case's survey first, or someone saved the case a moment ago: the next run looks again.
                logger.LogInformation("Survey of case {CaseId} not sent this time: {ExceptionType}", candidate.CaseId, exception.GetType().Name);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return issued;
    }

    private sealed record Candidate(Guid CaseId, Guid PatientId, string Email, string DisplayName, string PracticeName);
}
