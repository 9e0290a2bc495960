namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A practice manager brings a withdrawn case back to the queue, with the reason.</summary>
public static class ReinstateCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Reason for reinstating")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for reinstating", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Reinstate(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}
