namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A practice manager (not the requester) approves a request, or declines it with a reason.</summary>
public static class DecideRequest
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        public Guid RequestId { get; set; }

        /// <summary>True to approve; false to decline.</summary>
        public bool Approve { get; set; }

        [Display(Name = "Reason, if declining")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty().WithMessage("Choose a request.");
            RuleFor(c => c.Reason).ShortText("the reason for declining", Limits.Reason).When(c => !c.Approve);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            if (change.Command.Approve)
            {
                change.Case.ApproveRequest(change.Command.RequestId, change.Actor, change.Now);
            }
            else
            {
                change.Case.DeclineRequest(change.Command.RequestId, change.Actor, change.Command.Reason!, change.Now);
            }

            return Done();
        }
    }
}
