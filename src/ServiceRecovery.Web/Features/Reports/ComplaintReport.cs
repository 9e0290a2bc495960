using System.Globalization;

using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The annual complaints report of a manager's practices for a period: the lines each practice's complaint profile asks
/// for, then what every profile shares (received by how, handling times, outcomes, subjects, improvements), one column
/// per practice. The default period is the last complete complaints year of the (first) practice's profile
/// (<see cref="ComplaintYear"/>). Anonymous: counts, stage, category and improvement names only.
/// </summary>
public static class ComplaintReport
{
    /// <summary>Reports are a manager's: a person reads only the practices they manage (a wrong practice is a problem on the form).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(string? From, string? To, string? Practice) : IQuery<Result>;

    public sealed record Result(
        string? From,
        string? To,
        string Practice,
        IReadOnlyList<ServiceReports.PracticeChoice> Practices,
        IReadOnlyList<ReportProblem> Problems,
        Report? Report);

    public sealed record Report(ReportPeriod Period, IReadOnlyList<ComplaintFigures.Data> Practices, IReadOnlyList<ComplaintTable> Tables, string YearRule)
    {
        public bool IsEmpty => Practices.All(p => p.Received == 0);

        public string Scope => string.Join(", ", Practices.Select(p => p.Practice.Name));

        public CultureInfo Culture => Practices[0].Practice.Locale.CultureInfo;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.ReadablePracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking()
                .Where(p => managed.Contains(p.Id))
                .OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.ComplaintProfileId })
                .ToListAsync(cancellationToken);
            var choices = practices.Select(p => new ServiceReports.PracticeChoice(p.Id, p.Name)).ToList();
            var practice = string.IsNullOrWhiteSpace(query.Practice) ? ServiceReports.AllPractices : query.Practice.Trim();
            if (practices.Count == 0)
            {
                return new Result(query.From, query.To, practice, choices, [new ReportProblem("", "You do not belong to a practice yet, so there is nothing to report.")], null);
            }

            var problems = new List<ReportProblem>();
            var selected = practices;
            if (practice != ServiceReports.AllPractices)
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

            // "Today" and the complaints year are those of the (first) practice reported on.
            var first = selected[0];
            var locale = new PracticeLocale(first.TimeZoneId, first.Culture, first.Currency);
            var today = locale.DateAt(clock.GetUtcNow());
            var year = ComplaintYear.LastComplete(first.ComplaintProfileId, today);
            var (period, dateProblems) = ReportPeriod.Parse(
                string.IsNullOrWhiteSpace(query.From) && string.IsNullOrWhiteSpace(query.To) ? ReportPeriod.Format(year.From) : query.From,
                string.IsNullOrWhiteSpace(query.From) && string.IsNullOrWhiteSpace(query.To) ? ReportPeriod.Format(year.To) : query.To,
                today);
            problems.AddRange(dateProblems);
            if (problems.Count > 0 || period is null)
            {
                return new Result(query.From, query.To, practice, choices, problems, null);
            }

            var data = new List<ComplaintFigures.Data>(selected.Count);
            foreach (var one in selected)
            {
                var info = new PracticeInfo(one.Id, one.Name, new PracticeLocale(one.TimeZoneId, one.Culture, one.Currency));
                data.Add(await ComplaintFigures.LoadAsync(db, info, period, cancellationToken));
            }

            var report = new Report(period, data, ComplaintTables.Build(period, data), ComplaintYear.Words(first.ComplaintProfileId));
            return new Result(ReportPeriod.Format(period.From), ReportPeriod.Format(period.To), practice, choices, problems, report);
        }
    }
}
