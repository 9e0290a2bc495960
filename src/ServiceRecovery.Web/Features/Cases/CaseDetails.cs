using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Everything the case page shows. Null when the case does not exist or belongs to another practice.</summary>
public static class CaseDetails
{
    public sealed record Query(Guid Id) : IQuery<View?>;

    /// <summary>The case as read (not tracked), with what the page needs around it.</summary>
    public sealed record View(
        RecoveryCase Case,
        string PracticeName,
        PracticeLocale Locale,
        PatientView Patient,
        string Stage,
        string? Category,
        IReadOnlyList<ImprovementView> LinkedImprovements,
        IReadOnlyList<ImprovementView> OtherImprovements,
        IReadOnlyList<StaffDirectory.Member> Staff,
        decimal? MyGestureLimit,
        bool IsManager,
        DateTimeOffset Now)
    {
        public Guid Id => Case.Id;
        public string Reference => Case.Reference;
        public Guid Version => Case.Version;
        public CaseStatus Status => Case.Status;
        public bool IsOpen => Case.Status == CaseStatus.Open;
        public DateOnly Today => DateOnly.FromDateTime(Locale.ToLocal(Now));

        public IEnumerable<StepView> Steps => ServiceSteps.InOrder.Select(Step);

        public StepView Step(ServiceStep step)
        {
            var track = Case.Track(step);
            return new StepView(step, Case.StateOf(step, Now), track.DueAt, track.SettledAt, track.SkipReason);
        }
    }

    public sealed record PatientView(string DisplayName, string? Phone, string? Email, IReadOnlyList<EarlierCase> EarlierCases, bool IsAnonymous = false);

    public sealed record EarlierCase(Guid Id, string Reference, CaseStatus Status, DateTimeOffset OpenedAt);

    public sealed record ImprovementView(Guid Id, string Title, ImprovementStatus Status, string? OwnerName, DateOnly? DueOn);

    public sealed record StepView(ServiceStep Step, StepState State, DateTimeOffset DueAt, DateTimeOffset? SettledAt, string? SkipReason);

    public sealed class Handler(AppDbContext db, TimeProvider clock, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var c = await db.Cases.AsNoTracking().AsSplitQuery()
                .Include(x => x.Defect)
                .Include(x => x.Apologies)
                .Include(x => x.Fixes)
                .Include(x => x.Contacts)
                .Include(x => x.Gestures)
                .Include(x => x.ImprovementLinks)
                .Include(x => x.Lessons)
                .Include(x => x.FollowUps)
                .Include(x => x.Returns)
                .Include(x => x.Skips)
                .Include(x => x.Timeline)
                .SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
            if (c is null)
            {
                return null;
            }

            var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == c.PracticeId, cancellationToken);
            // An anonymous comment card has no patient: nobody to contact and no other cases to link.
            var patient = c.Defect.PatientId is { } patientId
                ? await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, cancellationToken)
                : null;
            var earlier = patient is null ? [] : await db.Cases.AsNoTracking()
                .Where(x => x.Defect.PatientId == patient.Id && x.Id != c.Id)
                .OrderByDescending(x => x.OpenedAt)
                .Take(10)
                .Select(x => new EarlierCase(x.Id, x.Reference, x.Status, x.OpenedAt))
                .ToListAsync(cancellationToken);
            var stage = c.Defect.StageId is { } stageId
                ? await db.Stages.AsNoTracking().Where(s => s.Id == stageId).Select(s => s.Name).SingleAsync(cancellationToken)
                : ServiceDefect.StageNotSure;
            var category = c.Defect.CategoryId is { } categoryId
                ? await db.Categories.AsNoTracking().Where(x => x.Id == categoryId).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken)
                : null;

            var linkedIds = c.ImprovementLinks.Select(l => l.ImprovementId).ToList();
            var improvements = await db.Improvements.AsNoTracking()
                .Where(i => i.PracticeId == c.PracticeId && (linkedIds.Contains(i.Id) || i.Status != ImprovementStatus.Done))
                .OrderBy(i => i.Title)
                .Take(200)
                .Select(i => new ImprovementView(i.Id, i.Title, i.Status, i.OwnerName, i.DueOn))
                .ToListAsync(cancellationToken);
            var staff = await StaffDirectory.ActiveMembersAsync(db, c.PracticeId, cancellationToken);

            var actor = user.ToActor();
            return new View(
                c,
                practice.Name,
                new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency),
                patient is null
                    ? new PatientView(ServiceDefect.AnonymousPatientInFull, null, null, [], IsAnonymous: true)
                    : new PatientView(patient.DisplayName, patient.Phone, patient.Email, earlier),
                stage,
                category,
                improvements.Where(i => linkedIds.Contains(i.Id)).ToList(),
                improvements.Where(i => !linkedIds.Contains(i.Id)).ToList(),
                staff,
                practice.GestureLimits.For(actor.Role),
                actor.IsManager,
                clock.GetUtcNow());
        }
    }
}
