namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A manager closes a resolved case after review.</summary>
public static class CloseCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand;

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Close(change.Actor, change.Now);
            return Done();
        }
    }
}
