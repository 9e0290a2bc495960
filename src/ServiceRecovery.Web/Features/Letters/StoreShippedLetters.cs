namespace ServiceRecovery.Web.Features.Letters;

/// <summary>On the first visit to the templates page, stores the shipped words of each kind the practice has not saved, as version 1.</summary>
public static class StoreShippedLetters
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<int>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<int>>
    {
        public async ValueTask<CommandResult<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Practices.AnyAsync(p => p.Id == command.PracticeId, cancellationToken))
            {
                return CommandResult<int>.NotFound();
            }

            var kinds = await db.LetterTemplates.Where(t => t.PracticeId == command.PracticeId).Select(t => t.Kind).Distinct().ToListAsync(cancellationToken);
            var missing = ShippedLetters.All.Where(s => !kinds.Contains(s.Kind)).ToList();
            foreach (var shipped in missing)
            {
                db.LetterTemplates.Add(LetterTemplate.Create(command.PracticeId, shipped.Kind, shipped.Name, shipped.Subject, shipped.Body, user.ToActor(command.PracticeId), clock.GetUtcNow()));
            }

            return CommandResult<int>.Ok(missing.Count);
        }
    }
}
