namespace ServiceRecovery.Web.Features.Cases;

public static class RecordFollowUpOutcome
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        public Guid FollowUpId { get; set; }

        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FollowUpId).NotEmpty().WithMessage("Choose a follow-up.");
            RuleFor(c => c.Outcome).LongText("how the follow-up went", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.FollowUps);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordFollowUpOutcome(change.Command.FollowUpId, change.Actor, change.Command.Outcome!, change.Now);
            return Done();
        }
    }
}
