using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The display link: /huddle/display/{token} shows one practice's huddle board on the staff-room TV without
/// signing in. Only the token's hash is stored, so the link is shown once, to the manager who issued it.
/// Issuing again (renewing) replaces it; revoking switches it off. Both are audited.
/// </summary>
public static class IssueDisplayLink
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<string>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<string>>
    {
        public async ValueTask<CommandResult<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await DisplayLinkPractice.LoadAsync(db, command.PracticeId, cancellationToken);
            if (!editing.Found(out var practice))
            {
                return editing.Refusal<string>();
            }

            var renewing = practice.DisplayTokenHash is not null;
            var token = practice.IssueDisplayToken(clock.GetUtcNow());
            audit.Add(AuditKind.DisplayLinkIssued, practice.Id,
                renewing ? "Huddle display link renewed; the earlier link no longer works" : "Huddle display link issued");
            return CommandResult<string>.Ok(token);
        }
    }
}
