namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The patient came back: with the other steps settled, this resolves the case.</summary>
public static class RecordReturn
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Returned on")]
        public DateOnly? ReturnedOn { get; set; }

        [Display(Name = "What for")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReturnedOn).NotNull().WithMessage("Enter the date the patient came back.");
            RuleFor(c => c.Reason).ShortText("what the patient came back for", Limits.ShortText);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Defect);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordReturn(change.Actor, change.Command.ReturnedOn!.Value, change.Command.Reason!, change.Locale, change.Now);
            return Done();
        }
    }
}
