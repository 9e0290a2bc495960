namespace ServiceRecovery.Web.Features.GettingStarted;

/// <summary>
/// A manager marks a fact of the practice's checklist: "Looks right", the printable card opened, dismissed, shown again.
/// A mark already in force is not written twice, so reopening the card page or a double click adds nothing.
/// Dismissing and showing again are audited.
/// </summary>
public static class RecordChecklistMark
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId, ChecklistMarkKind Kind) : IAppCommand<Unit>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.AsNoTracking().Where(p => p.Id == command.PracticeId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken);
            if (practice is null)
            {
                return CommandResult<Unit>.NotFound();
            }

            var marks = db.ChecklistMarks.Where(m => m.PracticeId == practice.Id);
            bool inForce;
            if (command.Kind is ChecklistMarkKind.Dismissed or ChecklistMarkKind.ShownAgain)
            {
                // A checklist never dismissed is showing: the latest of the two marks decides.
                var last = await marks.Where(m => m.Kind == ChecklistMarkKind.Dismissed || m.Kind == ChecklistMarkKind.ShownAgain)
                    .OrderByDescending(m => m.At).Select(m => (ChecklistMarkKind?)m.Kind).FirstOrDefaultAsync(cancellationToken);
                inForce = (last ?? ChecklistMarkKind.ShownAgain) == command.Kind;
            }
            else
            {
                inForce = await marks.AnyAsync(m => m.Kind == command.Kind, cancellationToken);
            }

            if (inForce)
            {
                return CommandResult<Unit>.Ok(Unit.Value);
            }

            db.ChecklistMarks.Add(ChecklistMark.Record(practice.Id, command.Kind, user.ToActor(practice.Id), clock.GetUtcNow()));
            if (command.Kind is ChecklistMarkKind.Dismissed or ChecklistMarkKind.ShownAgain)
            {
                audit.Add(AuditKind.SettingsChanged, practice.Id,
                    $"{practice.Name}: getting-started checklist {(command.Kind == ChecklistMarkKind.Dismissed ? "dismissed" : "shown again")}");
            }

            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
