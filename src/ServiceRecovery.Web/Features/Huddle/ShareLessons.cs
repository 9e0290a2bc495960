using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// "Shared at today's huddle": the manager marks the lessons on the board shared today (the practice's date), which
/// settles each case's Communicate step, and records that the huddle was held, so "new since the last huddle"
/// starts again. One transaction for the lot.
/// </summary>
public static class ShareLessons
{
    /// <summary>More than the board ever shows; a bound on what one post can touch.</summary>
    public const int MaxCases = 50;

    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<int>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;

        /// <summary>
        /// The cases whose lessons were on the board when the manager pressed the button: what the team saw is what
        /// is marked shared, not a lesson recorded a moment later.
        /// </summary>
        public List<Guid> CaseIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PracticeId).NotEmpty().WithMessage("Choose the practice.");
            RuleFor(c => c.CaseIds).Must(ids => ids.Count <= MaxCases).WithMessage($"Mark at most {MaxCases} cases at once.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : Mediator.ICommandHandler<Command, CommandResult<int>>
    {
        public async ValueTask<CommandResult<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return CommandResult<int>.NotFound();
            }

            var actor = user.ToActor(practice.Id);

            var now = clock.GetUtcNow();
            var today = practice.Locale.DateAt(now);
            var ids = command.CaseIds.Distinct().ToList();
            var cases = ids.Count == 0
                ? []
                : await db.Cases.AsSplitQuery().Include(c => c.Lessons).Include(c => c.Requests)
                    .Where(c => c.PracticeId == practice.Id && ids.Contains(c.Id) && c.Status == CaseStatus.Open)
                    .Where(c => c.Lessons.Any(l => l.SharedOn == null))
                    .ToListAsync(cancellationToken);
            var shared = cases.Sum(c => c.Lessons.Count(l => l.SharedOn is null));
            foreach (var recoveryCase in cases)
            {
                recoveryCase.MarkLessonsShared(actor, today, practice.Locale, now);
            }

            practice.MarkHuddleHeld(now);
            return CommandResult<int>.Ok(shared);
        }
    }
}
