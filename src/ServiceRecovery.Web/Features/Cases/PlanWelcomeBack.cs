namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Extend the outcome: a manager chooses, ahead of the patient's next visit, the gesture to welcome them back with.</summary>
public static class PlanWelcomeBack
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Welcome-back gesture")]
        public string? Gesture { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Gesture).ShortText("the welcome-back gesture", WelcomeGestureList.MaxLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.PlanWelcomeBack(change.Actor, change.Command.Gesture!, change.Now);
            return Done();
        }
    }
}
