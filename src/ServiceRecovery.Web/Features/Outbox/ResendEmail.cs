using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Outbox;

/// <summary>An administrator sends a failed email again.</summary>
public static class ResendEmail
{
    [Requires(StaffRole.Administrator)]
    public sealed record Command(Guid MessageId) : IAppCommand<Unit>, ITargetsOutboxMessage
    {
        Guid ITargetsOutboxMessage.TargetMessageId => MessageId;
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == command.MessageId, cancellationToken);
            if (message is null)
            {
                return CommandResult<Unit>.NotFound();
            }

            message.RetryNow(clock.GetUtcNow());
            audit.Add(AuditKind.EmailResent, message.PracticeId, $"Email {message.Kind.Words().ToLowerInvariant()} \"{message.Subject}\" queued to send again");
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
