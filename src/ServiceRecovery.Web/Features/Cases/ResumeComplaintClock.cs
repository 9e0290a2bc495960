namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The patient answered: the formal complaint's clocks run again from a date (that day counts).</summary>
public static class ResumeComplaintClock
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Resumed on")]
        public DateOnly? ResumedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ResumedOn).NotNull().WithMessage("Enter the date the clock runs again.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var practice = await change.Db.Practices.SingleAsync(p => p.Id == change.Case.PracticeId, cancellationToken);
            change.Case.ResumeComplaintClock(change.Actor, change.Command.ResumedOn!.Value, practice, change.Now);
            return null;
        }
    }
}
