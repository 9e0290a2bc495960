namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Front desk asks a practice manager to withdraw the case, with the reason; the case stays open until a manager decides.</summary>
public static class RequestWithdrawal
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Why withdraw it")]
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
            change.Case.RequestWithdrawal(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}
