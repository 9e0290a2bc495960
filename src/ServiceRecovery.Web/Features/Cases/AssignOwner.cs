namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Assign or reassign the owner: an active member of the practice, or nobody.</summary>
public static class AssignOwner
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Owner")]
        public string? OwnerId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.OwnerId).MaximumLength(450).WithMessage("Choose an owner from the list.");
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var owner = await StaffDirectory.FindMemberAsync(change.Db, change.Case.PracticeId, change.Command.OwnerId, cancellationToken);
            if (!string.IsNullOrEmpty(change.Command.OwnerId) && owner is null)
            {
                return Invalid(nameof(Command.OwnerId), "Choose an owner from the practice's staff.");
            }

            change.Case.AssignOwner(owner?.Id, owner?.Name, change.Actor, change.Now);
            return null;
        }
    }
}
