namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A manager approves or declines (with a reason) a gesture above a staff member's limit.</summary>
public static class DecideGesture
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        public Guid GestureId { get; set; }

        /// <summary>True to approve; false to decline.</summary>
        public bool Approve { get; set; }

        [Display(Name = "Reason for declining")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GestureId).NotEmpty().WithMessage("Choose a gesture.");
            RuleFor(c => c.Reason).ShortText("the reason for declining", Limits.Reason).When(c => !c.Approve);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Gestures);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            if (change.Command.Approve)
            {
                change.Case.ApproveGesture(change.Command.GestureId, change.Actor, change.Now);
            }
            else
            {
                change.Case.DeclineGesture(change.Command.GestureId, change.Actor, change.Command.Reason!, change.Now);
            }

            return Done();
        }
    }
}
