namespace ServiceRecovery.Web.Features.ApiKeys;

/// <summary>
/// A new key for one practice: its secret is the command's result, shown once in the response to this form and never
/// stored (only its hash is). Audited with the key's name, prefix and scopes.
/// </summary>
public static class CreateApiKey
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<string>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }

        [Display(Name = "Key name")]
        public string? Name { get; set; }

        public List<string> Scopes { get; set; } = [];

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the key a name, such as the system that will use it.")
                .MaximumLength(Limits.Name).WithMessage($"Key name must be at most {Limits.Name} characters.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<string>>
    {
        public async ValueTask<CommandResult<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Practices.AnyAsync(p => p.Id == command.PracticeId, cancellationToken))
            {
                return CommandResult<string>.NotFound();
            }

            var (key, secret) = ApiKey.Create(command.PracticeId, command.Name ?? "", command.Scopes, user.ToActor(command.PracticeId), clock.GetUtcNow());
            db.ApiKeys.Add(key);
            audit.Add(AuditKind.ApiKeyCreated, key.PracticeId, $"API key \"{AuditLog.AsTyped(key.Name)}\" ({key.Prefix}…) created with scopes {string.Join(", ", key.ScopeList)}");
            return CommandResult<string>.Ok(secret);
        }
    }
}
