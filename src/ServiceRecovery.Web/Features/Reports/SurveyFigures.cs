using System.Globalization;

using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Satisfaction with recovery: the recovery surveys sent in the period (by when they were sent, at the practice), their
/// answers by month and by the case's stage, the Net Promoter Score and the response rate, and the newest comments.
/// Two queries per practice over the surveys of the period (the index on PracticeId and IssuedAt): one small row of
/// numbers per survey, capped at <see cref="PracticeFigures.MaxCaseRows"/>, and the newest <see cref="MaxComments"/>
/// comments with their count. No patient name is read.
/// </summary>
public static class SurveyFigures
{
    public const int MaxComments = 50;

    /// <summary>One survey: the practice-local month it was sent, its stage's name, and its answers when it was answered.</summary>
    public sealed record Sent(DateOnly Month, string Stage, int StagePosition, bool Answered, int? OutcomeFair, int? EasyAndQuick, int? TreatedWithRespect, int? Recommend);

    public sealed record Comment(DateTimeOffset AnsweredAt, string Reference, string Stage, int? OutcomeFair, int? EasyAndQuick, int? TreatedWithRespect, int? Recommend, string Text);

    public sealed record Data(PracticeInfo Practice, IReadOnlyList<Sent> Surveys, bool Capped, IReadOnlyList<Comment> Comments, int CommentCount);

    public static async Task<Data> LoadAsync(AppDbContext db, PracticeInfo practice, ReportPeriod period, CancellationToken cancellationToken)
    {
        var locale = practice.Locale;
        var practiceId = practice.Id;
        var start = locale.FromLocal(period.From.ToDateTime(TimeOnly.MinValue));
        var end = locale.FromLocal(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var surveys =
            from s in db.Surveys.AsNoTracking()
            where s.PracticeId == practiceId && s.IssuedAt >= start && s.IssuedAt < end
            join st in db.Stages.AsNoTracking() on s.StageId equals (Guid?)st.Id into found
            from st in found.DefaultIfEmpty()
            select new
            {
                s.IssuedAt,
                s.AnsweredAt,
                Stage = st == null ? ServiceDefect.StageNotSure : st.Name,
                Position = st == null ? int.MaxValue : st.Position,
                s.OutcomeFair,
                s.EasyAndQuick,
                s.TreatedWithRespect,
                s.Recommend,
                s.Comment,
                s.CaseId,
            };

        var rows = await surveys
            .OrderBy(s => s.IssuedAt)
            .Select(s => new { s.IssuedAt, s.AnsweredAt, s.Stage, s.Position, s.OutcomeFair, s.EasyAndQuick, s.TreatedWithRespect, s.Recommend, HasComment = s.Comment != null })
            .Take(PracticeFigures.MaxCaseRows + 1)
            .ToListAsync(cancellationToken);
        var sent = rows.Take(PracticeFigures.MaxCaseRows).Select(r => new Sent(
                ReportPeriod.FirstOfMonth(DateOnly.FromDateTime(locale.ToLocal(r.IssuedAt))), r.Stage, r.Position, r.AnsweredAt is not null,
                r.OutcomeFair, r.EasyAndQuick, r.TreatedWithRespect, r.Recommend))
            .ToList();
        var commentCount = rows.Count(r => r.AnsweredAt is not null && r.HasComment);

        var comments = commentCount == 0 ? [] : await (
                from s in surveys
                where s.AnsweredAt != null && s.Comment != null
                join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
                orderby s.AnsweredAt descending
                select new Comment(s.AnsweredAt!.Value, c.Reference, s.Stage, s.OutcomeFair, s.EasyAndQuick, s.TreatedWithRespect, s.Recommend, s.Comment!))
            .Take(MaxComments)
            .ToListAsync(cancellationToken);
        return new Data(practice, sent, rows.Count > PracticeFigures.MaxCaseRows, comments, commentCount);
    }

    /// <summary>The survey figures of the page and its CSV files: by month, by stage, and the comments; one figure only when none was sent.</summary>
    public static IReadOnlyList<FigureTable> Tables(ReportPeriod period, IReadOnlyList<Data> practices)
    {
        var locale = practices[0].Practice.Locale;
        var culture = locale.CultureInfo;
        var all = practices.SelectMany(p => p.Surveys).ToList();
        var byMonth = all.ToLookup(s => s.Month);
        var monthRows = period.Months.Where(m => byMonth[m].Any())
            .Select(m => Row(m.ToString(culture.DateTimeFormat.YearMonthPattern, culture), byMonth[m].ToList(), culture)).ToList();
        var footer = all.Count == 0 ? [] : new List<FigureRow> { Row("Whole period", all, culture) };
        var months = new FigureTable("survey-months", "Satisfaction with recovery, by month",
            "The recovery surveys sent in the period, by the month they were sent: how many were answered (an expired survey counts as sent, not answered), " +
            "for each question the median answer (1 to 5) and the share answering 4 or 5, and the Net Promoter Score: the share answering 9 or 10 " +
            "to \"would you recommend us\" minus the share answering 0 to 6, in points.",
            "Recovery surveys by the month they were sent: sent, answered, response rate, the median and the share of 4 or 5 for each question, and the Net Promoter Score.",
            Columns("Month"), monthRows, Chart(monthRows.Select(r => r.Header).ToList(), period.Months.Where(m => byMonth[m].Any()).Select(m => byMonth[m].ToList()).ToList(), "month"),
            "No surveys were sent in this period.")
        {
            Footer = footer,
        };
        if (all.Count == 0)
        {
            return [months];
        }

        var stages = all.GroupBy(s => s.Stage, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Min(s => s.StagePosition)).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var stageRows = stages.Select(g => Row(g.First().Stage, g.ToList(), culture)).ToList();
        var byStage = new FigureTable("survey-stages", "Satisfaction with recovery, by stage",
            "The same surveys by the stage of the patient's journey where the case's defect happened.",
            "Recovery surveys by stage: sent, answered, response rate, the median and the share of 4 or 5 for each question, and the Net Promoter Score.",
            Columns("Stage"), stageRows, Chart(stageRows.Select(r => r.Header).ToList(), stages.Select(g => g.ToList()).ToList(), "stage", horizontal: true),
            "No surveys were sent in this period.");

        var comments = practices.SelectMany(p => p.Comments).OrderByDescending(c => c.AnsweredAt).Take(MaxComments).ToList();
        var count = practices.Sum(p => p.CommentCount);
        var shown = count > comments.Count ? $" The newest {comments.Count.ToString("N0", culture)} of {count.ToString("N0", culture)} are shown; the CSV has the same." : "";
        var commentTable = new FigureTable("survey-comments", "Comments from the recovery survey",
            $"What patients wrote, newest first, with the case's reference and stage (never the patient's name).{shown}",
            $"Survey comments, newest first: {count.ToString("N0", culture)} in all.",
            ["Answered", "Case", "Stage", "The outcome was fair", "It was easy and quick", "I was treated with respect", "Would recommend (0–10)", "Comment"],
            comments.Select(c => new FigureRow(DateOnly.FromDateTime(locale.ToLocal(c.AnsweredAt)).ToString("d MMM yyyy", culture),
                [c.Reference, c.Stage, Answer(c.OutcomeFair, culture), Answer(c.EasyAndQuick, culture), Answer(c.TreatedWithRespect, culture), Answer(c.Recommend, culture), c.Text])).ToList(),
            null, "No patient wrote a comment on the surveys of this period.");
        return [months, byStage, commentTable];
    }

    /// <summary>The Net Promoter Score of some recommend answers (0 to 10), in points from −100 to 100; null without any.</summary>
    public static double? NetPromoterScore(IReadOnlyCollection<int> recommend) =>
        recommend.Count == 0 ? null : 100.0 * (recommend.Count(r => r >= 9) - recommend.Count(r => r <= 6)) / recommend.Count;

    private static string[] Columns(string first) =>
    [
        first, "Sent", "Answered", "Response rate",
        "The outcome was fair: median", "The outcome was fair: 4 or 5",
        "It was easy and quick: median", "It was easy and quick: 4 or 5",
        "I was treated with respect: median", "I was treated with respect: 4 or 5",
        "Net Promoter Score (points)",
    ];

    private static FigureRow Row(string header, List<Sent> surveys, CultureInfo culture)
    {
        var answered = surveys.Where(s => s.Answered).ToList();
        string? Percent(int part, int whole) => whole == 0 ? null : ((double)part / whole).ToString("P1", culture);
        IEnumerable<string?> Question(Func<Sent, int?> answer)
        {
            var values = answered.Select(answer).OfType<int>().Select(v => (double)v).Order().ToList();
            yield return Percentiles.Of(values, 0.5)?.ToString("N1", culture);
            yield return Percent(values.Count(v => v >= 4), values.Count);
        }

        var nps = NetPromoterScore(answered.Select(s => s.Recommend).OfType<int>().ToList());
        return new FigureRow(header,
        [
            surveys.Count.ToString("N0", culture), answered.Count.ToString("N0", culture), Percent(answered.Count, surveys.Count),
            .. Question(s => s.OutcomeFair), .. Question(s => s.EasyAndQuick), .. Question(s => s.TreatedWithRespect),
            nps?.ToString("N1", culture),
        ]);
    }

    private static ChartSpec Chart(IReadOnlyList<string> labels, IReadOnlyList<List<Sent>> groups, string by, bool horizontal = false)
    {
        static double? Share(List<Sent> group, Func<Sent, int?> answer)
        {
            var values = group.Where(s => s.Answered).Select(answer).OfType<int>().ToList();
            return values.Count == 0 ? null : Math.Round(100.0 * values.Count(v => v >= 4) / values.Count, 1);
        }

        return new ChartSpec("bar",
            $"Bar chart of the share of answers of 4 or 5 to each of the three questions, and the response rate, by {by}. The table below has the numbers.",
            labels,
            [
                new ChartSeries("The outcome was fair: 4 or 5 (%)", groups.Select(g => Share(g, s => s.OutcomeFair)).ToList()),
                new ChartSeries("It was easy and quick: 4 or 5 (%)", groups.Select(g => Share(g, s => s.EasyAndQuick)).ToList()),
                new ChartSeries("I was treated with respect: 4 or 5 (%)", groups.Select(g => Share(g, s => s.TreatedWithRespect)).ToList()),
                new ChartSeries("Response rate (%)", groups.Select(g => (double?)Math.Round(100.0 * g.Count(s => s.Answered) / g.Count, 1)).ToList()),
            ],
            "Surveys (%)", Horizontal: horizontal, ValueMax: 100);
    }

    private static string? Answer(int? value, CultureInfo culture) => value?.ToString(culture);
}
