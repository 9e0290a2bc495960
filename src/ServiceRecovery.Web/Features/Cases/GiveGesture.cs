namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Victory: a gesture with its cost. Within the giver's role limit it is given at once; above it, it waits
/// for a manager's approval.
/// </summary>
public static class GiveGesture
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Kind of gesture")]
        public GestureKind Kind { get; set; } = GestureKind.Discount;

        [Display(Name = "Cost")]
        public decimal? Amount { get; set; }

        [Display(Name = "Note")]
        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose the kind of gesture.");
            RuleFor(c => c.Amount).NotNull().WithMessage("Enter the cost to the practice (0 if it costs nothing).");
            RuleFor(c => c.Note).OptionalText("the note", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Gestures);

        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var limits = await change.Db.Practices.Where(p => p.Id == change.Case.PracticeId).Select(p => p.GestureLimits).SingleAsync(cancellationToken);
            change.Case.GiveGesture(change.Actor, change.Command.Kind, change.Command.Amount!.Value, change.Command.Note, limits, change.Now);
            return null;
        }
    }
}
