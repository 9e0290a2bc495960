using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvements;

/// <summary>The practice's improvements: each with the cases it serves.</summary>
public static class PracticeImprovements
{
    public const int Limit = 500;

    [Requires(StaffRole.FrontDesk)]
    public sealed record ListQuery : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Title, ImprovementStatus Status, string? OwnerName, DateOnly? DueOn, string PracticeName, int Cases);

    public sealed class ListHandler(AppDbContext db) : IQueryHandler<ListQuery, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(ListQuery query, CancellationToken cancellationToken) =>
            await (from i in db.Improvements
                   join p in db.Practices on i.PracticeId equals p.Id
                   orderby i.Status, i.DueOn, i.Title
                   select new Row(i.Id, i.Title, i.Status, i.OwnerName, i.DueOn, p.Name, db.Set<ImprovementLink>().Count(l => l.ImprovementId == i.Id)))
                .Take(Limit)
                .ToListAsync(cancellationToken);
    }

    [Requires(StaffRole.FrontDesk)]
    public sealed record DetailsQuery(Guid Id) : IQuery<Details?>, ITargetsImprovement
    {
        Guid ITargetsImprovement.TargetImprovementId => Id;
    }

    public sealed record Details(Improvement Improvement, string PracticeName, PracticeLocale Locale, IReadOnlyList<LinkedCase> Cases, bool MayChangeStatus);

    public sealed record LinkedCase(Guid Id, string Reference, CaseStatus Status, string Stage, DateTimeOffset OpenedAt);

    public sealed class DetailsHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<DetailsQuery, Details?>
    {
        public async ValueTask<Details?> Handle(DetailsQuery query, CancellationToken cancellationToken)
        {
            var improvement = await db.Improvements.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.Id, cancellationToken);
            if (improvement is null)
            {
                return null;
            }

            var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == improvement.PracticeId, cancellationToken);
            var cases = await (from l in db.Set<ImprovementLink>()
                               join c in db.Cases on l.CaseId equals c.Id
                               join s in db.Stages on c.Defect.StageId equals (Guid?)s.Id into stages
                               from s in stages.DefaultIfEmpty()
                               where l.ImprovementId == improvement.Id
                               orderby c.OpenedAt descending
                               select new LinkedCase(c.Id, c.Reference, c.Status, s == null ? ServiceDefect.StageNotSure : s.Name, c.OpenedAt))
                .Take(Limit)
                .ToListAsync(cancellationToken);
            return new Details(improvement, practice.Name, new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency), cases, improvement.MayChangeStatus(user.ToActor(improvement.PracticeId)));
        }
    }

    /// <summary>
    /// Move an improvement along (Proposed → In progress → Done). The form carries the version it was built from, so a
    /// concurrent change is never overwritten; the improvement's owner or a practice manager of its practice may change it
    /// (the domain rule); each change is on the practice's audit trail.
    /// </summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed class ChangeStatus : EditCommand<Mediator.Unit>, ITargetsImprovement
    {
        public Guid ImprovementId { get; set; }

        Guid ITargetsImprovement.TargetImprovementId => ImprovementId;

        [Display(Name = "Status")]
        public ImprovementStatus Status { get; set; }
    }

    public sealed class ChangeStatusValidator : AbstractValidator<ChangeStatus>
    {
        public ChangeStatusValidator() => RuleFor(c => c.Status).IsInEnum().WithMessage("Choose a status from the list.");
    }

    public sealed class ChangeStatusHandler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : ICommandHandler<ChangeStatus, CommandResult<Mediator.Unit>>
    {
        public async ValueTask<CommandResult<Mediator.Unit>> Handle(ChangeStatus command, CancellationToken cancellationToken)
        {
            var editing = await ForEdit.LoadAsync(
                db, db.Improvements.Where(i => i.Id == command.ImprovementId), command.Version, i => i.Version,
                i => new ConcurrencyConflict(i.StatusChangedByName ?? "another user", i.StatusChangedAt), cancellationToken);
            if (!editing.Found(out var improvement))
            {
                return editing.Refusal<Mediator.Unit>();
            }
            if (improvement.MoveTo(command.Status, user.ToActor(improvement.PracticeId), clock.GetUtcNow()) is { } change)
            {
                audit.Add(AuditKind.ImprovementChanged, improvement.PracticeId, change.Describe(AuditLog.AsTyped(improvement.Title, Limits.ShortText)));
            }

            return CommandResult<Mediator.Unit>.Ok(Mediator.Unit.Value);
        }
    }
}
