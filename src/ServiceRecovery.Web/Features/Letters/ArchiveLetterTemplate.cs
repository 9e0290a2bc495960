namespace ServiceRecovery.Web.Features.Letters;

/// <summary>Takes a custom template out of the practice's list; it and its versions stay stored.</summary>
public static class ArchiveLetterTemplate
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : EditCommand<Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }
        public Guid TemplateId { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await ForEdit.LoadAsync(
                db, db.LetterTemplates.Where(t => t.Id == command.TemplateId && t.PracticeId == command.PracticeId), command.Version, t => t.Version,
                t => new ConcurrencyConflict(t.LastSavedByName, t.LastSavedAt), cancellationToken);
            if (!editing.Found(out var template))
            {
                return editing.Refusal<Unit>();
            }

            template.Archive(user.ToActor(command.PracticeId), clock.GetUtcNow());
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
