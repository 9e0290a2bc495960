namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Skip a step that does not apply, with the written reason.</summary>
public static class SkipStep
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Step")]
        public ServiceStep? Step { get; set; }

        [Display(Name = "Reason")]
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
            change.Case.Skip(change.Command.Step!.Value, change.Command.Reason!, change.Actor, change.Now);
            return Done();
        }
    }
}
