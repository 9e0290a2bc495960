using ServiceRecovery.Data.ReadModels;

namespace ServiceRecovery.Web.Features.Queue;

public static partial class CaseQueue
{
    /// <summary>
    /// The kept counts (<see cref="QueueCount"/>) answer a filter that chooses only status, practice, step and severity,
    /// for a person who sees every case of their practices: the queue a manager opens. Any other filter (stage, category,
    /// owner, dates, reference, formal complaints) or a front-desk work list is counted from the case rows.
    /// </summary>
    public static bool CanUseKeptCounts(ICurrentUser user, Filter filter) =>
        SeesAllCases(user)
        && filter.StageId is null && filter.CategoryId is null && string.IsNullOrEmpty(filter.Owner)
        && filter.From is null && filter.To is null && !filter.Complaints && string.IsNullOrWhiteSpace(filter.Reference);

    /// <summary>
    /// The total and the facets from the kept cells, a few dozen rows however many cases are open. "Overdue" changes as
    /// time passes without any save, so it cannot be kept: it is counted from the queue index's range of open cases whose
    /// due time has passed, so it costs what is overdue, not what is open.
    /// </summary>
    private static async Task<Counts> KeptCountsAsync(
        AppDbContext db, ICurrentUser user, Filter filter, IQueryable<RecoveryCase> cases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var practiceIds = filter.PracticeId is { } chosen ? [chosen] : user.PracticeIds;
        var kept = db.QueueCounts.AsNoTracking().Where(q => practiceIds.Contains(q.PracticeId) && q.Count != 0);
        if (filter.Status is { } status)
        {
            kept = kept.Where(q => q.Status == status);
        }

        var rows = await kept
            .GroupBy(q => new { q.Step, q.Severity })
            .Select(g => new { g.Key.Step, g.Key.Severity, Count = g.Sum(q => q.Count) })
            .ToListAsync(cancellationToken);
        var cells = rows.Select(r => new CountCell(QueueCount.StepFrom(r.Step), r.Severity, false, r.Count));
        var overdue = filter.Status is null or CaseStatus.Open
            ? await cases.CountAsync(c => c.Status == CaseStatus.Open && c.NextDueAt != null && c.NextDueAt < now, cancellationToken)
            : 0;
        return Counts.Of(cells, filter.Step, filter.Severity) with { Overdue = overdue };
    }
}
