using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The queue: cases of the user's practices, overdue first, then by next due time; filtered, paged and
/// counted in the database. Managers see every case; front-desk staff their own and unassigned ones.
/// Filters travel in the query string, so they hold ids and dates only, never patient details.
/// </summary>
public static partial class CaseQueue
{
    public const int PageSize = 25;

    public sealed class Filter
    {
        public ServiceStep? Step { get; set; }
        public Guid? StageId { get; set; }
        public Guid? CategoryId { get; set; }
        public Severity? Severity { get; set; }

        /// <summary>A user id, or "none" for unassigned cases.</summary>
        public string? Owner { get; set; }

        public CaseStatus? Status { get; set; } = CaseStatus.Open;
        public Guid? PracticeId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? Reference { get; set; }

        /// <summary>Formal complaints only: cases marked as one, or whose patient asked for one on the comment card.</summary>
        public bool Complaints { get; set; }

        public int Page { get; set; } = 1;

        public const string Unassigned = "none";
    }

    /// <summary>Every member has the queue; what it lists follows their role in each practice (<see cref="Filtered"/>).</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Filter Filter) : IQuery<Result>;

    public sealed record Result(
        IReadOnlyList<Row> Rows, int Total, int Page, int Pages,
        IReadOnlyDictionary<ServiceStep, int> ByStep, IReadOnlyDictionary<Severity, int> BySeverity, int Overdue,
        Options Options, IReadOnlyList<string> Problems, DateTimeOffset Now);

    public sealed record Row(
        Guid Id, Guid Version, string Reference, string PracticeName, Guid PracticeId, string Stage, string? Category, Severity Severity,
        CaseStatus Status, ServiceStep? CurrentStep, DateTimeOffset OpenedAt, DateTimeOffset? NextDueAt, string? OwnerId, string? OwnerName,
        bool AwaitingApproval, PracticeLocale Locale, bool AwaitingDecision = false, bool SecondFailure = false, ComplaintBadge? Complaint = null);

    /// <summary>The "Formal complaint" badge of a row: its nearest running clock, in the danger style once that is overdue.</summary>
    public sealed record ComplaintBadge(string Text, bool Overdue);

    /// <summary>
    /// The badge from the clock columns kept on the case row (no working days are counted here): the nearest due date
    /// of a running clock ("acknowledge by 4 Dec", "respond by 9 Jun"), "overdue" once the practice's day is past it,
    /// "clock paused", "answered", or "asked for: mark it" for a comment card's request nobody could mark yet. Null for
    /// a case that is not a formal complaint.
    /// </summary>
    public static ComplaintBadge? BadgeOf(DateOnly? receivedOn, DateOnly? acknowledgeDue, DateOnly? respondDue, bool responded, bool requested, DateOnly today)
    {
        if (receivedOn is null)
        {
            return requested ? new ComplaintBadge("Formal complaint asked for: mark it", false) : null;
        }

        var (verb, noun, due) = acknowledgeDue is { } acknowledge && (respondDue is not { } r || acknowledge <= r)
            ? ("acknowledge", "acknowledgement", acknowledgeDue)
            : ("respond", "response", respondDue);
        if (due is { } date)
        {
            return date < today
                ? new ComplaintBadge($"Formal complaint: {noun} overdue (due {Day(date)})", true)
                : new ComplaintBadge($"Formal complaint: {verb} by {Day(date)}", false);
        }

        return new ComplaintBadge(responded ? "Formal complaint: answered" : "Formal complaint: clock paused", false);

        static string Day(DateOnly date) => date.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Options(
        IReadOnlyList<Choice> Practices, IReadOnlyList<Choice> Stages, IReadOnlyList<Choice> Categories,
        IReadOnlyList<StaffChoice> Staff, bool SeesAllCases);

    public sealed record Choice(Guid Id, string Name);

    public sealed record StaffChoice(string Id, string Name, Guid PracticeId);

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var filter = query.Filter;
            var problems = Check(filter);
            var options = await OptionsAsync(cancellationToken);
            // The filter's dates mean the chosen practice's days, else the user's first practice's.
            var locale = await PracticeLocales.ForAsync(db, filter.PracticeId, cancellationToken);
            var cases = Filtered(db, user, filter, locale);

            // The counts come from the kept counts where the filter allows (CaseQueue.KeptCounts.cs); otherwise in one
            // read: the cases of the filter without its step and severity, grouped by step, severity and "overdue"; the
            // total, the facets (each ignoring its own filter) and the overdue count are sums of these few groups (at most
            // 8 steps × 4 severities × 2).
            var counts = CanUseKeptCounts(user, filter)
                ? await KeptCountsAsync(db, user, filter, cases, now, cancellationToken)
                : Counts.Of(await Filtered(db, user, filter, locale, ignoreStep: true, ignoreSeverity: true)
                    .GroupBy(c => new { c.CurrentStep, c.Severity, Overdue = c.Status == CaseStatus.Open && c.NextDueAt != null && c.NextDueAt < now })
                    .Select(g => new CountCell(g.Key.CurrentStep, g.Key.Severity, g.Key.Overdue, g.Count()))
                    .ToListAsync(cancellationToken), filter.Step, filter.Severity);
            var pages = Math.Max(1, (counts.Total + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);

            // The page of cases is chosen first, by id, on the case rows alone (the queue's indexes hold everything the
            // filter and the order need, so this reads no table row); only its 25 cases are then read and joined to their
            // stage, category and practice.
            var ids = await PageIdsAsync(cases, page, cancellationToken);
            var pageOfCases = db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id));
            var rows = await (
                    from c in pageOfCases
                    join stage in db.Stages on c.StageId equals (Guid?)stage.Id into stages
                    from stage in stages.DefaultIfEmpty()
                    join category in db.Categories on c.CategoryId equals category.Id into categories
                    from category in categories.DefaultIfEmpty()
                    join practice in db.Practices on c.PracticeId equals practice.Id
                    select new
                    {
                        c.Id,
                        c.Version,
                        c.Reference,
                        PracticeName = practice.Name,
                        c.PracticeId,
                        Stage = stage == null ? ServiceDefect.StageNotSure : stage.Name,
                        Category = category == null ? null : category.Name,
                        c.Severity,
                        c.Status,
                        c.CurrentStep,
                        c.OpenedAt,
                        c.NextDueAt,
                        c.OwnerId,
                        c.OwnerName,
                        AwaitingApproval = c.Gestures.Any(g => g.State == GestureState.PendingApproval),
                        AwaitingDecision = c.HasPendingRequest,
                        SecondFailure = c.RepeatOfCaseId != null,
                        // The kept clock columns of the row, and its complaint's "answered" (a left join in the same query).
                        c.ComplaintReceivedOn,
                        c.ComplaintAcknowledgeDue,
                        c.ComplaintRespondDue,
                        Responded = c.Complaint != null && c.Complaint!.RespondedOn != null,
                        Requested = c.ComplaintRequestedOn != null,
                        practice.TimeZoneId,
                        practice.Culture,
                        practice.Currency,
                    })
                .ToListAsync(cancellationToken);

            // The rows come back in any order; the page's ids are already in the queue's order.
            var position = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
            return new Result(
                rows.OrderBy(r => position[r.Id]).Select(r =>
                {
                    var rowLocale = new PracticeLocale(r.TimeZoneId, r.Culture, r.Currency);
                    var badge = BadgeOf(r.ComplaintReceivedOn, r.ComplaintAcknowledgeDue, r.ComplaintRespondDue, r.Responded, r.Requested, rowLocale.DateAt(now));
                    return new Row(r.Id, r.Version, r.Reference, r.PracticeName, r.PracticeId, r.Stage, r.Category, r.Severity, r.Status, r.CurrentStep,
                        r.OpenedAt, r.NextDueAt, r.OwnerId, r.OwnerName, r.AwaitingApproval, rowLocale, r.AwaitingDecision, r.SecondFailure, badge);
                }).ToList(),
                counts.Total, page, pages, counts.ByStep, counts.BySeverity, counts.Overdue, options, problems, now);
        }

        private async Task<Options> OptionsAsync(CancellationToken cancellationToken)
        {
            var working = user.PracticesWhere(StaffRole.FrontDesk);
            var practices = await db.Practices.AsNoTracking().Where(p => working.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
            var stages = await db.Stages.AsNoTracking().OrderBy(s => s.PracticeId).ThenBy(s => s.Position).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
            var categories = await db.Categories.AsNoTracking().OrderBy(c => c.PracticeId).ThenBy(c => c.Position).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken);
            var practiceIds = practices.Select(p => p.Id).ToList();
            var staff = await (from m in db.Memberships
                               join u in db.Users on m.UserId equals u.Id
                               where practiceIds.Contains(m.PracticeId) && u.IsActive
                               orderby u.DisplayName
                               select new StaffChoice(u.Id, u.DisplayName, m.PracticeId)).ToListAsync(cancellationToken);
            return new Options(practices, stages, categories, staff, SeesAllCases(user));
        }
    }

    /// <summary>Whether the person manages every practice they belong to, so the queue lists all their practices' cases.</summary>
    public static bool SeesAllCases(ICurrentUser user) => user.PracticeIds.Length > 0 && user.PracticesWhere(StaffRole.PracticeManager).Length == user.PracticeIds.Length;

    /// <summary>Messages for filter values that cannot be used; the query then ignores those values.</summary>
    public static IReadOnlyList<string> Check(Filter filter)
    {
        var problems = new List<string>();
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            problems.Add("The 'to' date is before the 'from' date, so the date range is ignored.");
            filter.From = filter.To = null;
        }

        if (filter.Reference is { Length: > 20 })
        {
            problems.Add("A case reference looks like SR-2026-0042; that one is too long, so it is ignored.");
            filter.Reference = null;
        }

        if (filter.Step is { } step && !Enum.IsDefined(step))
        {
            problems.Add("Choose a step from the list.");
            filter.Step = null;
        }

        if (filter.Severity is { } severity && !Enum.IsDefined(severity))
        {
            problems.Add("Choose a severity from the list.");
            filter.Severity = null;
        }

        if (filter.Status is { } status && !Enum.IsDefined(status))
        {
            problems.Add("Choose a status from the list.");
            filter.Status = CaseStatus.Open;
        }

        return problems;
    }

    /// <summary>The cases the filter selects, within what the user may see. Shared by the page and the CSV export.</summary>
    public static IQueryable<RecoveryCase> Filtered(AppDbContext db, ICurrentUser user, Filter filter, PracticeLocale locale, bool ignoreStep = false, bool ignoreSeverity = false)
    {
        var cases = db.Cases.AsNoTracking();
        if (!SeesAllCases(user))
        {
            // The work list, not the access rule: at a practice where the person is front desk it lists their own cases and
            // the unassigned ones; any case of the practice still opens from the home page or a search (docs/security.md).
            var me = user.UserId;
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            cases = managed.Length == 0
                ? cases.Where(c => c.OwnerId == me || c.OwnerId == null)
                : cases.Where(c => managed.Contains(c.PracticeId) || c.OwnerId == me || c.OwnerId == null);
        }

        if (filter.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }

        if (filter.PracticeId is { } practiceId)
        {
            cases = cases.Where(c => c.PracticeId == practiceId);
        }
        else
        {
            // The practice filter already limits the cases to the user's practices, but in a form (a parameter OR the
            // practice) that no index can serve; said again plainly, the counts read the (PracticeId, Status, …) indexes
            // instead of every case of every practice.
            var practiceIds = user.PracticeIds;
            cases = cases.Where(c => practiceIds.Contains(c.PracticeId));
        }

        if (filter.Step is { } step && !ignoreStep)
        {
            cases = cases.Where(c => c.CurrentStep == step);
        }

        if (filter.StageId is { } stageId)
        {
            cases = cases.Where(c => c.StageId == stageId);
        }

        if (filter.CategoryId is { } categoryId)
        {
            cases = cases.Where(c => c.CategoryId == categoryId);
        }

        if (filter.Severity is { } severity && !ignoreSeverity)
        {
            cases = cases.Where(c => c.Severity == severity);
        }

        if (filter.Owner == Filter.Unassigned)
        {
            cases = cases.Where(c => c.OwnerId == null);
        }
        else if (!string.IsNullOrEmpty(filter.Owner))
        {
            var owner = filter.Owner;
            cases = cases.Where(c => c.OwnerId == owner);
        }

        // Whole days at the practice: from its midnight on From to its midnight after To.
        if (filter.From is { } from)
        {
            var start = locale.FromLocal(from.ToDateTime(TimeOnly.MinValue));
            cases = cases.Where(c => c.OpenedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = locale.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            cases = cases.Where(c => c.OpenedAt < end);
        }

        if (filter.Complaints)
        {
            cases = cases.Where(c => c.ComplaintReceivedOn != null || c.ComplaintRequestedOn != null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reference))
        {
            var reference = filter.Reference.Trim().ToUpperInvariant();
            cases = CaseReference.TryParse(reference, out var parsed)
                ? cases.Where(c => c.Year == parsed.Year && c.Number == parsed.Number)
                : cases.Where(c => c.Reference.StartsWith(reference));
        }

        return cases;
    }

    /// <summary>
    /// The ids of one page in <see cref="Ordered"/>'s order, read in two parts: the cases with a due time by due time,
    /// which the queue index (PracticeId, Status, NextDueAt, …) walks in order, so the first page reads 25 entries
    /// rather than sorting every open case; then, where the page reaches past them, the cases without one (settled
    /// cases), newest first. One ordered query over both sorts them all, as no index order puts nulls last.
    /// </summary>
    private static async Task<List<Guid>> PageIdsAsync(IQueryable<RecoveryCase> cases, int page, CancellationToken cancellationToken)
    {
        var skip = (page - 1) * PageSize;
        var ids = await cases.Where(c => c.NextDueAt != null)
            .OrderBy(c => c.NextDueAt).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip(skip).Take(PageSize).Select(c => c.Id).ToListAsync(cancellationToken);
        if (ids.Count == PageSize)
        {
            return ids;
        }

        var withDueTime = ids.Count > 0 || skip == 0 ? skip + ids.Count : await cases.CountAsync(c => c.NextDueAt != null, cancellationToken);
        ids.AddRange(await cases.Where(c => c.NextDueAt == null)
            .OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip(Math.Max(0, skip - withDueTime)).Take(PageSize - ids.Count).Select(c => c.Id).ToListAsync(cancellationToken));
        return ids;
    }

    /// <summary>
    /// Overdue first, then by next due time; cases without a due time (settled ones) last, newest first. An overdue case
    /// is one whose due time is before now, so ordering by due time alone already lists the overdue cases first: no
    /// "overdue" key is computed per case, and the order does not depend on the time of the request.
    /// </summary>
    public static IQueryable<RecoveryCase> Ordered(IQueryable<RecoveryCase> cases) => cases
        .OrderBy(c => c.NextDueAt == null)
        .ThenBy(c => c.NextDueAt)
        .ThenByDescending(c => c.OpenedAt)
        .ThenBy(c => c.Id);
}
