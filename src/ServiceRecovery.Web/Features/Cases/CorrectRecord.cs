namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Correct the wording of a fix, a contact or a lesson; the original stays visible.</summary>
public static class CorrectRecord
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        public Guid RecordId { get; set; }

        [Display(Name = "Corrected text")]
        public string? Text { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RecordId).NotEmpty().WithMessage("Choose the record to correct.");
            RuleFor(c => c.Text).LongText("the corrected text", Limits.Description);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) =>
            cases.Include(c => c.Fixes).Include(c => c.Contacts).Include(c => c.Lessons);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.CorrectRecord(change.Command.RecordId, change.Command.Text!, change.Actor, change.Now);
            return Done();
        }
    }
}
