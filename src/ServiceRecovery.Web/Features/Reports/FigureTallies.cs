using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The numbers of one practice's cases whose defect happened in some whole days, as a report adds them up: what a kept
/// month holds (<see cref="ReportTally"/>), and what is read from the case rows for days no kept month answers. Two
/// tallies of different days add up to the tally of both.
/// </summary>
public sealed class FigureTallies
{
    /// <summary>Defects by stage; <see cref="Guid.Empty"/> for "not sure".</summary>
    public Dictionary<Guid, int> Stages { get; } = [];

    /// <summary>Defects by category; <see cref="Guid.Empty"/> for none.</summary>
    public Dictionary<Guid, int> Categories { get; } = [];

    /// <summary>Time to apology in hours, by the month of the defect.</summary>
    public Dictionary<DateOnly, Histogram> Apology { get; } = [];

    /// <summary>Time to resolution in days (resolved and closed cases), by the month of the defect.</summary>
    public Dictionary<DateOnly, Histogram> Resolution { get; } = [];

    /// <summary>Given gestures' cost by the practice's day they counted on: when a manager approved them, else when they were given.</summary>
    public Dictionary<DateOnly, decimal> CostByDay { get; } = [];

    /// <summary>Distinct cases linked to each improvement.</summary>
    public Dictionary<Guid, int> Improvements { get; } = [];

    public int WithGesture { get; private set; }
    public int Recovered { get; private set; }
    public int RecoveredReturned { get; private set; }
    public int OtherReturned { get; private set; }

    /// <summary>Times or returns were read from the first <see cref="PracticeFigures.MaxCaseRows"/> cases only.</summary>
    public bool Capped { get; private set; }

    public int Defects => Stages.Values.Sum();

    public void Add(FigureTallies other)
    {
        AddAll(Stages, other.Stages);
        AddAll(Categories, other.Categories);
        AddAll(Improvements, other.Improvements);
        foreach (var (day, amount) in other.CostByDay)
        {
            CostByDay[day] = CostByDay.GetValueOrDefault(day) + amount;
        }

        AddHistograms(Apology, other.Apology);
        AddHistograms(Resolution, other.Resolution);
        WithGesture += other.WithGesture;
        Recovered += other.Recovered;
        RecoveredReturned += other.RecoveredReturned;
        OtherReturned += other.OtherReturned;
        Capped |= other.Capped;
    }

    /// <summary>
    /// Reads the tally of the cases whose defect happened from <paramref name="start"/> (inclusive) to <paramref name="end"/>
    /// from the case rows, through the index that holds the period's columns (IX_RecoveryCases_Report). Withdrawn cases
    /// were logged in error (a duplicate, the wrong patient): they are not defects. With a <paramref name="cap"/>, times
    /// and returns are read from that many cases at most.
    /// </summary>
    public static async Task<FigureTallies> ReadAsync(
        AppDbContext db, Guid practiceId, PracticeLocale locale, DateTimeOffset start, DateTimeOffset end, int? cap, CancellationToken cancellationToken)
    {
        var tally = new FigureTallies();
        var cases = db.Cases.AsNoTracking().Where(c => c.PracticeId == practiceId
            && c.Status != CaseStatus.Withdrawn
            && c.DefectOccurredAt >= start && c.DefectOccurredAt < end);

        // By stage, with the cases that had a gesture or were recovered counted in the same pass.
        var stageRows = await cases.GroupBy(c => c.StageId)
            .Select(g => new { StageId = g.Key, Count = g.Count(), WithGesture = g.Count(c => c.HasGivenGesture), Recovered = g.Count(c => c.Recovered) })
            .ToListAsync(cancellationToken);
        foreach (var row in stageRows)
        {
            Increase(tally.Stages, row.StageId ?? Guid.Empty, row.Count);
            tally.WithGesture += row.WithGesture;
            tally.Recovered += row.Recovered;
        }

        var categoryRows = await cases.GroupBy(c => c.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var row in categoryRows)
        {
            Increase(tally.Categories, row.CategoryId ?? Guid.Empty, row.Count);
        }

        var limit = cap is { } most ? most + 1 : int.MaxValue;
        var timingRows = await cases
            .Where(c => c.FirstApologyAt != null || c.ResolvedAt != null)
            .OrderBy(c => c.DefectOccurredAt)
            .Select(c => new { OccurredAt = c.DefectOccurredAt, c.FirstApologyAt, c.OpenedAt, c.ResolvedAt, c.Status })
            .Take(limit)
            .ToListAsync(cancellationToken);
        foreach (var row in timingRows.Take(limit - 1))
        {
            var month = MonthOf(locale, row.OccurredAt);
            if (row.FirstApologyAt is { } apology)
            {
                HistogramOf(tally.Apology, month).AddValue((apology - row.OccurredAt).TotalHours);
            }

            if (row.ResolvedAt is { } resolved && row.Status is CaseStatus.Resolved or CaseStatus.Closed)
            {
                HistogramOf(tally.Resolution, month).AddValue((resolved - row.OpenedAt).TotalDays);
            }
        }

        var given = await (
                from g in db.Set<Gesture>()
                join c in cases.Where(c => c.HasGivenGesture) on g.CaseId equals c.Id
                where g.State == GestureState.Given
                select new { At = g.DecidedAt ?? g.RecordedAt, g.Amount })
            .ToListAsync(cancellationToken);
        foreach (var gesture in given)
        {
            var day = DateOnly.FromDateTime(locale.ToLocal(gesture.At));
            tally.CostByDay[day] = tally.CostByDay.GetValueOrDefault(day) + gesture.Amount;
        }

        var returnRows = await cases
            .Where(c => c.FirstReturnOn != null)
            .OrderBy(c => c.DefectOccurredAt)
            .Select(c => new { OccurredAt = c.DefectOccurredAt, FirstReturn = c.FirstReturnOn!.Value, c.Recovered })
            .Take(limit)
            .ToListAsync(cancellationToken);
        foreach (var row in returnRows.Take(limit - 1))
        {
            if (row.FirstReturn <= DateOnly.FromDateTime(locale.ToLocal(row.OccurredAt)).AddDays(PracticeFigures.ReturnWindowDays))
            {
                if (row.Recovered)
                {
                    tally.RecoveredReturned++;
                }
                else
                {
                    tally.OtherReturned++;
                }
            }
        }

        tally.Capped = timingRows.Count == limit || returnRows.Count == limit;

        var links = await (
                from l in db.Set<ImprovementLink>()
                join c in cases on l.CaseId equals c.Id
                group l by l.ImprovementId into g
                select new { ImprovementId = g.Key, Cases = g.Select(l => l.CaseId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            Increase(tally.Improvements, link.ImprovementId, link.Cases);
        }

        return tally;
    }

    /// <summary>The kept rows of one month's tally.</summary>
    public IEnumerable<ReportTally> ToRows(Guid practiceId, DateOnly month)
    {
        ReportTally Row(ReportFigure figure, Guid key, int bucket, int count, decimal amount = 0) =>
            new() { PracticeId = practiceId, Month = month, Figure = figure, KeyId = key, Bucket = bucket, Count = count, Amount = amount };

        foreach (var (stage, count) in Stages)
        {
            yield return Row(ReportFigure.Stage, stage, 0, count);
        }

        foreach (var (category, count) in Categories)
        {
            yield return Row(ReportFigure.Category, category, 0, count);
        }

        foreach (var (figure, histograms) in new[] { (ReportFigure.Apology, Apology), (ReportFigure.Resolution, Resolution) })
        {
            foreach (var (tenth, count) in Histogram.Of(histograms.Values).Buckets)
            {
                yield return Row(figure, Guid.Empty, tenth, count);
            }
        }

        foreach (var (day, amount) in CostByDay)
        {
            yield return Row(ReportFigure.Cost, Guid.Empty, day.DayNumber, 0, amount);
        }

        foreach (var (outcome, count) in new[]
                 {
                     (ReportOutcome.GestureGiven, WithGesture), (ReportOutcome.Recovered, Recovered),
                     (ReportOutcome.RecoveredReturned, RecoveredReturned), (ReportOutcome.OtherReturned, OtherReturned),
                 })
        {
            if (count != 0)
            {
                yield return Row(ReportFigure.Outcome, Guid.Empty, (int)outcome, count);
            }
        }

        foreach (var (improvement, count) in Improvements)
        {
            yield return Row(ReportFigure.Improvement, improvement, 0, count);
        }
    }

    /// <summary>The tally of kept rows, of any number of months.</summary>
    public static FigureTallies FromRows(IEnumerable<ReportTally> rows)
    {
        var tally = new FigureTallies();
        foreach (var row in rows)
        {
            switch (row.Figure)
            {
                case ReportFigure.Stage:
                    Increase(tally.Stages, row.KeyId, row.Count);
                    break;
                case ReportFigure.Category:
                    Increase(tally.Categories, row.KeyId, row.Count);
                    break;
                case ReportFigure.Apology:
                    HistogramOf(tally.Apology, row.Month).Add(row.Bucket, row.Count);
                    break;
                case ReportFigure.Resolution:
                    HistogramOf(tally.Resolution, row.Month).Add(row.Bucket, row.Count);
                    break;
                case ReportFigure.Cost:
                    var day = DateOnly.FromDayNumber(row.Bucket);
                    tally.CostByDay[day] = tally.CostByDay.GetValueOrDefault(day) + row.Amount;
                    break;
                case ReportFigure.Outcome:
                    switch ((ReportOutcome)row.Bucket)
                    {
                        case ReportOutcome.GestureGiven: tally.WithGesture += row.Count; break;
                        case ReportOutcome.Recovered: tally.Recovered += row.Count; break;
                        case ReportOutcome.RecoveredReturned: tally.RecoveredReturned += row.Count; break;
                        case ReportOutcome.OtherReturned: tally.OtherReturned += row.Count; break;
                    }

                    break;
                case ReportFigure.Improvement:
                    Increase(tally.Improvements, row.KeyId, row.Count);
                    break;
            }
        }

        return tally;
    }

    public static DateOnly MonthOf(PracticeLocale locale, DateTimeOffset utc) => ReportPeriod.FirstOfMonth(DateOnly.FromDateTime(locale.ToLocal(utc)));

    private static void Increase(Dictionary<Guid, int> counts, Guid key, int count) => counts[key] = counts.GetValueOrDefault(key) + count;

    private static void AddAll(Dictionary<Guid, int> into, Dictionary<Guid, int> from)
    {
        foreach (var (key, count) in from)
        {
            Increase(into, key, count);
        }
    }

    private static void AddHistograms(Dictionary<DateOnly, Histogram> into, Dictionary<DateOnly, Histogram> from)
    {
        foreach (var (month, histogram) in from)
        {
            HistogramOf(into, month).Add(histogram);
        }
    }

    private static Histogram HistogramOf(Dictionary<DateOnly, Histogram> histograms, DateOnly month)
    {
        if (!histograms.TryGetValue(month, out var histogram))
        {
            histograms[month] = histogram = new Histogram();
        }

        return histogram;
    }
}
