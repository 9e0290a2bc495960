using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

public static class RevokeDisplayLink
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<Unit>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, AuditLog audit) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await DisplayLinkPractice.LoadAsync(db, command.PracticeId, cancellationToken);
            if (!editing.Found(out var practice))
            {
                return editing.Refusal<Unit>();
            }

            if (practice.DisplayTokenHash is null)
            {
                return CommandResult<Unit>.Invalid("", "There is no display link to revoke.");
            }

            practice.RevokeDisplayToken();
            audit.Add(AuditKind.DisplayLinkRevoked, practice.Id, "Huddle display link revoked");
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
