using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The formal complaints of one practice received in a period (both days inclusive, the practice's dates), read from the
/// case rows through (PracticeId, ComplaintReceivedOn) with a fixed handful of queries. Counts are grouped in the
/// database; only the clocks are worked out here, from one small row per complaint of the period (a practice has a
/// few hundred or thousand a year), because working days and pauses are the domain's arithmetic, not SQL's.
/// Nothing about patients is read.
/// </summary>
public static class ComplaintFigures
{
    public const int MaxImprovements = 50;

    public sealed record Data(
        PracticeInfo Practice,
        JurisdictionProfile? Profile,
        IReadOnlyDictionary<ComplaintChannel, int> ByChannel,
        IReadOnlyDictionary<ComplaintFinding, int> ByFinding,
        int Referred,
        int Open,
        int Paused,
        int Acknowledged,
        int AcknowledgedInTime,
        int Responded,
        int RespondedInTime,
        IReadOnlyList<PracticeFigures.NamedCount> Stages,
        IReadOnlyList<PracticeFigures.NamedCount> Categories,
        IReadOnlyList<LinkedImprovement> Improvements,
        int Lessons,
        SurveyCounts Surveys)
    {
        public int Received => ByChannel.Values.Sum();

        /// <summary>Upheld and partly upheld: the complaints the practice found to be well-founded.</summary>
        public int WellFounded => ByFinding.GetValueOrDefault(ComplaintFinding.Upheld) + ByFinding.GetValueOrDefault(ComplaintFinding.PartlyUpheld);
    }

    public sealed record LinkedImprovement(string Title, ImprovementStatus Status, int Complaints);

    /// <summary>The recovery surveys answered on the complaints' cases, with the mean of each 1–5 answer.</summary>
    public sealed record SurveyCounts(int Answered, double? OutcomeFair, double? EasyAndQuick, double? TreatedWithRespect);

    public static async Task<Data> LoadAsync(AppDbContext db, PracticeInfo info, ReportPeriod period, CancellationToken cancellationToken)
    {
        var practiceId = info.Id;
        var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == practiceId, cancellationToken);
        DateOnly? from = period.From;
        DateOnly? to = period.To;
        var complaints = db.Cases.AsNoTracking().Where(c => c.PracticeId == practiceId
            && c.ComplaintReceivedOn >= from && c.ComplaintReceivedOn <= to
            && c.Status != CaseStatus.Withdrawn);

        var byChannel = await complaints.GroupBy(c => c.Complaint!.Channel)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var outcomes = await complaints
            .GroupBy(c => new { c.Complaint!.Finding, Went = c.Complaint.WentToEscalationBody == true, Open = c.Complaint.RespondedOn == null })
            .Select(g => new { g.Key.Finding, g.Key.Went, g.Key.Open, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byFinding = outcomes.Where(o => o.Finding is not null)
            .GroupBy(o => o.Finding!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Count));

        var paused = await complaints.CountAsync(c => c.Complaint!.Pauses.Any(), cancellationToken);

        // The clocks: one small row per complaint of the period, its due dates counted on the practice's calendar as the case row's are.
        var clocks = await complaints.Select(c => new
        {
            c.Complaint!.ReceivedOn,
            c.Complaint.AcknowledgedOn,
            c.Complaint.RespondedOn,
            c.Complaint.ProfileId,
            c.Complaint.Region,
            c.Complaint.AcknowledgeAmount,
            c.Complaint.AcknowledgeUnit,
            c.Complaint.RespondAmount,
            c.Complaint.RespondUnit,
            Pauses = c.Complaint.Pauses.Select(p => new { p.From, p.Reason, p.ResumedOn }).ToList(),
        }).ToListAsync(cancellationToken);
        var calendar = practice.Calendar;
        int acknowledgedInTime = 0, respondedInTime = 0;
        foreach (var row in clocks)
        {
            var rules = new ComplaintRules(row.ProfileId, row.Region, new ClockRule(row.AcknowledgeAmount, row.AcknowledgeUnit), new ClockRule(row.RespondAmount, row.RespondUnit));
            var clock = new ComplaintClock(rules, row.ReceivedOn, row.Pauses.OrderBy(p => p.From).Select(p => new ClockPause(p.From, p.Reason, p.ResumedOn)));
            if (row.AcknowledgedOn is { } acknowledged && InTime(acknowledged, clock.Acknowledge(calendar)))
            {
                acknowledgedInTime++;
            }

            if (row.RespondedOn is { } responded && InTime(responded, clock.Respond(calendar)))
            {
                respondedInTime++;
            }
        }

        var stages = await (
                from g in complaints.GroupBy(c => c.StageId).Select(g => new { StageId = g.Key, Count = g.Count() })
                join s in db.Stages on g.StageId equals (Guid?)s.Id into found
                from s in found.DefaultIfEmpty()
                select new { Name = s == null ? ServiceDefect.StageNotSure : s.Name, Position = s == null ? int.MaxValue : s.Position, g.Count })
            .ToListAsync(cancellationToken);
        var categories = await (
                from g in complaints.GroupBy(c => c.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() })
                join k in db.Categories on g.CategoryId equals (Guid?)k.Id into found
                from k in found.DefaultIfEmpty()
                select new { Name = k == null ? ReportFigures.NoCategory : k.Name, Position = k == null ? int.MaxValue : k.Position, g.Count })
            .ToListAsync(cancellationToken);

        var linked =
            from l in db.Set<ImprovementLink>()
            join c in complaints on l.CaseId equals c.Id
            group l by l.ImprovementId into g
            select new { ImprovementId = g.Key, Cases = g.Select(l => l.CaseId).Distinct().Count() };
        var improvements = await (
                from x in linked
                join i in db.Improvements on x.ImprovementId equals i.Id
                orderby x.Cases descending, i.Title
                select new { i.Title, i.Status, x.Cases })
            .Take(MaxImprovements)
            .ToListAsync(cancellationToken);

        // A corrected lesson counts once: its correction replaces it.
        var lessons = await (
                from l in db.Set<Lesson>()
                join c in complaints on l.CaseId equals c.Id
                where l.CorrectsId == null
                select l.Id)
            .CountAsync(cancellationToken);

        var survey = await (
                from s in db.Surveys
                join c in complaints on s.CaseId equals c.Id
                where s.AnsweredAt != null
                group s by 1 into g
                select new
                {
                    Answered = g.Count(),
                    Fair = g.Average(s => (double?)s.OutcomeFair),
                    Easy = g.Average(s => (double?)s.EasyAndQuick),
                    Respect = g.Average(s => (double?)s.TreatedWithRespect),
                })
            .SingleOrDefaultAsync(cancellationToken);

        return new Data(
            info,
            JurisdictionProfiles.Find(practice.ComplaintProfileId),
            byChannel,
            byFinding,
            outcomes.Where(o => o.Went).Sum(o => o.Count),
            outcomes.Where(o => o.Open).Sum(o => o.Count),
            paused,
            clocks.Count(c => c.AcknowledgedOn is not null),
            acknowledgedInTime,
            clocks.Count(c => c.RespondedOn is not null),
            respondedInTime,
            stages.Select(s => new PracticeFigures.NamedCount(s.Name, s.Position, s.Count)).OrderBy(s => s.Position).ThenBy(s => s.Name).ToList(),
            categories.Select(s => new PracticeFigures.NamedCount(s.Name, s.Position, s.Count)).OrderBy(s => s.Position).ThenBy(s => s.Name).ToList(),
            improvements.Select(i => new LinkedImprovement(i.Title, i.Status, i.Cases)).ToList(),
            lessons,
            survey is null ? new SurveyCounts(0, null, null, null) : new SurveyCounts(survey.Answered, survey.Fair, survey.Easy, survey.Respect));
    }

    /// <summary>
    /// Sent on or before the due date. A clock with no due date was paused when the letter went (the law's clock had
    /// stopped), so the letter was in time.
    /// </summary>
    private static bool InTime(DateOnly sent, ClockDue? due) => due is null || sent <= due.Due;
}
