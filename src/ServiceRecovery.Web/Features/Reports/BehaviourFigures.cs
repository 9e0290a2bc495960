namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Recovery measured by behaviour: do patients attend again? For each practice and period, three groups of patients:
/// <list type="bullet">
/// <item><b>Recovered</b> and <b>not recovered</b>: the patients with a defect in the period (withdrawn cases left out),
/// each counted once, by their first defect in the period. Recovered is the case's own <see cref="RecoveryCase.Recovered"/>
/// (a gesture given or a follow-up planned), as the recovery-rate figure counts it. Their start is when the defect happened.</item>
/// <item><b>Baseline</b>: patients of the practice with an attended visit in the period and no defect from twelve months
/// before the period to its end. Their start is their first attended visit in the period.</item>
/// </list>
/// From the start: "attended again within 6 (12) months" is an attended appointment after the start and at most 6 (12)
/// months after it; "lost" is no appointment of any status after the start within 12 months; the median days run from the
/// start to the next attended visit, for the patients who have one. A window not yet over counts only the patients whose
/// window is over (a defect of last month cannot tell yet whether the patient is lost). Cost per recovered patient is the
/// given gestures (<see cref="GestureTally.GivenTotal"/>) of the recovered patients' cases ÷ the recovered patients.
/// A practice "has a feed" when it has any appointment from its practice-management system; without one these figures
/// cannot be known and the report says it measures typed returns only.
/// </summary>
public static class BehaviourFigures
{
    public enum Group
    {
        Recovered,
        NotRecovered,
        Baseline,
    }

    /// <summary>One patient of a group: when they started, their next attended and next appointment of any status, what they were given.</summary>
    public sealed record Start(Group Group, DateTimeOffset At, DateTimeOffset? NextAttended, DateTimeOffset? NextAny, decimal Given);

    /// <summary>Part of the patients whose window is over.</summary>
    public sealed record Share(int Count, int Of);

    public sealed record GroupFigures(Group Group, int Patients, Share Within6, Share Within12, double? MedianDays, Share Lost);

    public sealed record Data(PracticeInfo Practice, bool HasFeed, IReadOnlyList<GroupFigures> Groups, decimal GivenToRecovered)
    {
        public int RecoveredPatients => Groups.Single(g => g.Group == Group.Recovered).Patients;

        public decimal? CostPerRecoveredPatient => RecoveredPatients == 0 ? null : GivenToRecovered / RecoveredPatients;
    }

    public static async Task<Data> LoadAsync(AppDbContext db, PracticeInfo practice, ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var practiceId = practice.Id;
        if (!await db.Appointments.AnyAsync(a => a.PracticeId == practiceId, cancellationToken))
        {
            return Compute(practice, false, [], now);
        }

        var start = practice.Locale.FromLocal(period.From.ToDateTime(TimeOnly.MinValue));
        var end = practice.Locale.FromLocal(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var yearBefore = start.AddMonths(-12);
        var appointments = db.Appointments.AsNoTracking().Where(a => a.PracticeId == practiceId);
        var defects =
            from c in db.Cases.AsNoTracking()
            where c.PracticeId == practiceId && c.Status != CaseStatus.Withdrawn
            join d in db.Defects.AsNoTracking() on c.DefectId equals d.Id
            where d.PatientId != null
            select new { c.Id, PatientId = d.PatientId!.Value, At = c.DefectOccurredAt, c.Recovered };
        var inPeriod = defects.Where(d => d.At >= start && d.At < end);

        // Each patient's first defect of the period (no defect of theirs earlier in it), with the next visits after it, in
        // one query. The "earlier" check is a lookup of the patient's own defects (ServiceDefects by patient), not a join
        // of the period with itself: a join on the patient (a nullable column, so compared with its null case too) could
        // not use an index, and SQLite compared every case of the period with every other one.
        var cohort = await (
                from d in inPeriod
                where !inPeriod.Any(e => e.PatientId == d.PatientId && e.At < d.At)
                select new
                {
                    d.PatientId,
                    d.At,
                    d.Recovered,
                    Given = db.Set<Gesture>().Where(g => g.CaseId == d.Id && g.State == GestureState.Given).Sum(g => (decimal?)g.Amount) ?? 0m,
                    NextAttended = appointments.Where(a => a.PatientId == d.PatientId && a.StartsAt > d.At && a.Status == AppointmentStatus.Attended)
                        .Min(a => (DateTimeOffset?)a.StartsAt),
                    NextAny = appointments.Where(a => a.PatientId == d.PatientId && a.StartsAt > d.At).Min(a => (DateTimeOffset?)a.StartsAt),
                })
            .ToListAsync(cancellationToken);

        var baseline = await appointments
            .Where(a => a.Status == AppointmentStatus.Attended && a.StartsAt >= start && a.StartsAt < end)
            .GroupBy(a => a.PatientId)
            .Select(g => new { PatientId = g.Key, At = g.Min(a => a.StartsAt) })
            .Where(v => !defects.Any(d => d.PatientId == v.PatientId && d.At >= yearBefore && d.At < end))
            .Select(v => new
            {
                v.At,
                NextAttended = appointments.Where(a => a.PatientId == v.PatientId && a.StartsAt > v.At && a.Status == AppointmentStatus.Attended)
                    .Min(a => (DateTimeOffset?)a.StartsAt),
                NextAny = appointments.Where(a => a.PatientId == v.PatientId && a.StartsAt > v.At).Min(a => (DateTimeOffset?)a.StartsAt),
            })
            .ToListAsync(cancellationToken);

        // Two cases of one patient at the same instant join twice: the patient still counts once.
        var starts = cohort.DistinctBy(c => c.PatientId)
            .Select(c => new Start(c.Recovered ? Group.Recovered : Group.NotRecovered, c.At, c.NextAttended, c.NextAny, c.Given))
            .Concat(baseline.Select(b => new Start(Group.Baseline, b.At, b.NextAttended, b.NextAny, 0m)));
        return Compute(practice, true, starts, now);
    }

    /// <summary>The figures of each group from its patients' starts and next visits, as of <paramref name="now"/>.</summary>
    public static Data Compute(PracticeInfo practice, bool hasFeed, IEnumerable<Start> starts, DateTimeOffset now)
    {
        var byGroup = starts.ToLookup(s => s.Group);
        var groups = Enum.GetValues<Group>().Select(group =>
        {
            var patients = byGroup[group].ToList();
            var six = patients.Where(p => p.At.AddMonths(6) <= now).ToList();
            var twelve = patients.Where(p => p.At.AddMonths(12) <= now).ToList();
            var days = patients.Where(p => p.NextAttended is not null).Select(p => (p.NextAttended!.Value - p.At).TotalDays);
            return new GroupFigures(group, patients.Count,
                new Share(six.Count(p => p.NextAttended <= p.At.AddMonths(6)), six.Count),
                new Share(twelve.Count(p => p.NextAttended <= p.At.AddMonths(12)), twelve.Count),
                Percentiles.Of(days.Order().ToList(), 0.5),
                new Share(twelve.Count(p => p.NextAny is not { } next || next > p.At.AddMonths(12)), twelve.Count));
        }).ToList();
        return new Data(practice, hasFeed, groups, byGroup[Group.Recovered].Sum(s => s.Given));
    }

    public static string Words(this Group group) => group switch
    {
        Group.Recovered => "Recovered",
        Group.NotRecovered => "Not recovered",
        _ => "No defect (baseline)",
    };

    /// <summary>
    /// The behaviour figure for the page and its CSV: the groups of all the practices added together (a patient belongs to
    /// one practice), and with several practices each practice's groups side by side.
    /// </summary>
    public static FigureTable Table(IReadOnlyList<Data> practices, bool compare)
    {
        var culture = practices[0].Practice.Locale.CultureInfo;
        var fed = practices.Where(p => p.HasFeed).ToList();
        var description = "Patients with a defect in the period, recovered (a gesture given or a follow-up planned) or not, against patients " +
            "of the practice with an attended visit in the period and no defect in the year before (the baseline). Each patient counts once, " +
            "from their first defect in the period (for the baseline, their first visit). Attended again: an attended appointment within 6 or 12 months " +
            "after that. Lost: no appointment at all within 12 months. A window not yet over counts only the patients whose window is over, " +
            "so the 'of' number can be smaller than the patients.";
        var unfed = practices.Where(p => !p.HasFeed).Select(p => p.Practice.Name).ToList();
        if (fed.Count > 0 && unfed.Count > 0)
        {
            description += $" {string.Join(", ", unfed)}: no appointments from the practice-management system, so left out here; the recovery rate above counts their typed returns only.";
        }

        string? Percent(Share s) => s.Of == 0 ? null : ((double)s.Count / s.Of).ToString("P1", culture) + $" of {s.Of.ToString("N0", culture)}";

        var rows = new List<FigureRow>();
        foreach (var p in compare ? fed : [])
        {
            rows.AddRange(p.Groups.Select(g => Row($"{p.Practice.Name}: {g.Group.Words()}", g)));
        }

        if (!compare)
        {
            rows.AddRange(fed.SelectMany(p => p.Groups).Select(g => Row(g.Group.Words(), g)));
        }

        FigureRow Row(string header, GroupFigures g) => new(header,
        [
            g.Patients.ToString("N0", culture), Percent(g.Within6), Percent(g.Within12),
            g.MedianDays?.ToString("N1", culture), Percent(g.Lost),
        ]);

        var footer = new List<FigureRow>();
        foreach (var p in fed)
        {
            footer.Add(new FigureRow(compare ? $"{p.Practice.Name}: cost per recovered patient" : "Cost per recovered patient",
                [p.CostPerRecoveredPatient is { } cost ? p.Practice.Locale.Money(cost) : null, null, null, null, null]));
        }

        var chartGroups = compare ? [] : fed.SelectMany(p => p.Groups).ToList();
        var chart = chartGroups.Count == 0 ? null : new ChartSpec("bar",
            "Bar chart of the share of patients who attended again within 6 and 12 months, and the share lost, for recovered, not recovered and baseline patients. The table below has the numbers.",
            chartGroups.Select(g => g.Group.Words()).ToList(),
            [
                new ChartSeries("Attended again within 6 months (%)", chartGroups.Select(g => Rate(g.Within6)).ToList()),
                new ChartSeries("Attended again within 12 months (%)", chartGroups.Select(g => Rate(g.Within12)).ToList()),
                new ChartSeries("Lost (%)", chartGroups.Select(g => Rate(g.Lost)).ToList()),
            ],
            "Patients (%)", ValueMax: 100);
        return new FigureTable("behaviour", "Do patients come back? (appointments from the practice-management system)",
            description,
            "Recovered, not recovered and baseline patients: attended again within 6 and 12 months, median days to the next attended visit, and lost.",
            ["Patients", "Patients (each once)", "Attended again within 6 months", "Attended again within 12 months", "Median days to next attended visit", "Lost (no appointment within 12 months)"],
            fed.Count == 0 ? [] : rows, chart,
            "No appointments have come from your practice-management system yet, so this report measures typed returns only (the recovery rate above). Connect the practice-management system to compare recovered patients with the baseline.")
        {
            Footer = fed.Count == 0 ? [] : footer,
        };
    }

    private static double? Rate(Share s) => s.Of == 0 ? null : Math.Round(100.0 * s.Count / s.Of, 1);
}
