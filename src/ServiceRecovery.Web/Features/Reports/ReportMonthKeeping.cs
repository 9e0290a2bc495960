using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Web.Infrastructure.ReadModels;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Marks the kept report months (<see cref="ReportMonth"/>) a save changes, in the save's transaction
/// (<see cref="KeptReadModels"/>): the month of each case added or changed, before and after the change, and of the case
/// of each record saved without it (a gesture, a link to an improvement); every month of a practice whose time zone
/// changed. A marked month is read from the case rows until <see cref="ReportMonthKeeper"/> has counted it again.
/// </summary>
public sealed class ReportMonthKeeping : IKeptReadModel
{
    /// <summary>What one save marks: months of practices, cases found by id only, practices whose months all moved.</summary>
    private sealed record Marks(HashSet<(Guid PracticeId, DateOnly Month)> Months, HashSet<Guid> CaseIds, HashSet<Guid> Practices);

    // The months are the practice's, but a save does not read its time zone: no zone is more than 12 hours behind UTC or
    // 14 hours ahead, so the defect's month at the practice is the month of one of those two instants, and both are marked.
    private static readonly TimeSpan Behind = TimeSpan.FromHours(-12);
    private static readonly TimeSpan Ahead = TimeSpan.FromHours(14);

    public object? Collect(DbContext context)
    {
        var marks = new Marks([], [], []);
        var cases = new HashSet<Guid>();
        foreach (var entry in context.ChangeTracker.Entries<RecoveryCase>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                cases.Add(entry.Entity.Id);
                if (entry.State != EntityState.Added)
                {
                    Mark(marks, entry.Property(c => c.PracticeId).OriginalValue, entry.Property(c => c.DefectOccurredAt).OriginalValue);
                }

                if (entry.State != EntityState.Deleted)
                {
                    Mark(marks, entry.Entity.PracticeId, entry.Entity.DefectOccurredAt);
                }
            }
        }

        foreach (var entry in context.ChangeTracker.Entries<CaseRecord>())
        {
            if ((entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && !cases.Contains(entry.Entity.CaseId))
            {
                marks.CaseIds.Add(entry.Entity.CaseId);
            }
        }

        foreach (var entry in context.ChangeTracker.Entries<Practice>())
        {
            if (entry.State == EntityState.Modified && entry.Property(p => p.TimeZoneId).IsModified
                && entry.Property(p => p.TimeZoneId).OriginalValue != entry.Entity.TimeZoneId)
            {
                marks.Practices.Add(entry.Entity.Id);
            }
        }

        return marks.Months.Count + marks.CaseIds.Count + marks.Practices.Count > 0 ? marks : null;
    }

    public async Task ApplyAsync(DbContext context, object work, CancellationToken cancellationToken)
    {
        var marks = (Marks)work;
        if (marks.CaseIds.Count > 0)
        {
            var ids = marks.CaseIds.ToList();
            var found = await context.Set<RecoveryCase>().IgnoreQueryFilters().AsNoTracking()
                .Where(c => ids.Contains(c.Id)).Select(c => new { c.PracticeId, c.DefectOccurredAt })
                .ToListAsync(cancellationToken);
            foreach (var one in found)
            {
                Mark(marks, one.PracticeId, one.DefectOccurredAt);
            }
        }

        await MarkAsync(context, marks.Months, cancellationToken);

        foreach (var practiceId in marks.Practices)
        {
            await context.Database.ExecuteSqlRawAsync(ReportMonthSql.MarkPractice, [practiceId], cancellationToken);
        }
    }

    /// <summary>Adds one to the changes of each month, making its row if it has none.</summary>
    public static async Task MarkAsync(DbContext context, IEnumerable<(Guid PracticeId, DateOnly Month)> months, CancellationToken cancellationToken)
    {
        var sql = ReportMonthSql.Mark(ReadModelSql.ProviderOf(context));
        foreach (var (practiceId, month) in months)
        {
            await context.Database.ExecuteSqlRawAsync(sql, [practiceId, month], cancellationToken);
        }
    }

    /// <summary>The months a defect at this instant may fall in at its practice, whatever the practice's time zone.</summary>
    public static IEnumerable<DateOnly> MonthsOf(DateTimeOffset occurredAt) =>
        new[] { occurredAt + Behind, occurredAt + Ahead }.Select(t => ReportPeriod.FirstOfMonth(DateOnly.FromDateTime(t.UtcDateTime))).Distinct();

    private static void Mark(Marks marks, Guid practiceId, DateTimeOffset occurredAt)
    {
        foreach (var month in MonthsOf(occurredAt))
        {
            marks.Months.Add((practiceId, month));
        }
    }
}
