using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Everything the case page shows. Null when the case does not exist or belongs to another practice.</summary>
public static class CaseDetails
{
    public sealed record Query(Guid Id) : IQuery<View?>;

    public sealed record View(
        Guid Id,
        string Reference,
        Guid Version,
        CaseStatus Status,
        string PracticeName,
        PracticeLocale Locale,
        PatientView Patient,
        DefectView Defect,
        string? OwnerName,
        ServiceStep? CurrentStep,
        DateTimeOffset OpenedAt,
        TimeSpan? TimeToApology,
        IReadOnlyList<StepView> Steps,
        IReadOnlyList<Apology> Apologies,
        IReadOnlyList<TimelineEvent> Timeline,
        DateTimeOffset Now)
    {
        public bool IsOpen => Status == CaseStatus.Open;

        public StepView Step(ServiceStep step) => Steps.Single(s => s.Step == step);
    }

    public sealed record PatientView(string DisplayName, string? Phone, string? Email, int EarlierCases);

    public sealed record DefectView(string Stage, string? Category, Severity Severity, DefectChannel Channel, DateTimeOffset OccurredAt, string Description, string LoggedByName, DateTimeOffset LoggedAt);

    public sealed record StepView(ServiceStep Step, StepState State, DateTimeOffset DueAt, DateTimeOffset? SettledAt, string? SkipReason);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var c = await db.Cases.AsNoTracking().AsSplitQuery()
                .Include(x => x.Defect)
                .Include(x => x.Apologies)
                .Include(x => x.Timeline)
                .SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
            if (c is null)
            {
                return null;
            }

            var practice = await db.Practices.AsNoTracking().Where(p => p.Id == c.PracticeId)
                .Select(p => new { p.Name, p.TimeZoneId, p.Culture, p.Currency }).SingleAsync(cancellationToken);
            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == c.Defect.PatientId, cancellationToken);
            var earlierCases = await db.Cases.CountAsync(x => x.Defect.PatientId == patient.Id && x.OpenedAt < c.OpenedAt, cancellationToken);
            var stage = await db.Stages.AsNoTracking().Where(s => s.Id == c.Defect.StageId).Select(s => s.Name).SingleAsync(cancellationToken);
            var category = c.Defect.CategoryId is { } categoryId
                ? await db.Categories.AsNoTracking().Where(x => x.Id == categoryId).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken)
                : null;

            var now = clock.GetUtcNow();
            var d = c.Defect;
            return new View(
                c.Id, c.Reference, c.Version, c.Status, practice.Name, new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency),
                new PatientView(patient.DisplayName, patient.Phone, patient.Email, earlierCases),
                new DefectView(stage, category, d.Severity, d.Channel, d.OccurredAt, d.Description, d.LoggedByName, d.LoggedAt),
                c.OwnerName, c.CurrentStep, c.OpenedAt, c.TimeToApology,
                ServiceSteps.InOrder.Select(s => new StepView(s, c.StateOf(s, now), c.Track(s).DueAt, c.Track(s).SettledAt, c.Track(s).SkipReason)).ToList(),
                c.Apologies.OrderBy(a => a.ApologisedAt).ToList(),
                c.Timeline.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList(),
                now);
        }
    }
}
