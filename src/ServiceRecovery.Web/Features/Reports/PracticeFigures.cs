using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

public sealed record PracticeInfo(Guid Id, string Name, PracticeLocale Locale);

/// <summary>
/// The numbers of one practice for one period, read with a fixed handful of queries however many cases there
/// are. Counts and sums are grouped in the database. Two figures need one small row per case instead:
/// percentiles (neither SQLite nor EF's LINQ has them, and SQL Server's PERCENTILE_CONT is a window function EF
/// cannot express), and the 90-day return window, which counts in the practice's calendar days — a time-zone
/// conversion the database cannot do. Those rows are a few numbers each, never entities, and capped at
/// <see cref="MaxCaseRows"/> per practice; the page says so when a cap was reached.
/// </summary>
public static class PracticeFigures
{
    public const int MaxCaseRows = 20_000;
    public const int MaxRepeats = 50;
    public const int ReturnWindowDays = 90;

    public sealed record Data(
        PracticeInfo Practice,
        IReadOnlyList<NamedCount> Stages,
        IReadOnlyList<NamedCount> Categories,
        IReadOnlyList<CaseTiming> Timings,
        bool TimingsCapped,
        IReadOnlyList<decimal> CostByMonth,
        int CasesWithGesture,
        RecoveryCounts Recovery,
        bool ReturnsCapped,
        IReadOnlyList<RepeatImprovement> Repeats,
        IReadOnlyDictionary<ServiceStep, int> OpenBySteps)
    {
        public int Defects => Stages.Sum(s => s.Count);

        public decimal Cost => CostByMonth.Sum();
    }

    /// <summary>A stage or category and how many defects it had; Position keeps ties in journey order.</summary>
    public sealed record NamedCount(string Name, int Position, int Count);

    /// <summary>One case: the practice-local month its defect happened in, and its times in hours and days.</summary>
    public sealed record CaseTiming(DateOnly Month, double? ApologyHours, double? ResolutionDays);

    public sealed record RecoveryCounts(int RecoveredCases, int OtherCases, int RecoveredReturned, int OtherReturned);

    public sealed record RepeatImprovement(string Title, ImprovementStatus Status, string PracticeName, int Cases);

    /// <summary>A given gesture's cost and when it counted: when a manager approved it, else when it was given.</summary>
    private sealed class GivenGesture
    {
        public DateTimeOffset At { get; init; }
        public decimal Amount { get; init; }
    }

    public static async Task<Data> LoadAsync(AppDbContext db, PracticeInfo practice, ReportPeriod period, CancellationToken cancellationToken)
    {
        var locale = practice.Locale;
        var practiceId = practice.Id;
        var start = locale.FromLocal(period.From.ToDateTime(TimeOnly.MinValue));
        var end = locale.FromLocal(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue));

        // Withdrawn cases were logged in error (a duplicate, the wrong patient): they are not defects.
        // Every figure reads the case rows alone, through the index that holds the period's columns (IX_RecoveryCases_Report).
        var cases = db.Cases.AsNoTracking().Where(c => c.PracticeId == practiceId
            && c.Status != CaseStatus.Withdrawn
            && c.DefectOccurredAt >= start && c.DefectOccurredAt < end);

        // By stage, with the cases that had a gesture or were recovered counted in the same pass.
        var stageRows = await (
                from g in cases.GroupBy(c => c.StageId).Select(g => new
                {
                    StageId = g.Key,
                    Count = g.Count(),
                    WithGesture = g.Count(c => c.HasGivenGesture),
                    Recovered = g.Count(c => c.Recovered),
                })
                join s in db.Stages on g.StageId equals (Guid?)s.Id into found
                from s in found.DefaultIfEmpty()
                select new { Name = s == null ? ServiceDefect.StageNotSure : s.Name, Position = s == null ? int.MaxValue : s.Position, g.Count, g.WithGesture, g.Recovered })
            .ToListAsync(cancellationToken);
        var stages = stageRows.Select(r => new NamedCount(r.Name, r.Position, r.Count)).ToList();

        var categories = await (
                from g in cases.GroupBy(c => c.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() })
                join c in db.Categories on g.CategoryId equals (Guid?)c.Id into found
                from c in found.DefaultIfEmpty()
                select new NamedCount(c == null ? ReportFigures.NoCategory : c.Name, c == null ? int.MaxValue : c.Position, g.Count))
            .ToListAsync(cancellationToken);

        var timingRows = await cases
            .Where(c => c.FirstApologyAt != null || c.ResolvedAt != null)
            .OrderBy(c => c.DefectOccurredAt)
            .Select(c => new { OccurredAt = c.DefectOccurredAt, c.FirstApologyAt, c.OpenedAt, c.ResolvedAt, c.Status })
            .Take(MaxCaseRows + 1)
            .ToListAsync(cancellationToken);
        var timings = timingRows.Take(MaxCaseRows).Select(r => new CaseTiming(
                MonthOf(locale, r.OccurredAt),
                r.FirstApologyAt is { } apology ? Math.Max(0, (apology - r.OccurredAt).TotalHours) : null,
                r.ResolvedAt is { } resolved && r.Status is CaseStatus.Resolved or CaseStatus.Closed ? Math.Max(0, (resolved - r.OpenedAt).TotalDays) : null))
            .ToList();

        // Months after the first start at the practice's midnight on the 1st; the period's end closes the last
        // month, so index Months.Count means "after the period" (a gesture given later for a defect inside it).
        var boundaries = period.Months.Skip(1).Select(m => locale.FromLocal(m.ToDateTime(TimeOnly.MinValue))).Append(end).ToList();
        var given =
            from g in db.Set<Gesture>()
            join c in cases.Where(c => c.HasGivenGesture) on g.CaseId equals c.Id
            where g.State == GestureState.Given
            select new GivenGesture { At = g.DecidedAt ?? g.RecordedAt, Amount = g.Amount };
        var costRows = await given
            .GroupBy(MonthIndex.Of<GivenGesture>(g => g.At, boundaries))
            .Select(g => new { Index = g.Key, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var costByMonth = new decimal[boundaries.Count + 1];
        foreach (var row in costRows)
        {
            costByMonth[Math.Clamp(row.Index, 0, boundaries.Count)] += row.Amount;
        }

        var casesWithGesture = stageRows.Sum(r => r.WithGesture);
        var recoveredCases = stageRows.Sum(r => r.Recovered);
        var returnRows = await cases
            .Where(c => c.FirstReturnOn != null)
            .OrderBy(c => c.DefectOccurredAt)
            .Select(c => new { OccurredAt = c.DefectOccurredAt, FirstReturn = c.FirstReturnOn!.Value, c.Recovered })
            .Take(MaxCaseRows + 1)
            .ToListAsync(cancellationToken);
        var returned = returnRows.Take(MaxCaseRows)
            .Where(r => r.FirstReturn <= DateOnly.FromDateTime(locale.ToLocal(r.OccurredAt)).AddDays(ReturnWindowDays))
            .ToList();
        var defects = stages.Sum(s => s.Count);
        var recovery = new RecoveryCounts(
            recoveredCases, defects - recoveredCases,
            returned.Count(r => r.Recovered), returned.Count(r => !r.Recovered));

        var linked =
            from l in db.Set<ImprovementLink>()
            join c in cases on l.CaseId equals c.Id
            group l by l.ImprovementId into g
            where g.Select(l => l.CaseId).Distinct().Count() >= 2
            select new { ImprovementId = g.Key, Cases = g.Select(l => l.CaseId).Distinct().Count() };
        var repeats = await (
                from x in linked
                join i in db.Improvements on x.ImprovementId equals i.Id
                orderby x.Cases descending, i.Title
                select new { i.Title, i.Status, x.Cases })
            .Take(MaxRepeats)
            .ToListAsync(cancellationToken);

        // Open cases now, whenever their defect happened: the queue's picture, not the period's.
        var openBySteps = await db.Cases.AsNoTracking()
            .Where(c => c.PracticeId == practiceId && c.Status == CaseStatus.Open && c.CurrentStep != null)
            .GroupBy(c => c.CurrentStep!.Value)
            .Select(g => new { Step = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Step, g => g.Count, cancellationToken);

        return new Data(
            practice, stages, categories, timings, timingRows.Count > MaxCaseRows, costByMonth, casesWithGesture,
            recovery, returnRows.Count > MaxCaseRows,
            repeats.Select(r => new RepeatImprovement(r.Title, r.Status, practice.Name, r.Cases)).ToList(),
            openBySteps);
    }

    private static DateOnly MonthOf(PracticeLocale locale, DateTimeOffset utc) => ReportPeriod.FirstOfMonth(DateOnly.FromDateTime(locale.ToLocal(utc)));
}
