namespace ServiceRecovery.Web.Features.Cases;

/// <summary>A manager records what the practice found on a formal complaint, and whether the patient went to the escalation body.</summary>
public static class RecordComplaintOutcome
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "What the practice found")]
        public ComplaintFinding? Finding { get; set; }

        [Display(Name = "The patient went to the escalation body")]
        public bool WentToEscalationBody { get; set; }

        [Display(Name = "On")]
        public DateOnly? EscalatedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Finding).NotNull().WithMessage("Choose what the practice found.")
                .IsInEnum().WithMessage("Choose what the practice found.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var practice = await change.Db.Practices.SingleAsync(p => p.Id == change.Case.PracticeId, cancellationToken);
            var command = change.Command;
            change.Case.RecordComplaintOutcome(change.Actor, command.Finding!.Value, command.WentToEscalationBody, command.EscalatedOn, practice, change.Now);
            return null;
        }
    }
}
