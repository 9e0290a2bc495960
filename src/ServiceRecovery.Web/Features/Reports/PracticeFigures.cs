using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

public sealed record PracticeInfo(Guid Id, string Name, PracticeLocale Locale);

/// <summary>
/// The numbers of one practice for one period. Whole months come from the kept figures (<see cref="ReportMonth"/>,
/// <see cref="ReportTally"/>) where the keeper has them and no change has come since; every other day of the period (a
/// month not yet kept or changed since, the period's first and last months when they are not whole) is read from the case
/// rows (<see cref="FigureTallies.ReadAsync"/>), so a report is never behind a committed change. Times are counted to
/// the tenth of an hour (apology) and of a day (resolution), in kept months and read ones alike; the rows read for the
/// days without a kept month are capped at <see cref="MaxCaseRows"/> per practice, and the page says so when a cap was
/// reached.
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
        IReadOnlyDictionary<DateOnly, Histogram> Apology,
        IReadOnlyDictionary<DateOnly, Histogram> Resolution,
        bool Capped,
        IReadOnlyList<decimal> CostByMonth,
        int CasesWithGesture,
        RecoveryCounts Recovery,
        IReadOnlyList<RepeatImprovement> Repeats,
        IReadOnlyDictionary<ServiceStep, int> OpenBySteps)
    {
        public int Defects => Stages.Sum(s => s.Count);

        public decimal Cost => CostByMonth.Sum();
    }

    /// <summary>A stage or category and how many defects it had; Position keeps ties in journey order.</summary>
    public sealed record NamedCount(string Name, int Position, int Count);

    public sealed record RecoveryCounts(int RecoveredCases, int OtherCases, int RecoveredReturned, int OtherReturned);

    public sealed record RepeatImprovement(string Title, ImprovementStatus Status, string PracticeName, int Cases);

    public static async Task<Data> LoadAsync(AppDbContext db, PracticeInfo practice, ReportPeriod period, CancellationToken cancellationToken)
    {
        var locale = practice.Locale;
        var practiceId = practice.Id;
        var months = period.Months;
        DateTimeOffset Midnight(DateOnly day) => locale.FromLocal(day.ToDateTime(TimeOnly.MinValue));

        // The whole months of the period, and of those the ones kept and unchanged since, with their tallies in one read
        // (one statement: the months' state and their rows as of the same moment).
        var whole = months.Where(m => m >= period.From && m.AddMonths(1).AddDays(-1) <= period.To).ToList();
        var keptRows = whole.Count == 0 ? [] : await (
                from t in db.ReportTallies.AsNoTracking()
                join m in db.ReportMonths.AsNoTracking() on new { t.PracticeId, t.Month } equals new { m.PracticeId, m.Month }
                where t.PracticeId == practiceId && whole.Contains(t.Month) && m.Changes == m.Computed
                select t)
            .ToListAsync(cancellationToken);
        var tally = FigureTallies.FromRows(keptRows);
        var kept = keptRows.Select(t => t.Month).ToHashSet();

        // The rest, read from the rows in runs of consecutive days.
        var end = period.To.AddDays(1);
        DateOnly? runStart = null;
        foreach (var month in months.Append(ReportPeriod.FirstOfMonth(end).AddMonths(1)))
        {
            var from = month < period.From ? period.From : month;
            if (kept.Contains(month) || from >= end)
            {
                if (runStart is { } first)
                {
                    var until = from < end ? from : end;
                    tally.Add(await FigureTallies.ReadAsync(db, practiceId, locale, Midnight(first), Midnight(until), MaxCaseRows, cancellationToken));
                    runStart = null;
                }
            }
            else
            {
                runStart ??= from;
            }
        }

        return await DataAsync(db, practice, period, tally, cancellationToken);
    }

    /// <summary>The report's numbers from the period's tally: names of stages, categories and improvements as they are now.</summary>
    private static async Task<Data> DataAsync(AppDbContext db, PracticeInfo practice, ReportPeriod period, FigureTallies tally, CancellationToken cancellationToken)
    {
        var practiceId = practice.Id;
        var stageIds = tally.Stages.Keys.ToList();
        var stageNames = await db.Stages.AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => new { s.Name, s.Position }, cancellationToken);
        var stages = tally.Stages.Where(s => s.Value > 0).Select(s => stageNames.TryGetValue(s.Key, out var stage)
            ? new NamedCount(stage.Name, stage.Position, s.Value)
            : new NamedCount(ServiceDefect.StageNotSure, int.MaxValue, s.Value)).ToList();
        var categoryIds = tally.Categories.Keys.ToList();
        var categoryNames = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new { c.Name, c.Position }, cancellationToken);
        var categories = tally.Categories.Where(c => c.Value > 0).Select(c => categoryNames.TryGetValue(c.Key, out var category)
            ? new NamedCount(category.Name, category.Position, c.Value)
            : new NamedCount(ReportFigures.NoCategory, int.MaxValue, c.Value)).ToList();

        // By the month given: index i for the i-th month of the period; Months.Count means "after the period" (a gesture
        // given later for a defect inside it).
        var months = period.Months;
        var costByMonth = new decimal[months.Count + 1];
        foreach (var (day, amount) in tally.CostByDay)
        {
            var index = day > period.To ? months.Count : Math.Max(0, months.Count(m => m <= day) - 1);
            costByMonth[index] += amount;
        }

        var repeatIds = tally.Improvements.Where(i => i.Value >= 2).Select(i => i.Key).ToList();
        var improvements = await db.Improvements.AsNoTracking().Where(i => repeatIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.Status }).ToListAsync(cancellationToken);
        var repeats = improvements
            .Select(i => new RepeatImprovement(i.Title, i.Status, practice.Name, tally.Improvements[i.Id]))
            .OrderByDescending(r => r.Cases).ThenBy(r => r.Title, StringComparer.Ordinal)
            .Take(MaxRepeats)
            .ToList();

        // Open cases now, whenever their defect happened: the queue's picture, not the period's, from its kept counts.
        var openBySteps = await db.QueueCounts.AsNoTracking()
            .Where(q => q.PracticeId == practiceId && q.Status == CaseStatus.Open && q.Step != QueueCount.NoStep && q.Count != 0)
            .GroupBy(q => q.Step)
            .Select(g => new { g.Key, Count = g.Sum(q => q.Count) })
            .ToDictionaryAsync(g => (ServiceStep)g.Key, g => g.Count, cancellationToken);

        var defects = tally.Defects;
        return new Data(
            practice, stages, categories, tally.Apology, tally.Resolution, tally.Capped, costByMonth, tally.WithGesture,
            new RecoveryCounts(tally.Recovered, defects - tally.Recovered, tally.RecoveredReturned, tally.OtherReturned),
            repeats, openBySteps);
    }
}
