namespace ServiceRecovery.Web.CaseOpening;

/// <summary>
/// Finds the facts the second-failure rule (<see cref="RepeatFailure"/>) needs for a case being opened: the patient's
/// earlier cases in this practice and the practice's managers with their open cases, then lets the domain decide.
/// </summary>
public static class RepeatFailures
{
    /// <summary>The most earlier cases read: a patient with more defects than this within a year is a second failure anyway.</summary>
    private const int EarlierCasesRead = 20;

    /// <remarks>
    /// Reads the named practice only, with the practice filter lifted (the public comment card opens cases too), so
    /// another practice's patient, even with the same PMS id, never counts.
    /// </remarks>
    public static async Task FlagIfSecondFailureAsync(AppDbContext db, Guid practiceId, RecoveryCase opening, Guid? patientId, CancellationToken cancellationToken)
    {
        if (patientId is not { } patient)
        {
            return;
        }

        var occurredAt = opening.DefectOccurredAt;
        var windowStart = RepeatFailure.WindowStart(occurredAt);
        var earlierCases = await (
                from c in db.Cases.IgnoreQueryFilters()
                join d in db.Defects.IgnoreQueryFilters() on c.DefectId equals d.Id
                where c.PracticeId == practiceId && d.PracticeId == practiceId && d.PatientId == patient && c.DefectOccurredAt >= windowStart
                orderby c.DefectOccurredAt descending
                select new RepeatFailure.EarlierCase(c.Id, c.Reference, c.DefectOccurredAt, c.Status, c.OwnerId))
            .Take(EarlierCasesRead)
            .ToListAsync(cancellationToken);
        if (RepeatFailure.EarlierWithin(earlierCases, occurredAt, opening.Id) is not { } earlier)
        {
            return;
        }

        var managers = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                where m.PracticeId == practiceId && u.IsActive && (m.Role == StaffRole.PracticeManager || m.Role == StaffRole.Administrator)
                select new RepeatFailure.Manager(u.Id, u.DisplayName, m.Role,
                    db.Cases.IgnoreQueryFilters().Count(c => c.PracticeId == practiceId && c.OwnerId == u.Id && c.Status == CaseStatus.Open)))
            .ToListAsync(cancellationToken);
        opening.FlagSecondFailure(earlier, RepeatFailure.ChooseManager(earlier.OwnerId, managers), opening.OpenedAt);
    }
}
