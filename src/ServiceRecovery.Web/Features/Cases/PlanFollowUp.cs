namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Extend the outcome: plan a follow-up (date and method) and later record how it went.</summary>
public static class PlanFollowUp
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Planned for")]
        public DateOnly? PlannedFor { get; set; }

        [Display(Name = "How")]
        public FollowUpMethod Method { get; set; } = FollowUpMethod.Call;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PlannedFor).NotNull().WithMessage("Enter the date of the follow-up.");
            RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how to follow up.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.PlanFollowUp(change.Actor, change.Command.PlannedFor!.Value, change.Command.Method, change.Locale, change.Now);
            return Done();
        }
    }
}
