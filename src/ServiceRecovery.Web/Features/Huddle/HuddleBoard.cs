using ServiceRecovery.Web.Features.WelcomeBacks;
using ServiceRecovery.Web.Infrastructure.Caching;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The huddle board of one practice: open cases by step, overdue, new since the last huddle, this week's wins,
/// lessons to share, the stage heatmap of the last 30 days, today's follow-ups and today's welcome backs.
/// It shows case references, stages, categories and steps only: never a patient's name, contact details or
/// the defect's description, because the board hangs on a wall and may be opened through a link without sign-in.
/// Lessons are the one text written by staff: signed-in staff see those waiting to be shared, and a display link shows
/// only lessons a manager has marked shared (after reading them on the signed-in board), never one before that.
/// Every panel is a count in SQL or a short list (Take), so its cost follows open work, not history.
/// </summary>
public static class HuddleBoard
{
    public const int OverdueShown = 6;
    public const int NewShown = 5;
    public const int LessonsShown = 3;

    /// <summary>How long a shared lesson stays on the board a display link shows.</summary>
    public const int SharedLessonDays = 7;
    public const int FollowUpsShown = 4;
    public const int WelcomeBackShown = 6;
    public const int HeatmapDays = 30;
    public const int MaxPractices = 50;

    /// <summary>The most weeks 30 days can touch: four whole weeks and a part week at each end.</summary>
    private const int MaxHeatmapWeeks = 6;

    /// <summary>Staff ask for one of their practices (the first by name when none is given).</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid? PracticeId) : IQuery<Board?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    /// <summary>A staff-room TV gives the display link's token instead, and sees only the practice that token belongs to.</summary>
    [PublicRequest("The display link's token is the credential: only its hash is stored, and it shows one practice's board, which carries no patient details.")]
    public sealed record DisplayQuery(string DisplayToken) : IQuery<Board?>;

    public sealed record Board(
        Guid PracticeId,
        string PracticeName,
        PracticeLocale Locale,
        DateTimeOffset Now,
        DateOnly Today,
        DateTimeOffset? DisplayLinkIssuedAt,
        IReadOnlyList<PracticeChoice> Practices,
        StepsPanel Steps,
        OverduePanel Overdue,
        NewPanel New,
        WinsPanel Wins,
        LessonsPanel Lessons,
        HeatmapPanel Heatmap,
        FollowUpsPanel FollowUps,
        WelcomeBackPanel WelcomeBack);

    public sealed record PracticeChoice(Guid Id, string Name);

    /// <summary>Everything on the board that is the same for every screen of the practice; kept a few seconds by <see cref="BoardCache"/>.</summary>
    public sealed record Panels(
        DateTimeOffset Now,
        DateOnly Today,
        StepsPanel Steps,
        OverduePanel Overdue,
        NewPanel New,
        WinsPanel Wins,
        LessonsPanel Lessons,
        HeatmapPanel Heatmap,
        FollowUpsPanel FollowUps,
        WelcomeBackPanel WelcomeBack);

    /// <summary>Open cases per current step; <see cref="Settled"/> counts reopened cases with every step settled.</summary>
    public sealed record StepsPanel(IReadOnlyList<StepCount> Steps, int Settled, int Open);

    public sealed record StepCount(ServiceStep Step, int Count);

    public sealed record OverduePanel(IReadOnlyList<OverdueRow> Rows, int Total);

    /// <summary>The step that is overdue (the unsettled step due first) and by how long.</summary>
    public sealed record OverdueRow(string Reference, ServiceStep Step, TimeSpan By);

    /// <summary>Cases opened after <see cref="Since"/>: the last huddle, or the last 24 hours when there was none.</summary>
    public sealed record NewPanel(DateTimeOffset Since, bool SinceHuddle, IReadOnlyList<NewRow> Rows, int Total);

    public sealed record NewRow(string Reference, string Stage, string? Category, ServiceStep? Step);

    public sealed record WinsPanel(DateOnly WeekStart, int GesturesGiven, decimal GestureTotal, int PatientsReturned);

    /// <summary>
    /// Signed in: the lessons waiting to be shared. Through a display link (<see cref="SharedOnly"/>): the lessons
    /// shared in the last <see cref="SharedLessonDays"/> days, because a lesson is free text and is shown to whoever
    /// stands at the TV only once a manager has read and shared it.
    /// </summary>
    public sealed record LessonsPanel(IReadOnlyList<LessonRow> Rows, int Total, bool SharedOnly = false);

    public sealed record LessonRow(Guid CaseId, string Reference, string Text);

    public sealed record HeatmapPanel(IReadOnlyList<HeatWeek> Weeks, IReadOnlyList<HeatRow> Rows, int Total)
    {
        /// <summary>
        /// heat-0 for none, then 1 to 5 relative to the busiest cell; a scale of at least 5 keeps a quiet month
        /// (one defect here and there) from glowing as hot as a bad one.
        /// </summary>
        public int Level(int count)
        {
            var scale = Math.Max(5, Rows.SelectMany(r => r.Counts).DefaultIfEmpty(0).Max());
            return count <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(count * 5.0 / scale), 1, 5);
        }
    }

    /// <summary>A column of the heatmap: a calendar week at the practice, cut to the 30 days shown.</summary>
    public sealed record HeatWeek(DateOnly From, DateOnly To, bool IsCurrent)
    {
        /// <summary>Fewer than 7 for the part weeks at either end of the 30 days, so no one compares them with whole weeks.</summary>
        public int Days => To.DayNumber - From.DayNumber + 1;
    }

    public sealed record HeatRow(string Stage, IReadOnlyList<int> Counts, bool Retired);

    public sealed record FollowUpsPanel(IReadOnlyList<FollowUpRow> Rows, int Total);

    public sealed record FollowUpRow(string Reference, FollowUpMethod Method);

    /// <summary>Patients with a recent recovery booked today: the case's reference, stage and time only, never a name.</summary>
    public sealed record WelcomeBackPanel(IReadOnlyList<WelcomeBackRow> Rows, int Total);

    public sealed record WelcomeBackRow(string Reference, string Stage, DateTimeOffset StartsAt);

    /// <summary>The first day of the week containing <paramref name="day"/>, as the practice's culture counts weeks.</summary>
    public static DateOnly StartOfWeek(DateOnly day, PracticeLocale locale)
    {
        var first = locale.CultureInfo.DateTimeFormat.FirstDayOfWeek;
        return day.AddDays(-(((int)day.DayOfWeek - (int)first + 7) % 7));
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock, BoardCache cache)
        : IQueryHandler<Query, Board?>, IQueryHandler<DisplayQuery, Board?>
    {
        public async ValueTask<Board?> Handle(Query query, CancellationToken cancellationToken)
        {
            var (practice, choices) = await ForStaffAsync(query.PracticeId, cancellationToken);
            return await BoardOfAsync(practice, choices, viaDisplayLink: false, cancellationToken);
        }

        public async ValueTask<Board?> Handle(DisplayQuery query, CancellationToken cancellationToken) =>
            await BoardOfAsync(await ByDisplayTokenAsync(query.DisplayToken, cancellationToken), [], viaDisplayLink: true, cancellationToken);

        private async Task<Board?> BoardOfAsync(PracticeHeader? practice, IReadOnlyList<PracticeChoice> choices, bool viaDisplayLink, CancellationToken cancellationToken)
        {
            if (practice is null)
            {
                return null;
            }

            var locale = new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
            var panels = await cache.GetAsync(practice.Id, viaDisplayLink, token => ComputeAsync(practice, locale, viaDisplayLink, token), cancellationToken);

            return new Board(
                practice.Id, practice.Name, locale, panels.Now, panels.Today, practice.DisplayTokenIssuedAt, choices,
                panels.Steps, panels.Overdue, panels.New, panels.Wins, panels.Lessons, panels.Heatmap, panels.FollowUps, panels.WelcomeBack);
        }

        private async Task<Panels> ComputeAsync(PracticeHeader practice, PracticeLocale locale, bool viaDisplayLink, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(locale.ToLocal(now));
            var scope = new BoardScope(db, practice.Id, viaDisplayLink);
            return new Panels(
                now,
                today,
                await StepsAsync(scope, cancellationToken),
                await OverdueAsync(scope, now, cancellationToken),
                await NewAsync(scope, practice.LastHuddleAt, now, cancellationToken),
                await WinsAsync(scope, locale, today, cancellationToken),
                viaDisplayLink ? await SharedLessonsAsync(scope, today, cancellationToken) : await LessonsAsync(scope, cancellationToken),
                await HeatmapAsync(scope, locale, today, now, cancellationToken),
                await FollowUpsAsync(scope, today, cancellationToken),
                await WelcomeBackAsync(scope, locale, now, cancellationToken));
        }

        /// <summary>
        /// A display link has no signed-in user, so the practice filter (the user's practices) is lifted for this
        /// one lookup by the token's hash; everything after it is limited explicitly to the practice found.
        /// </summary>
        private async Task<PracticeHeader?> ByDisplayTokenAsync(string token, CancellationToken cancellationToken)
        {
            if (token.Length is < 20 or > 100)
            {
                return null;
            }

            var hash = SecretToken.Hash(token);
            return await db.Practices.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.DisplayTokenHash == hash)
                .Select(p => new PracticeHeader(p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.LastHuddleAt, p.DisplayTokenIssuedAt))
                .SingleOrDefaultAsync(cancellationToken);
        }

        /// <summary>The signed-in user's practices (the practice filter applies); the one asked for must be among them.</summary>
        private async Task<(PracticeHeader?, IReadOnlyList<PracticeChoice>)> ForStaffAsync(Guid? practiceId, CancellationToken cancellationToken)
        {
            if (!user.IsSignedIn)
            {
                return (null, []);
            }

            var working = user.PracticesWhere(StaffRole.FrontDesk);
            var practices = await db.Practices.AsNoTracking()
                .Where(p => working.Contains(p.Id))
                .OrderBy(p => p.Name)
                .Take(MaxPractices)
                .Select(p => new PracticeHeader(p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.LastHuddleAt, p.DisplayTokenIssuedAt))
                .ToListAsync(cancellationToken);
            var chosen = practiceId is { } id ? practices.SingleOrDefault(p => p.Id == id) : practices.FirstOrDefault();
            return (chosen, practices.Select(p => new PracticeChoice(p.Id, p.Name)).ToList());
        }

        private static async Task<StepsPanel> StepsAsync(BoardScope scope, CancellationToken cancellationToken)
        {
            var counts = await scope.OpenCases
                .GroupBy(c => c.CurrentStep)
                .Select(g => new { Step = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var steps = ServiceSteps.InOrder.Select(s => new StepCount(s, counts.SingleOrDefault(c => c.Step == s)?.Count ?? 0)).ToList();
            return new StepsPanel(steps, counts.SingleOrDefault(c => c.Step is null)?.Count ?? 0, counts.Sum(c => c.Count));
        }

        private static async Task<OverduePanel> OverdueAsync(BoardScope scope, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var overdue = scope.OpenCases.Where(c => c.NextDueAt < now);
            var total = await overdue.CountAsync(cancellationToken);
            var rows = await overdue
                .OrderBy(c => c.NextDueAt).ThenBy(c => c.Reference)
                .Take(OverdueShown)
                .Select(c => new { c.Reference, c.Steps })
                .ToListAsync(cancellationToken);
            return new OverduePanel(rows.Select(r =>
            {
                // An overdue case has an unsettled step: its next due time is in the past.
                var (step, track) = r.Steps.NextDue!.Value;
                return new OverdueRow(r.Reference, step, now - track.DueAt);
            }).ToList(), total);
        }

        private static async Task<NewPanel> NewAsync(BoardScope scope, DateTimeOffset? lastHuddle, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var since = lastHuddle ?? now.AddHours(-24);
            var fresh = scope.Cases.Where(c => c.OpenedAt > since && c.Status != CaseStatus.Withdrawn);
            var total = await fresh.CountAsync(cancellationToken);
            var rows = await (
                    from c in fresh
                    join stage in scope.Stages on c.Defect.StageId equals (Guid?)stage.Id into stages
                    from stage in stages.DefaultIfEmpty()
                    join category in scope.Categories on c.Defect.CategoryId equals (Guid?)category.Id into categories
                    from category in categories.DefaultIfEmpty()
                    orderby c.OpenedAt descending
                    select new NewRow(c.Reference, stage == null ? ServiceDefect.StageNotSure : stage.Name, category == null ? null : category.Name, c.CurrentStep))
                .Take(NewShown)
                .ToListAsync(cancellationToken);
            return new NewPanel(since, lastHuddle is not null, rows, total);
        }

        /// <summary>This week at the practice: gestures given (or approved) since the week began, and patients who came back.</summary>
        private static async Task<WinsPanel> WinsAsync(BoardScope scope, PracticeLocale locale, DateOnly today, CancellationToken cancellationToken)
        {
            var weekStart = StartOfWeek(today, locale);
            var weekStartUtc = locale.FromLocal(weekStart.ToDateTime(TimeOnly.MinValue));
            var gestures = await (
                    from g in scope.Records<Gesture>()
                    join c in scope.Cases on g.CaseId equals c.Id
                    where g.State == GestureState.Given && (g.DecidedAt ?? g.RecordedAt) >= weekStartUtc
                          // Implied by the line above, and answerable from the (State, RecordedAt) and (State, DecidedAt)
                          // indexes: this week's gestures are read, not every gesture ever given.
                          && (g.RecordedAt >= weekStartUtc || g.DecidedAt >= weekStartUtc)
                    group g by 1 into week
                    select new { Count = week.Count(), Total = week.Sum(g => g.Amount) })
                .SingleOrDefaultAsync(cancellationToken);
            // The week's returns (by date) first, then their cases: as a join, SQLite starts from every case of the
            // practice instead, which grows with its history.
            var returnedCases = scope.Records<PatientReturn>()
                .Where(r => r.ReturnedOn >= weekStart && r.ReturnedOn <= today)
                .Select(r => r.CaseId);
            var returned = await scope.Cases
                .Where(c => returnedCases.Contains(c.Id))
                // An anonymous comment card's patient is one patient per case.
                .Select(c => c.Defect.PatientId ?? c.Id)
                .Distinct()
                .CountAsync(cancellationToken);
            return new WinsPanel(weekStart, gestures?.Count ?? 0, gestures?.Total ?? 0, returned);
        }

        /// <summary>Lessons of open cases not yet shared at a huddle; a corrected lesson shows in its latest wording only.</summary>
        private static async Task<LessonsPanel> LessonsAsync(BoardScope scope, CancellationToken cancellationToken)
        {
            var lessons = scope.Records<Lesson>();
            var unshared =
                from c in scope.OpenCases
                join l in lessons on c.Id equals l.CaseId
                where l.SharedOn == null && !lessons.Any(correction => correction.CorrectsId == l.Id)
                select new { c.Id, c.Reference, l.Text, l.RecordedAt };
            var total = await unshared.CountAsync(cancellationToken);
            var rows = await unshared
                .OrderBy(l => l.RecordedAt)
                .Take(LessonsShown)
                .Select(l => new LessonRow(l.Id, l.Reference, l.Text))
                .ToListAsync(cancellationToken);
            return new LessonsPanel(rows, total);
        }

        /// <summary>
        /// For a display link: lessons a manager marked shared in the last few days, of cases not withdrawn, newest first.
        /// A lesson corrected since is left out, so a wording corrected away (a name, say) never comes back on the TV; its
        /// correction waits to be shared like any new lesson.
        /// </summary>
        private static async Task<LessonsPanel> SharedLessonsAsync(BoardScope scope, DateOnly today, CancellationToken cancellationToken)
        {
            var since = today.AddDays(-(SharedLessonDays - 1));
            var lessons = scope.Records<Lesson>();
            var shared =
                from c in scope.Cases
                join l in lessons on c.Id equals l.CaseId
                where l.SharedOn != null && l.SharedOn >= since && c.Status != CaseStatus.Withdrawn
                      && !lessons.Any(correction => correction.CorrectsId == l.Id)
                select new { c.Id, c.Reference, l.Text, l.SharedOn, l.RecordedAt };
            var total = await shared.CountAsync(cancellationToken);
            var rows = await shared
                .OrderByDescending(l => l.SharedOn).ThenByDescending(l => l.RecordedAt)
                .Take(LessonsShown)
                .Select(l => new LessonRow(l.Id, l.Reference, l.Text))
                .ToListAsync(cancellationToken);
            return new LessonsPanel(rows, total, SharedOnly: true);
        }

        /// <summary>
        /// Defects of the last 30 days (by when they happened) per stage and week, counted in SQL: each defect's week
        /// is a CASE over the weeks' end instants, so the result is at most stages × weeks rows.
        /// </summary>
        private static async Task<HeatmapPanel> HeatmapAsync(
            BoardScope scope, PracticeLocale locale, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var weeks = new List<HeatWeek>();
            var from = today.AddDays(-(HeatmapDays - 1));
            for (var start = from; start <= today;)
            {
                var next = StartOfWeek(start, locale).AddDays(7);
                var end = next <= today ? next.AddDays(-1) : today;
                weeks.Add(new HeatWeek(start, end, end == today));
                start = next;
            }

            DateTimeOffset StartOf(DateOnly day) => locale.FromLocal(day.ToDateTime(TimeOnly.MinValue));
            var windowStart = StartOf(from);
            // Ends of the weeks; unused slots lie in the future, so no defect falls past the last real week.
            var ends = Enumerable.Range(0, MaxHeatmapWeeks)
                .Select(i => i < weeks.Count ? StartOf(weeks[i].To.AddDays(1)) : now.AddYears(1))
                .ToArray();
            DateTimeOffset e0 = ends[0], e1 = ends[1], e2 = ends[2], e3 = ends[3], e4 = ends[4];

            var cells = await (
                    from d in scope.Defects
                    where d.OccurredAt >= windowStart
                    join c in scope.Cases on d.Id equals c.DefectId
                    where c.Status != CaseStatus.Withdrawn
                    select new
                    {
                        d.StageId,
                        Week = d.OccurredAt < e0 ? 0 : d.OccurredAt < e1 ? 1 : d.OccurredAt < e2 ? 2 : d.OccurredAt < e3 ? 3 : d.OccurredAt < e4 ? 4 : 5,
                    } into cell
                    group cell by new { cell.StageId, cell.Week } into g
                    select new { g.Key.StageId, g.Key.Week, Count = g.Count() })
                .ToListAsync(cancellationToken);

            var stages = await scope.Stages
                .OrderBy(s => s.Position)
                .Select(s => new { s.Id, s.Name, Retired = s.RetiredAt != null })
                .ToListAsync(cancellationToken);
            var rows = stages
                .Select(s => new HeatRow(s.Name,
                    weeks.Select((_, i) => cells.Where(c => c.StageId == s.Id && c.Week == i).Sum(c => c.Count)).ToList(), s.Retired))
                .Where(r => !r.Retired || r.Counts.Any(n => n > 0))
                .ToList();
            return new HeatmapPanel(weeks, rows, rows.Sum(r => r.Counts.Sum()));
        }

        private static async Task<FollowUpsPanel> FollowUpsAsync(BoardScope scope, DateOnly today, CancellationToken cancellationToken)
        {
            var due =
                from f in scope.Records<FollowUp>()
                where f.PlannedFor == today && f.Outcome == null
                join c in scope.OpenCases on f.CaseId equals c.Id
                select new { c.Reference, f.Method, f.RecordedAt };
            var total = await due.CountAsync(cancellationToken);
            var rows = await due
                .OrderBy(f => f.RecordedAt)
                .Take(FollowUpsShown)
                .Select(f => new FollowUpRow(f.Reference, f.Method))
                .ToListAsync(cancellationToken);
            return new FollowUpsPanel(rows, total);
        }

        /// <summary>
        /// Today's welcome backs (the rule of <see cref="WelcomeBackVisits"/>), as reference, stage and start: what the
        /// visit is about is the case's business, who is coming is not the wall's. Appointments change during the day:
        /// a committed change to one drops the practice's panels (see <see cref="PracticeCacheInvalidation"/>).
        /// </summary>
        private static async Task<WelcomeBackPanel> WelcomeBackAsync(BoardScope scope, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (today, tomorrow, _) = WelcomeBackVisits.Days(locale, now);
            var visits = await WelcomeBackVisits.FindAsync(scope.Appointments, scope.Cases, today, tomorrow, now, cancellationToken);
            var shown = visits.Take(WelcomeBackShown).ToList();
            var stageIds = shown.Where(v => v.StageId is not null).Select(v => v.StageId!.Value).Distinct().ToList();
            var stages = await scope.Stages.Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            return new WelcomeBackPanel(shown.Select(v => new WelcomeBackRow(v.Reference,
                v.StageId is { } id && stages.TryGetValue(id, out var stage) ? stage : ServiceDefect.StageNotSure, v.StartsAt)).ToList(), visits.Count);
        }
    }

    private sealed record PracticeHeader(
        Guid Id, string Name, string TimeZoneId, string Culture, string Currency, DateTimeOffset? LastHuddleAt, DateTimeOffset? DisplayTokenIssuedAt);

    /// <summary>
    /// The board's tables, each limited explicitly to the one practice. For staff the practice filter stays on as
    /// well (they reached this practice through it). For a display link, where no one is signed in, that filter
    /// would hide everything: there it is switched off, and the explicit practice id (found by the token) does the work.
    /// </summary>
    private sealed class BoardScope(AppDbContext db, Guid practiceId, bool viaDisplayLink)
    {
        /// <summary>Step records carry no practice id of their own: every query joins them to <see cref="Cases"/>.</summary>
        public IQueryable<T> Records<T>() where T : CaseRecord => db.Set<T>().AsNoTracking();

        public IQueryable<RecoveryCase> Cases => Of(db.Cases).Where(c => c.PracticeId == practiceId);

        public IQueryable<RecoveryCase> OpenCases => Cases.Where(c => c.Status == CaseStatus.Open);

        public IQueryable<ServiceDefect> Defects => Of(db.Defects).Where(d => d.PracticeId == practiceId);

        public IQueryable<Appointment> Appointments => Of(db.Appointments).Where(a => a.PracticeId == practiceId);

        public IQueryable<CxStage> Stages => Of(db.Stages).Where(s => s.PracticeId == practiceId);

        public IQueryable<DefectCategory> Categories => Of(db.Categories).Where(c => c.PracticeId == practiceId);

        private IQueryable<T> Of<T>(IQueryable<T> set) where T : class =>
            viaDisplayLink ? set.IgnoreQueryFilters().AsNoTracking() : set.AsNoTracking();
    }
}
