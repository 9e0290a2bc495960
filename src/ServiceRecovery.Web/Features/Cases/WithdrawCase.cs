namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Withdraw a case logged in error or twice, with the reason.</summary>
public static class WithdrawCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Reason for withdrawing")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for withdrawing", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Withdraw(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}
