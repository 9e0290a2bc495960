namespace ServiceRecovery.Web.Features.ApiKeys;

/// <summary>Switches a key off for good: the next call with it gets 401. Audited; the key stays listed as revoked.</summary>
public static class RevokeApiKey
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : EditCommand<Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }

        public Guid KeyId { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await ForEdit.LoadAsync(db, db.ApiKeys.Where(k => k.Id == command.KeyId && k.PracticeId == command.PracticeId),
                command.Version, k => k.Version, k => new ConcurrencyConflict(k.RevokedByName ?? "another manager", k.RevokedAt), cancellationToken);
            if (!editing.Found(out var key))
            {
                return editing.Refusal<Unit>();
            }

            key.Revoke(user.ToActor(key.PracticeId), clock.GetUtcNow());
            audit.Add(AuditKind.ApiKeyRevoked, key.PracticeId, $"API key \"{AuditLog.AsTyped(key.Name)}\" ({key.Prefix}…) revoked");
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
