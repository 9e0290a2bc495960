namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A manager reopens a closed case, with the reason.</summary>
public static class ReopenCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Reason for reopening")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for reopening", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Reopen(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}
