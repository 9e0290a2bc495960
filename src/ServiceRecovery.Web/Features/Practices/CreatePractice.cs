namespace ServiceRecovery.Web.Features.Practices;

/// <summary>A new practice with the default stages and categories; the administrator who makes it becomes its Administrator.</summary>
public static class CreatePractice
{
    [Requires(StaffRole.Administrator)]
    public sealed class Command : PracticeForm, IAppCommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PracticeFormRules());
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : Mediator.ICommandHandler<Command, CommandResult<Guid>>
    {
        public async ValueTask<CommandResult<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practice = Practice.CreateWithDefaults(command.ToDetails());
            if (await PracticeForm.SlugTakenAsync(db, practice.Slug, null, cancellationToken))
            {
                return CommandResult<Guid>.Invalid(nameof(Command.Slug), PracticeForm.SlugClash);
            }

            db.Practices.Add(practice);
            db.Memberships.Add(new PracticeMembership { UserId = user.UserId!, PracticeId = practice.Id, Role = StaffRole.Administrator });
            audit.Add(AuditKind.PracticeCreated, practice.Id, $"Practice {practice.Name} created (comment card /feedback/{practice.Slug})");
            return CommandResult<Guid>.Ok(practice.Id);
        }
    }
}
