namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Front desk asks a practice manager to skip Say sorry, with the reason; the step stays due (and escalates) until then.</summary>
public static class RequestSkip
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Step")]
        public ServiceStep? Step { get; set; }

        [Display(Name = "Why skip it")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Step).NotNull().WithMessage("Choose the step to skip.").IsInEnum().WithMessage("Choose a SERVICE step from the list.");
            RuleFor(c => c.Reason).ShortText("the reason for skipping", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RequestSkip(change.Command.Step!.Value, change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}
