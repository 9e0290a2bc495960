using System.Globalization;

using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>The report of one period, for one practice or several together, ready for the page and the CSV files.</summary>
public sealed record Report(
    ReportPeriod Period,
    string Scope,
    PracticeLocale Locale,
    int Defects,
    IReadOnlyList<FigureTable> Figures,
    FigureTable OpenSteps,
    FigureTable? Comparison,
    IReadOnlyList<string> Notes)
{
    public bool IsEmpty => Defects == 0;

    /// <summary>Satisfaction with recovery (<see cref="SurveyFigures"/>): the surveys sent in the period, shown whether or not defects happened in it.</summary>
    public IReadOnlyList<FigureTable> Surveys { get; init; } = [];

    public FigureTable? Find(string? id) =>
        Figures.Append(OpenSteps).Concat(Surveys).Concat(Comparison is null ? [] : [Comparison]).FirstOrDefault(f => f.Id == id);
}

/// <summary>
/// Turns the numbers of each practice into the report's figures. Several practices are added together:
/// stages and categories by name, months by calendar month, and percentiles over all their cases together.
/// </summary>
public static class ReportFigures
{
    public const string NoCategory = "No category";

    public static Report Build(ReportPeriod period, IReadOnlyList<PracticeFigures.Data> practices, bool compare)
    {
        var locale = practices[0].Practice.Locale;
        var n = new Numbers(locale);
        var months = period.Months;
        var notes = new List<string>();
        var figures = new List<FigureTable>
        {
            Pareto("stages", "Defects by stage", "Stage", "stage of the patient's journey", practices.SelectMany(p => p.Stages), n),
            Pareto("categories", "Defects by category", "Category", "category", practices.SelectMany(p => p.Categories), n),
            Times("apology", "Time to apology", "From when the defect happened to the first apology, for cases with an apology.",
                "hours", months, practices.Select(p => p.Apology), n,
                "No case of this period has an apology recorded yet."),
            Times("resolution", "Time to resolution", "From when the case was opened to when every SERVICE step was settled, for resolved and closed cases.",
                "days", months, practices.Select(p => p.Resolution), n,
                "No case of this period has been resolved yet."),
        };

        if (practices.Select(p => p.Practice.Locale.Currency).Distinct().Count() == 1)
        {
            figures.Add(Cost(period, practices, n));
        }
        else
        {
            notes.Add("Your practices use different currencies, so recovery cost is shown per practice in the comparison at the end, not added up.");
        }

        figures.Add(Recovery(practices, n));
        figures.Add(Repeats(practices, compare, n));

        var capped = practices.Where(p => p.Capped).Select(p => p.Practice.Name).ToList();
        if (capped.Count > 0)
        {
            notes.Add($"{string.Join(", ", capped)}: times and returns use the first {PracticeFigures.MaxCaseRows.ToString("N0", locale.CultureInfo)} cases of the period. Choose a shorter period for exact figures.");
        }

        var scope = practices.Count == 1 ? practices[0].Practice.Name : $"all your practices ({string.Join(", ", practices.Select(p => p.Practice.Name))})";
        return new Report(period, scope, locale, practices.Sum(p => p.Defects), figures, OpenSteps(practices, n), compare ? Comparison(practices) : null, notes);
    }

    private static FigureTable Pareto(string id, string title, string column, string what, IEnumerable<PracticeFigures.NamedCount> counts, Numbers n)
    {
        var merged = counts
            .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PracticeFigures.NamedCount(g.First().Name, g.Min(c => c.Position), g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Position).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var total = merged.Sum(c => c.Count);
        var rows = new List<FigureRow>();
        var cumulative = new List<double?>();
        var running = 0;
        foreach (var c in merged)
        {
            running += c.Count;
            rows.Add(new FigureRow(c.Name, [n.Count(c.Count), n.Percent(c.Count, total), n.Percent(running, total)]));
            cumulative.Add(Math.Round(100.0 * running / total, 1));
        }

        var chart = new ChartSpec("pareto", $"Pareto chart of defects by {what}, most frequent first, with the cumulative percentage. The table below has the numbers.",
            merged.Select(c => c.Name).ToList(),
            [new ChartSeries("Defects", merged.Select(c => (double?)c.Count).ToList()), new ChartSeries("Cumulative %", cumulative, "line", OnPercentAxis: true)],
            "Defects", "Cumulative %");
        return new FigureTable(id, title, $"Defects by {what}, most frequent first: the few at the top cause most of the trouble.",
            $"Defects by {what}: count, percentage and cumulative percentage.",
            [column, "Defects", "Percentage", "Cumulative percentage"], rows, chart, "No defects in this period.")
        {
            Footer = total == 0 ? [] : [new FigureRow("Total", [n.Count(total), n.Percent(total, total), null])],
        };
    }

    private static FigureTable Times(
        string id, string title, string description, string unit, IReadOnlyList<DateOnly> months, IEnumerable<IReadOnlyDictionary<DateOnly, Histogram>> practices,
        Numbers n, string emptyText)
    {
        var byPractice = practices.ToList();
        var rows = new List<FigureRow>();
        var medians = new List<double?>();
        var p90s = new List<double?>();
        foreach (var month in months)
        {
            var values = Histogram.Of(byPractice.Select(p => p.GetValueOrDefault(month)).OfType<Histogram>());
            var (median, p90) = values.MedianAndP90();
            rows.Add(new FigureRow(n.Month(month), [n.Count(values.Count), n.Decimal(median), n.Decimal(p90)]));
            medians.Add(Round(median));
            p90s.Add(Round(p90));
        }

        var all = Histogram.Of(byPractice.SelectMany(p => p.Values));
        var (allMedian, allP90) = all.MedianAndP90();
        var chart = new ChartSpec("bar", $"Bar chart of the median and 90th percentile {title.ToLowerInvariant()} in {unit}, by the month the defect happened. The table below has the numbers.",
            months.Select(n.Month).ToList(),
            [new ChartSeries($"Median ({unit})", medians), new ChartSeries($"90th percentile ({unit})", p90s)],
            $"{char.ToUpperInvariant(unit[0])}{unit[1..]}");
        return new FigureTable(id, title, $"{description} By the month the defect happened, at the practice.",
            $"{title} in {unit}: median and 90th percentile by month of the defect.",
            ["Month", "Cases", $"Median ({unit})", $"90th percentile ({unit})"], all.Count == 0 ? [] : rows, chart, emptyText)
        {
            Footer = all.Count == 0 ? [] : [new FigureRow("Whole period", [n.Count(all.Count), n.Decimal(allMedian), n.Decimal(allP90)])],
        };
    }

    private static FigureTable Cost(ReportPeriod period, IReadOnlyList<PracticeFigures.Data> practices, Numbers n)
    {
        var months = period.Months;
        var amounts = Enumerable.Range(0, months.Count + 1).Select(i => practices.Sum(p => p.CostByMonth[i])).ToList();
        var labels = months.Select(n.Month).ToList();
        var later = amounts[^1];
        if (later == 0)
        {
            amounts.RemoveAt(amounts.Count - 1);
        }
        else
        {
            labels.Add($"After {n.Day(period.To)}");
        }

        var total = amounts.Sum();
        var cases = practices.Sum(p => p.CasesWithGesture);
        var rows = labels.Select((label, i) => new FigureRow(label, [n.Money(amounts[i])])).ToList();
        var chart = new ChartSpec("bar", "Bar chart of the cost of gestures given, by month. The table below has the numbers.",
            labels, [new ChartSeries($"Recovery cost ({n.Currency})", amounts.Select(a => (double?)(double)a).ToList())], $"Cost ({n.Currency})");
        return new FigureTable("cost", "Recovery cost",
            "Gestures given for this period's defects, by the month they were given (or approved by a manager). Declined and waiting gestures do not count.",
            "Recovery cost by month, with the total and the cost per case.",
            ["Month", "Recovery cost"], cases == 0 ? [] : rows, chart, "No gestures were given for the defects of this period.")
        {
            Footer = cases == 0 ? [] :
            [
                new FigureRow("Total", [n.Money(total)]),
                new FigureRow("Cases with a gesture given", [n.Count(cases)]),
                new FigureRow("Cost per case", [n.Money(total / cases)]),
            ],
        };
    }

    private static FigureTable Recovery(IReadOnlyList<PracticeFigures.Data> practices, Numbers n)
    {
        var recovered = practices.Sum(p => p.Recovery.RecoveredCases);
        var other = practices.Sum(p => p.Recovery.OtherCases);
        var recoveredReturned = practices.Sum(p => p.Recovery.RecoveredReturned);
        var otherReturned = practices.Sum(p => p.Recovery.OtherReturned);
        var returned = recoveredReturned + otherReturned;
        var rows = new List<FigureRow>
        {
            new(RecoveredGroup, [n.Count(recovered), n.Count(recoveredReturned), n.Percent(recoveredReturned, recovered), n.Percent(recoveredReturned, returned)]),
            new(OtherGroup, [n.Count(other), n.Count(otherReturned), n.Percent(otherReturned, other), n.Percent(otherReturned, returned)]),
        };
        var chart = new ChartSpec("bar", "Bar chart of the share of patients who came back within 90 days, with and without a gesture or follow-up. The table below has the numbers.",
            [RecoveredGroup, OtherGroup],
            [new ChartSeries("Came back within 90 days (%)", [Rate(recoveredReturned, recovered), Rate(otherReturned, other)])],
            "Came back within 90 days (%)", ValueMax: 100);
        return new FigureTable("recovery", "Recovery rate",
            $"Did the patient come back within {PracticeFigures.ReturnWindowDays} days of the defect? Cases where we gave a gesture or planned a follow-up, against cases with neither. Defects of the last {PracticeFigures.ReturnWindowDays} days may still see their patient return.",
            $"Patients who came back within {PracticeFigures.ReturnWindowDays} days, by what we did: counts, return rate, and share of all returns.",
            ["What we did", "Defects", $"Came back within {PracticeFigures.ReturnWindowDays} days", "Return rate", "Share of returns"],
            recovered + other == 0 ? [] : rows, chart, "No defects in this period.");
    }

    public const string RecoveredGroup = "Gesture given or follow-up planned";
    public const string OtherGroup = "Neither";

    private static FigureTable Repeats(IReadOnlyList<PracticeFigures.Data> practices, bool compare, Numbers n)
    {
        var repeats = practices.SelectMany(p => p.Repeats)
            .OrderByDescending(r => r.Cases).ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase)
            .Take(PracticeFigures.MaxRepeats)
            .ToList();
        var rows = repeats.Select(r => new FigureRow(r.Title,
            compare ? [r.PracticeName, r.Status.Words(), n.Count(r.Cases)] : [r.Status.Words(), n.Count(r.Cases)])).ToList();
        var chart = new ChartSpec("bar", "Horizontal bar chart of improvements that serve two or more of this period's defects. The table below has the numbers.",
            repeats.Select(r => r.Title).ToList(), [new ChartSeries("Defects", repeats.Select(r => (double?)r.Cases).ToList())], "Defects", Horizontal: true);
        return new FigureTable("repeats", "Repeat defects that share an improvement",
            "Improvements linked to two or more of this period's cases: the same thing went wrong again.",
            "Improvements linked to two or more cases of the period, most cases first.",
            compare ? ["Improvement", "Practice", "Status", "Defects"] : ["Improvement", "Status", "Defects"],
            rows, chart, "No improvement serves two or more of this period's defects.");
    }

    private static FigureTable OpenSteps(IReadOnlyList<PracticeFigures.Data> practices, Numbers n)
    {
        var counts = ServiceSteps.InOrder.Select(s => practices.Sum(p => p.OpenBySteps.GetValueOrDefault(s))).ToList();
        var total = counts.Sum();
        var rows = ServiceSteps.InOrder.Select((s, i) => new FigureRow(s.Title(), [n.Count(counts[i])])).ToList();
        var chart = new ChartSpec("bar", "Bar chart of open cases by the SERVICE step they are on now. The table below has the numbers.",
            ServiceSteps.InOrder.Select(s => s.Title()).ToList(), [new ChartSeries("Open cases", counts.Select(c => (double?)c).ToList())], "Open cases");
        return new FigureTable("open-steps", "Open cases by current step",
            "Every open case now, whenever its defect happened, on the first SERVICE step still to do.",
            "Open cases now, by current step, in SERVICE order.",
            ["Step", "Open cases"], total == 0 ? [] : rows, chart, "No cases are open.")
        {
            Footer = total == 0 ? [] : [new FigureRow("Total", [n.Count(total)])],
        };
    }

    /// <summary>The headline numbers of each practice side by side, each in its own currency and culture.</summary>
    private static FigureTable Comparison(IReadOnlyList<PracticeFigures.Data> practices)
    {
        var rows = practices.Select(p =>
        {
            var n = new Numbers(p.Practice.Locale);
            var apology = Histogram.Of(p.Apology.Values).MedianAndP90();
            var resolution = Histogram.Of(p.Resolution.Values).MedianAndP90();
            var r = p.Recovery;
            return new FigureRow(p.Practice.Name,
            [
                n.Count(p.Defects), n.Decimal(apology.Median), n.Decimal(apology.P90), n.Decimal(resolution.Median), n.Decimal(resolution.P90),
                n.Money(p.Cost), p.CasesWithGesture == 0 ? null : n.Money(p.Cost / p.CasesWithGesture),
                n.Percent(r.RecoveredReturned, r.RecoveredCases), n.Percent(r.OtherReturned, r.OtherCases),
                n.Count(p.OpenBySteps.Values.Sum()),
            ]);
        }).ToList();
        return new FigureTable("practices", "Practices compared",
            "The headline figures of each practice for the same period, side by side.",
            "Each practice's figures for the period; open cases are as of now.",
            ["Practice", "Defects", "Median time to apology (hours)", "90th percentile time to apology (hours)", "Median time to resolution (days)",
             "90th percentile time to resolution (days)", "Recovery cost", "Cost per case", $"Return rate: {RecoveredGroup.ToLowerInvariant()}", "Return rate: neither", "Open cases now"],
            rows, null, "No practices.");
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    /// <summary>Numbers and dates as the practice writes them (its culture), shared by the table and the CSV.</summary>
    private sealed class Numbers(PracticeLocale locale)
    {
        private readonly CultureInfo _culture = locale.CultureInfo;

        public string Currency => locale.Currency;

        public string Count(int value) => value.ToString("N0", _culture);

        public string? Percent(int part, int whole) => whole == 0 ? null : ((double)part / whole).ToString("P1", _culture);

        public string? Decimal(double? value) => value?.ToString("N1", _culture);

        public string Money(decimal amount) => locale.Money(amount);

        public string Month(DateOnly month) => month.ToString(_culture.DateTimeFormat.YearMonthPattern, _culture);

        public string Day(DateOnly day) => day.ToString("d MMM yyyy", _culture);
    }
}
