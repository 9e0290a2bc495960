namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The practice waits for the patient: the formal complaint's clocks stand still from a date, with the reason.</summary>
public static class PauseComplaintClock
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Waiting from")]
        public DateOnly? PausedFrom { get; set; }

        [Display(Name = "What the practice is waiting for")]
        public string? PauseReason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PausedFrom).NotNull().WithMessage("Enter the date the wait began.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var practice = await change.Db.Practices.SingleAsync(p => p.Id == change.Case.PracticeId, cancellationToken);
            change.Case.PauseComplaintClock(change.Actor, change.Command.PausedFrom!.Value, change.Command.PauseReason, practice, change.Now);
            return null;
        }
    }
}
