using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The manager's reports for a period, for one of their practices or all of them. The inputs come from the
/// query string as typed; anything wrong with them comes back as problems to show, never as an error page.
/// </summary>
public static class ServiceReports
{
    public const string AllPractices = "all";

    /// <summary>Reports are a manager's: a person reads only the practices they manage (a wrong practice is a problem on the form).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(string? From, string? To, string? Practice) : IQuery<Result>;

    /// <summary>What the form shows (the period in force, or the inputs as typed when they are wrong) and the report, when there is one.</summary>
    public sealed record Result(
        string? From,
        string? To,
        string Practice,
        IReadOnlyList<PracticeChoice> Practices,
        IReadOnlyList<ReportProblem> Problems,
        Report? Report);

    public sealed record PracticeChoice(Guid Id, string Name);

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock, ReportCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The practice filter of the context keeps this to the user's own practices; of those, the ones they manage.
            var managed = user.ReadablePracticesWhere(StaffRole.PracticeManager);
            var practices = (await db.Practices.AsNoTracking()
                    .Where(p => managed.Contains(p.Id))
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency })
                    .ToListAsync(cancellationToken))
                .Select(p => new PracticeInfo(p.Id, p.Name, new PracticeLocale(p.TimeZoneId, p.Culture, p.Currency)))
                .ToList();
            var choices = practices.Select(p => new PracticeChoice(p.Id, p.Name)).ToList();
            var practice = string.IsNullOrWhiteSpace(query.Practice) ? AllPractices : query.Practice.Trim();
            if (practices.Count == 0)
            {
                return new Result(query.From, query.To, practice, choices, [new ReportProblem("", "You do not belong to a practice yet, so there is nothing to report.")], null);
            }

            var problems = new List<ReportProblem>();
            var selected = practices;
            if (practice != AllPractices)
            {
                if (Guid.TryParse(practice, out var id) && practices.Find(p => p.Id == id) is { } one)
                {
                    selected = [one];
                }
                else
                {
                    problems.Add(new ReportProblem("practice", "That practice is not one of yours. Choose one from the list, or all your practices."));
                }
            }

            // "Today" and the default period are those of the (first) practice reported on.
            var today = DateOnly.FromDateTime(selected[0].Locale.ToLocal(clock.GetUtcNow()));
            var (period, dateProblems) = ReportPeriod.Parse(query.From, query.To, today);
            problems.AddRange(dateProblems);
            if (problems.Count > 0 || period is null)
            {
                return new Result(query.From, query.To, practice, choices, problems, null);
            }

            var report = await cache.GetAsync(selected.Select(p => p.Id).ToList(), period, async token =>
            {
                var data = new List<PracticeFigures.Data>(selected.Count);
                foreach (var one in selected)
                {
                    data.Add(await PracticeFigures.LoadAsync(db, one, period, token));
                }

                var behaviour = new List<BehaviourFigures.Data>(selected.Count);
                foreach (var one in selected)
                {
                    behaviour.Add(await BehaviourFigures.LoadAsync(db, one, period, clock.GetUtcNow(), token));
                }

                var surveys = new List<SurveyFigures.Data>(selected.Count);
                foreach (var one in selected)
                {
                    surveys.Add(await SurveyFigures.LoadAsync(db, one, period, token));
                }

                var built = ReportFigures.Build(period, data, compare: selected.Count > 1);
                var capped = surveys.Where(s => s.Capped).Select(s => s.Practice.Name).ToList();
                return built with
                {
                    Figures = [.. built.Figures, BehaviourFigures.Table(behaviour, compare: selected.Count > 1)],
                    Surveys = SurveyFigures.Tables(period, surveys),
                    Notes = capped.Count == 0 ? built.Notes :
                        [.. built.Notes, $"{string.Join(", ", capped)}: the survey figures use the first {PracticeFigures.MaxCaseRows.ToString("N0", selected[0].Locale.CultureInfo)} surveys of the period. Choose a shorter period for exact figures."],
                };
            }, cancellationToken);
            return new Result(ReportPeriod.Format(period.From), ReportPeriod.Format(period.To), practice, choices, problems, report);
        }
    }
}
