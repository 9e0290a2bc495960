namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// GET /api/v1/cases/{reference}: where a case of the key's practice stands, for a system that opened it or shows its
/// progress. The minimum necessary: status, severity, stage, when it opened, and each SERVICE step's state as the case
/// page shows it (<see cref="StepTracks"/>); never the patient, their contact or what happened.
/// </summary>
public static class ReadCase
{
    public sealed record Step(string Key, string Title, string State, DateTimeOffset DueAt, DateTimeOffset? SettledAt);

    public sealed record NextDue(string Step, DateTimeOffset DueAt);

    public sealed record View(
        string Reference,
        string Status,
        string Severity,
        string? Stage,
        DateTimeOffset OpenedAt,
        DateTimeOffset? ResolvedAt,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? WithdrawnAt,
        string? CurrentStep,
        NextDue? NextDue,
        IReadOnlyList<Step> Steps);

    /// <summary>An API key of the practice (a front-desk membership of that practice alone) with <c>cases:read</c>, checked at the endpoint. Null: the practice has no such case.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid PracticeId, CaseReference Reference) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // Through the practice filter and named by practice (the unique index of a practice's references): another
            // practice's case is not found, exactly as a reference that does not exist.
            var row = await db.Cases.AsNoTracking()
                .Where(c => c.PracticeId == query.PracticeId && c.Year == query.Reference.Year && c.Number == query.Reference.Number)
                .Select(c => new
                {
                    c.Reference,
                    c.Status,
                    c.Severity,
                    c.OpenedAt,
                    c.ResolvedAt,
                    c.ClosedAt,
                    c.WithdrawnAt,
                    c.CurrentStep,
                    c.Steps,
                    Stage = db.Stages.Where(s => s.Id == c.StageId).Select(s => s.Name).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var open = row.Status == CaseStatus.Open;
            var steps = ServiceSteps.InOrder.Select(step => new Step(ApiText.Kebab(step), step.Title(), ApiText.Kebab(row.Steps.StateOf(step, now)),
                row.Steps[step].DueAt, row.Steps[step].SettledAt)).ToList();
            var next = open && row.Steps.NextDue is { } due ? new NextDue(ApiText.Kebab(due.Step), due.Track.DueAt) : null;
            return new View(row.Reference, ApiText.Kebab(row.Status), ApiText.Kebab(row.Severity), row.Stage, row.OpenedAt, row.ResolvedAt,
                row.ClosedAt, row.WithdrawnAt, open && row.CurrentStep is { } current ? ApiText.Kebab(current) : null, next, steps);
        }
    }
}
